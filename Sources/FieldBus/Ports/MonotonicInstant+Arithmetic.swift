extension MonotonicInstant {
    /// This instant moved later by `nanoseconds` (saturating, never wraps).
    public func adding(nanoseconds delta: UInt64) -> MonotonicInstant {
        let sum = nanoseconds.addingReportingOverflow(delta)
        return MonotonicInstant(nanoseconds: sum.overflow ? .max : sum.partialValue)
    }

    /// This instant moved later by `milliseconds` (saturating).
    public func adding(milliseconds: Int) -> MonotonicInstant {
        adding(microseconds: max(0, milliseconds).multipliedReportingOverflow(by: 1000).overflow
               ? Int.max : max(0, milliseconds) * 1000)
    }

    /// Nanoseconds from `earlier` to this instant (0 when `earlier` is later).
    public func nanoseconds(since earlier: MonotonicInstant) -> UInt64 {
        nanoseconds > earlier.nanoseconds ? nanoseconds - earlier.nanoseconds : 0
    }

    /// Whole milliseconds from `earlier` to this instant, rounded up (0 when `earlier` is later).
    public func milliseconds(since earlier: MonotonicInstant) -> Int {
        Int((nanoseconds(since: earlier) + 999_999) / 1_000_000)
    }
}
