import FieldBus
import Wire

/// A simulated half-duplex bus behind a `SerialLink`, paced by a shared `ManualClock`.
///
/// - `write` queues bytes: each takes one character time (from `characterFormat`) on the wire,
///   back to back after anything still being sent; every transmission is recorded with when its
///   first bit started, when its last stop bit ended, and the silence before it (time since the
///   last byte on the wire in either direction): the t3.5 proof.
/// - `drain` returns when the last byte enters the shift register: one character time before
///   it has left the wire (tcdrain's behaviour on a UART).
/// - Replies come from a script: each `write` takes the next entry of `script` (or asks
///   `responder`), whose bytes arrive one character time apart starting `delay` after the
///   request's last stop bit. `inject` puts foreign traffic or noise on the bus at any time;
///   `echoesWrites` reads our own bytes back like a 2-wire transceiver with RE enabled.
/// - `read(until:)` jumps the clock to the first byte's arrival (or to the deadline) and returns
///   every byte arrived by then: tests never sleep and never depend on real time.
public final class ScriptedSerialLink: SerialLink {
    /// One transmission by the master.
    public struct Transmission: Sendable, Equatable {
        public var bytes: [UInt8]
        public var startedAt: MonotonicInstant
        public var endedAt: MonotonicInstant
        /// Nanoseconds of silence on the wire before the first bit.
        public var silenceBefore: UInt64
    }

    /// What the bus does after one request: bytes arriving `delayMicroseconds` after the request's
    /// last stop bit, with `extraGapMicroseconds` between bytes (slow devices).
    public struct ScriptedReply: Sendable, Equatable {
        public var bytes: [UInt8]
        public var delayMicroseconds: Int
        public var extraGapMicroseconds: Int

        public init(_ bytes: [UInt8], afterMicroseconds delay: Int = 5_000, extraGapMicroseconds: Int = 0) {
            self.bytes = bytes
            self.delayMicroseconds = delay
            self.extraGapMicroseconds = extraGapMicroseconds
        }

        /// No answer at all.
        public static let silence = ScriptedReply([], afterMicroseconds: 0)
    }

    /// A byte on the wire towards the master.
    public struct Arrival: Sendable, Equatable {
        public var byte: UInt8
        /// Start bit begins.
        public var startedAt: MonotonicInstant
        /// Last stop bit ends: the byte is readable.
        public var at: MonotonicInstant
        public var isEcho: Bool
    }

    public enum Operation: Sendable, Hashable { case write, drain, read, discardInput }

    public let characterFormat: SerialCharacterFormat
    public let characterNanoseconds: UInt64
    private let clock: ManualClock
    /// Replies for the coming writes, first one first; when empty, `responder` is asked.
    public var script: [[ScriptedReply]] = []
    /// Answers a request when the script is empty (a simulated slave); nil means silence.
    public var responder: (([UInt8]) -> [ScriptedReply])?
    public var echoesWrites = false
    /// Errors to throw at the next call of an operation (first one first).
    public var failures: [Operation: [any Error]] = [:]

    public private(set) var transmissions: [Transmission] = []
    /// Every byte that reached the master's side of the bus (read or not), by arrival.
    public private(set) var arrivals: [Arrival] = []
    public private(set) var drains: [MonotonicInstant] = []
    public private(set) var discards: [MonotonicInstant] = []
    /// Bytes handed to the master by `read`, with the time they were handed over.
    public private(set) var deliveries: [(at: MonotonicInstant, bytes: [UInt8])] = []
    private var readCursor = 0
    private var transmitBusyUntil = MonotonicInstant.zero

    public init(format: SerialCharacterFormat, clock: ManualClock) {
        self.characterFormat = format
        self.clock = clock
        let nanos = Double(format.bitsPerCharacter) * 1_000_000_000 / Double(format.baud)
        self.characterNanoseconds = UInt64(nanos.rounded(.up))
    }

    /// Convenience: 9600 baud 8E1, the Modbus RTU default (§2.5.1).
    public convenience init(clock: ManualClock) {
        // 9600 8E1 is always a valid format.
        self.init(format: try! SerialCharacterFormat(baud: 9600, parity: .even), clock: clock)
    }

