import FieldBus

/// A scripted TCP peer behind a `ByteStream`, paced by a shared `ManualClock`.
///
/// Connect attempts take the next entry of `connectScript` (succeed, refuse, or hang to the
/// deadline; succeed when the script is empty). Each `write` is recorded and takes the next entry
/// of `replies` (or asks `responder`): chunks arriving `delay` after the write, in the given
/// pieces (TCP segments), or the peer closing the connection. `read(until:)` jumps the clock to
/// the next chunk or to the deadline; tests never sleep.
public final class ScriptedByteStream: ByteStream {
    public enum ConnectOutcome: Sendable, Equatable { case succeed, refuse, hang }

    /// What the peer does after one write.
    public enum Reaction: Sendable, Equatable {
        /// `bytes` arrive `afterMicroseconds` after the write.
        case chunk([UInt8], afterMicroseconds: Int)
        /// The peer closes the connection `afterMicroseconds` after the write.
        case close(afterMicroseconds: Int)
    }

    public struct StreamError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    private let clock: ManualClock
    public var connectScript: [ConnectOutcome] = []
    public var replies: [[Reaction]] = []
    public var responder: (([UInt8]) -> [Reaction])?
    public private(set) var isConnected = false
    public private(set) var connectAttempts: [MonotonicInstant] = []
    public private(set) var writes: [(at: MonotonicInstant, bytes: [UInt8])] = []
    public private(set) var closes: [MonotonicInstant] = []
    private var pending: [(at: MonotonicInstant, bytes: [UInt8]?)] = []

    public init(clock: ManualClock) { self.clock = clock }

    public func connect(until deadline: MonotonicInstant) throws {
        connectAttempts.append(clock.now())
        switch connectScript.isEmpty ? .succeed : connectScript.removeFirst() {
        case .succeed:
            isConnected = true
            pending = []
        case .refuse:
            throw StreamError(description: "connection refused")
        case .hang:
            clock.advance(to: deadline)
            throw StreamError(description: "connect timed out")
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        guard isConnected else { throw StreamError(description: "not connected") }
        let now = clock.now()
        writes.append((now, bytes))
        let reactions = replies.isEmpty ? (responder?(bytes) ?? []) : replies.removeFirst()
        for reaction in reactions {
            switch reaction {
            case .chunk(let data, let delay): pending.append((now.adding(microseconds: delay), data))
            case .close(let delay): pending.append((now.adding(microseconds: delay), nil))
            }
        }
        pending.sort { $0.at < $1.at }
    }

    public func read(until deadline: MonotonicInstant) throws -> [UInt8] {
        guard isConnected else { throw StreamError(description: "not connected") }
        guard let first = pending.first, first.at <= max(deadline, clock.now()) else {
            clock.advance(to: deadline)
            return []
        }
        clock.advance(to: first.at)
        var bytes: [UInt8] = []
        while let next = pending.first, next.at <= clock.now() {
            pending.removeFirst()
            guard let data = next.bytes else {
                if bytes.isEmpty {
                    isConnected = false
                    throw StreamError(description: "connection reset by peer")
                }
                pending.insert(next, at: 0)
                break
            }
            bytes += data
        }
        return bytes
    }

    public func close() {
        if isConnected { closes.append(clock.now()) }
        isConnected = false
        pending = []
    }
}
