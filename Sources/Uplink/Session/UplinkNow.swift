/// The two clock readings an `UplinkSession` is handed with every event: it never reads a clock.
public struct UplinkNow: Sendable, Equatable {
    /// Monotonic milliseconds (CLOCK_MONOTONIC, any origin): every timeout, back-off and rate.
    public var monotonicMilliseconds: Int64
    /// The wall clock, UTC epoch milliseconds: QN and SystemTime (written in local time with the
    /// settings' UTC offset) and the clock step of a 1012 set-time.
    public var wallMilliseconds: Int64

    public init(monotonicMilliseconds: Int64, wallMilliseconds: Int64) {
        self.monotonicMilliseconds = monotonicMilliseconds
        self.wallMilliseconds = wallMilliseconds
    }
}
