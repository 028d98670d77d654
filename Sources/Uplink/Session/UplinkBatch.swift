/// Journal records `after + 1 … through` as the uplink sees them: the daemon read (or appended)
/// every record of that range and `messages` are the ones that make an uplink message, in
/// sequence order. A sequence of the range without a message (a record the uplink does not send)
/// is thereby known to need no delivery, so the journal cursor may pass it.
///
/// The same shape answers a backlog read (`.fetched`), a history read (`.historyFetched`) and
/// announces newly journaled records (`.appended`).
public struct UplinkBatch: Sendable, Equatable {
    /// The sequence the read started after (the request's `after`).
    public var after: UInt64
    /// The last sequence the read covered (≥ `after`; equal when it found nothing).
    public var through: UInt64
    /// The messages of the range, in sequence order.
    public var messages: [UplinkMessage]
    /// True when nothing (of the kind asked for) lies beyond `through` at the time of the read.
    public var reachedEnd: Bool

    public init(after: UInt64, through: UInt64, messages: [UplinkMessage], reachedEnd: Bool) {
        self.after = after
        self.through = through
        self.messages = messages
        self.reachedEnd = reachedEnd
    }
}
