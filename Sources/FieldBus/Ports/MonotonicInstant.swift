/// A point on the monotonic clock (CLOCK_MONOTONIC), in nanoseconds since an arbitrary origin.
///
/// Pure code never reads a clock: state machines are handed `now` as a `MonotonicInstant`
/// and return deadlines as `MonotonicInstant`s. DeviceIO's clock reads clock_gettime(2);
/// AgentTesting's `ManualClock` is advanced by the test.
public struct MonotonicInstant: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: UInt64

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    public static let zero = MonotonicInstant(nanoseconds: 0)

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// This instant moved later by `microseconds` (saturating, never wraps).
    public func adding(microseconds: Int) -> MonotonicInstant {
        let delta = UInt64(max(0, microseconds)).multipliedReportingOverflow(by: 1000)
        let sum = nanoseconds.addingReportingOverflow(delta.partialValue)
        return MonotonicInstant(nanoseconds: delta.overflow || sum.overflow ? .max : sum.partialValue)
    }

    /// Microseconds from `earlier` to this instant (0 when `earlier` is later).
    public func microseconds(since earlier: MonotonicInstant) -> Int {
        nanoseconds > earlier.nanoseconds ? Int((nanoseconds - earlier.nanoseconds) / 1000) : 0
    }

    public var description: String { "t+\(nanoseconds / 1000)µs" }
}