    public func write(_ bytes: [UInt8]) throws {
        try failIfScripted(.write)
        let start = max(clock.now(), transmitBusyUntil)
        let end = start.adding(nanoseconds: characterNanoseconds * UInt64(bytes.count))
        transmissions.append(Transmission(bytes: bytes, startedAt: start, endedAt: end,
                                          silenceBefore: start.nanoseconds(since: lastActivity(before: start))))
        transmitBusyUntil = end
        if echoesWrites { schedule(bytes, from: start, gap: 0, isEcho: true) }
        let replies = script.isEmpty ? (responder?(bytes) ?? []) : script.removeFirst()
        for reply in replies where !reply.bytes.isEmpty {
            schedule(reply.bytes, from: end.adding(microseconds: reply.delayMicroseconds),
                     gap: UInt64(max(0, reply.extraGapMicroseconds)) * 1000, isEcho: false)
        }
    }

    public func drain() throws {
        try failIfScripted(.drain)
        let lastInShiftRegister = transmitBusyUntil.nanoseconds >= characterNanoseconds
            ? MonotonicInstant(nanoseconds: transmitBusyUntil.nanoseconds - characterNanoseconds) : .zero
        clock.advance(to: lastInShiftRegister)
        drains.append(clock.now())
    }

    public func read(until deadline: MonotonicInstant) throws -> [UInt8] {
        try failIfScripted(.read)
        guard readCursor < arrivals.count, arrivals[readCursor].at <= max(deadline, clock.now()) else {
            clock.advance(to: deadline)
            return []
        }
        clock.advance(to: arrivals[readCursor].at)
        var bytes: [UInt8] = []
        while readCursor < arrivals.count, arrivals[readCursor].at <= clock.now() {
            bytes.append(arrivals[readCursor].byte)
            readCursor += 1
        }
        deliveries.append((clock.now(), bytes))
        return bytes
    }

    public func discardInput() throws {
        try failIfScripted(.discardInput)
        discards.append(clock.now())
        while readCursor < arrivals.count, arrivals[readCursor].at <= clock.now() { readCursor += 1 }
    }

    /// Puts `bytes` on the bus towards the master starting at `start` (foreign traffic, noise).
    public func inject(_ bytes: [UInt8], startingAt start: MonotonicInstant, extraGapMicroseconds: Int = 0) {
        schedule(bytes, from: start, gap: UInt64(max(0, extraGapMicroseconds)) * 1000, isEcho: false)
    }

    /// Non-echo bytes whose time on the wire overlaps one of our transmissions (a collision).
    public var collisions: [Arrival] {
        arrivals.filter { byte in
            !byte.isEcho && transmissions.contains { byte.startedAt < $0.endedAt && byte.at > $0.startedAt }
        }
    }

    /// Bytes scheduled but not yet read.
    public var unreadCount: Int { arrivals.count - readCursor }

    private func schedule(_ bytes: [UInt8], from start: MonotonicInstant, gap: UInt64, isEcho: Bool) {
        var begin = start
        for byte in bytes {
            let end = begin.adding(nanoseconds: characterNanoseconds)
            arrivals.append(Arrival(byte: byte, startedAt: begin, at: end, isEcho: isEcho))
            begin = end.adding(nanoseconds: gap)
        }
        let unread = arrivals[readCursor...].sorted { $0.at < $1.at }
        arrivals.replaceSubrange(readCursor..., with: unread)
    }

    private func lastActivity(before instant: MonotonicInstant) -> MonotonicInstant {
        let received = arrivals.filter { $0.startedAt < instant }.map { min($0.at, instant) }.max() ?? .zero
        let sent = transmissions.map(\.endedAt).filter { $0 <= instant }.max() ?? .zero
        return max(received, sent)
    }

    private func failIfScripted(_ operation: Operation) throws {
        if var queue = failures[operation], !queue.isEmpty {
            let error = queue.removeFirst()
            failures[operation] = queue
            throw error
        }
    }
}
