import FieldBus

/// Per-source token buckets for log lines, so a dead meter polled every second cannot fill the
/// flash (or journald's rate limit, which would then drop the lines that matter).
///
/// Each source key (a bus, a meter, a loop: a bounded set named by the configuration, never the
/// message text) has a bucket of `burst` tokens that refills at `refillPerMinute` tokens per minute.
/// A line takes a token or is suppressed and counted; the next line emitted for that source
/// carries the count, so the log says how much it left out. Pure: clocked by the caller's `now`.
public struct LogRateLimiter: Sendable {
    /// What to do with one line.
    public enum Decision: Sendable, Equatable {
        /// Write it.
        case emit
        /// Drop it (it is counted).
        case suppress
        /// Write it, saying that `n` lines of this source were suppressed since the last one written.
        case emitWithSuppressedCount(Int)
    }

    private struct Bucket: Sendable {
        var tokens: Int
        /// The instant the refill was last accounted up to (fractions of a token carry over).
        var refilledUpTo: MonotonicInstant
        var suppressed: Int
    }

    public let burst: Int
    public let refillPerMinute: Int
    /// Idle sources beyond this many are forgotten (a full bucket with nothing suppressed is the
    /// same as a new one), so the table stays bounded.
    public let sourceLimit: Int
    private var buckets: [String: Bucket] = [:]

    /// - Parameters:
    ///   - burst: lines a source may write at once (at least 1).
    ///   - refillPerMinute: lines per minute a source may write in the long run (0: only the burst, ever).
    ///   - sourceLimit: sources kept before idle ones are forgotten.
    public init(burst: Int, refillPerMinute: Int, sourceLimit: Int = 256) {
        self.burst = max(1, burst)
        self.refillPerMinute = max(0, refillPerMinute)
        self.sourceLimit = max(1, sourceLimit)
    }

    /// Decides for one line of `source` at `now`.
    public mutating func admit(source: String, now: MonotonicInstant) -> Decision {
        var bucket = buckets[source] ?? Bucket(tokens: burst, refilledUpTo: now, suppressed: 0)
        refill(&bucket, now: now)
        let decision: Decision
        if bucket.tokens == 0 {
            bucket.suppressed += 1
            decision = .suppress
        } else {
            bucket.tokens -= 1
            decision = bucket.suppressed == 0 ? .emit : .emitWithSuppressedCount(bucket.suppressed)
            bucket.suppressed = 0
        }
        buckets[source] = bucket
        if buckets.count > sourceLimit { forgetIdle(now: now) }
        return decision
    }

    /// Lines suppressed for `source` and not yet reported by an emitted line.
    public func pendingSuppressed(source: String) -> Int { buckets[source]?.suppressed ?? 0 }

    /// Sources currently tracked.
    public var trackedSources: Int { buckets.count }

    /// Adds the whole tokens earned since `refilledUpTo`, keeping the remainder for next time.
    private func refill(_ bucket: inout Bucket, now: MonotonicInstant) {
        let elapsed = now.nanoseconds(since: bucket.refilledUpTo)
        guard refillPerMinute > 0, bucket.tokens < burst else {
            bucket.refilledUpTo = max(bucket.refilledUpTo, now)
            return
        }
        let perToken = 60_000_000_000 / UInt64(refillPerMinute)  // nanoseconds per token
        let earned = elapsed / max(1, perToken)
        if earned >= UInt64(burst - bucket.tokens) {
            bucket.tokens = burst
            bucket.refilledUpTo = now
        } else {
            bucket.tokens += Int(earned)
            bucket.refilledUpTo = bucket.refilledUpTo.adding(nanoseconds: earned * perToken)
        }
    }

    /// Drops buckets that are full again and owe no suppressed count: they behave as new ones.
    private mutating func forgetIdle(now: MonotonicInstant) {
        for (source, var bucket) in buckets {
            refill(&bucket, now: now)
            if bucket.tokens == burst, bucket.suppressed == 0 { buckets[source] = nil }
        }
    }
}
