import Wire

/// What a master waits for after one request, independent of how the bytes travel (RS-485,
/// RTU over TCP, Modbus TCP): it frames the received bytes with a `Wire` decoder and decides.
///
/// Matchers keep `MatchDiagnostics`: every discarded byte is counted with the decoder's reason,
/// so a noisy bus shows up in the statistics and never ends the port.
public protocol ReplyMatcher: Sendable {
    associatedtype Reply: Sendable
    /// The request as sent on the wire.
    var requestBytes: [UInt8] { get }
    /// What the request asks, for messages ("read holding registers 0+10 from slave 3").
    var requestSummary: String { get }
    /// False for broadcasts: nothing will answer.
    var expectsReply: Bool { get }
    /// Length in bytes of the longest reply awaited (to extend the deadline by its wire time).
    var expectedReplyLength: Int { get }
    /// Counters of what was received and skipped.
    var diagnostics: MatchDiagnostics { get }
    /// Feeds received bytes; returns the reply or refusal as soon as one is framed.
    mutating func receive(_ bytes: [UInt8]) -> MatchResult<Reply>
    /// Forgets buffered bytes before a retry (diagnostics are kept).
    mutating func resetForRetry()
}

/// The outcome of feeding bytes to a `ReplyMatcher`.
public enum MatchResult<Reply: Sendable>: Sendable {
    /// Nothing decided yet.
    case pending
    /// The awaited reply.
    case reply(Reply)
    /// The device answered with a refusal (Modbus exception, DL/T 645 abnormal reply).
    case refused(FieldBusError)
}

/// What a matcher saw besides the reply.
public struct MatchDiagnostics: Sendable, Equatable {
    /// Bytes the decoder skipped (foreign frames, noise, bad CRCs).
    public var discardedBytes = 0
    /// Discard steps (each with a reason).
    public var discards = 0
    /// Our own request read back (local echo).
    public var echoes = 0
    /// Whole, valid frames that were not ours (another address, another identifier, a stale
    /// transaction id): ignored.
    public var foreignFrames = 0
    /// The most recent discard or ignore reason.
    public var lastReason: String?
    /// The first discard or ignore reason of the current attempt (usually the root cause: the
    /// CRC mismatch at a reply's first byte, before the rest of it is skipped byte by byte).
    public var firstReasonThisAttempt: String?
    /// Bytes received since the request (capped at `bytesSeenLimit`), for `.badFrame` reports.
    public var bytesSeen: [UInt8] = []

    public static let bytesSeenLimit = 512

    public init() {}

    mutating func saw(_ bytes: [UInt8]) {
        let room = Self.bytesSeenLimit - bytesSeen.count
        if room > 0 { bytesSeen.append(contentsOf: bytes.prefix(room)) }
    }

    mutating func discarded(_ count: Int, _ reason: WireError) {
        discardedBytes += count
        discards += 1
        lastReason = reason.message
        if firstReasonThisAttempt == nil { firstReasonThisAttempt = reason.message }
    }

    /// Called by matchers when a retry starts.
    mutating func beginAttempt() { firstReasonThisAttempt = nil }

    mutating func ignored(_ reason: String) {
        foreignFrames += 1
        lastReason = reason
        if firstReasonThisAttempt == nil { firstReasonThisAttempt = reason }
    }
}
