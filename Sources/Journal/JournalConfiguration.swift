/// An instant on a monotonic clock, in milliseconds. The journal never reads a clock: callers
/// pass `now` to `commitIfDue(now:)`, so group commit is deterministic under test.
public struct MonotonicInstant: Comparable, Hashable, Sendable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }
}

/// What the journal does when the ring is full of records some consumer has not acknowledged.
public enum OverwritePolicy: String, Sendable {
    /// Reclaim the oldest segment anyway and append a `.gap` record saying what was lost (default:
    /// the newest data matters most after a long outage, and the loss is on record).
    case overwriteOldest
    /// Keep everything: `commit` and `append` throw `JournalError.full` (an alarm) until the
    /// slowest consumer acknowledges enough to free the oldest segment.
    case refuseNewRecords
}

/// Tunables of a journal. Geometry comes from the block device; one segment is one erase block.
public struct JournalConfiguration: Sendable {
    /// Group-commit interval: pending records are written and synced together at most this often.
    /// The loss window on a power cut is this interval plus the caller's tick period.
    public var commitIntervalMilliseconds: Int64
    /// What to do when the ring is full of unacknowledged records.
    public var overwritePolicy: OverwritePolicy
    /// Most bytes of records held in memory awaiting commit; beyond it `append` throws `.full`.
    public var maximumPendingBytes: Int
    /// How many times a read whose CRC fails is repeated before the record counts as bad
    /// (absorbs transient bit flips on the bus).
    public var readRetries: Int

    public init(commitIntervalMilliseconds: Int64 = 1000, overwritePolicy: OverwritePolicy = .overwriteOldest,
                maximumPendingBytes: Int = 1 << 20, readRetries: Int = 2) {
        self.commitIntervalMilliseconds = commitIntervalMilliseconds
        self.overwritePolicy = overwritePolicy
        self.maximumPendingBytes = maximumPendingBytes
        self.readRetries = readRetries
    }
}

/// Where a newly registered consumer's cursor starts.
public enum ConsumerStart: Sendable {
    /// Before the oldest record the journal holds: the consumer will read everything retained.
    case oldestRetained
    /// After the newest durable record: the consumer reads only what is appended from now on.
    case newest
}
