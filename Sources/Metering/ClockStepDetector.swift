/// Detects a step of the wall clock (settimeofday, a large NTP correction, an RTC read after
/// boot) by comparing it with the monotonic clock, which never steps: the offset
/// `wall − monotonic` stays put while both tick, drifts slowly while NTP slews the wall clock, and
/// jumps when the wall clock is stepped. A state machine: the caller reads both clocks.
public struct ClockStepDetector: Sendable, Equatable {
    /// The smallest change of offset, in milliseconds, that counts as a step (a change exactly
    /// this large does not).
    public let thresholdMilliseconds: Int
    /// `wall − monotonic` at the previous observation, ns.
    public private(set) var lastOffsetNanoseconds: Int64?

    /// A detector with no observation yet; `thresholdMilliseconds` is 1 or more.
    public init(thresholdMilliseconds: Int) {
        precondition(thresholdMilliseconds >= 1, "a clock-step threshold is at least 1 ms")
        self.thresholdMilliseconds = thresholdMilliseconds
    }

    /// Compares this reading of both clocks with the previous one; returns the step, if the
    /// offset moved by more than the threshold. Every observation becomes the new baseline, so
    /// slow slewing never adds up to a step.
    public mutating func observe(wallNanoseconds: Int64, monotonicNanoseconds: UInt64) -> ClockStep? {
        let offset = wallNanoseconds &- Int64(truncatingIfNeeded: monotonicNanoseconds)
        defer { lastOffsetNanoseconds = offset }
        guard let previous = lastOffsetNanoseconds else { return nil }
        let delta = offset &- previous
        guard delta.magnitude > UInt64(thresholdMilliseconds) &* 1_000_000 else { return nil }
        return ClockStep(from: wallNanoseconds &- delta, to: wallNanoseconds, deltaNanoseconds: delta)
    }
}

/// A step of the wall clock: where it should have been, where it is, and by how much it moved
/// (positive forward), all in nanoseconds since the Unix epoch.
public struct ClockStep: Sendable, Equatable, Hashable {
    /// The wall time expected from the previous observation and the monotonic time elapsed.
    public var from: Int64
    /// The wall time read.
    public var to: Int64
    /// `to − from`.
    public var deltaNanoseconds: Int64

    public init(from: Int64, to: Int64, deltaNanoseconds: Int64) {
        self.from = from
        self.to = to
        self.deltaNanoseconds = deltaNanoseconds
    }
}
