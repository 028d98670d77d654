/// Where minutes, hours and days start and end, for UTC epoch seconds under a fixed UTC offset.
/// Minutes are aligned to UTC minutes; hours and days to LOCAL hours and midnights (under +05:30 an
/// hour starts at hh:30 UTC). A period's HJ 212 DataTime is its start.
public struct PeriodClock: Sendable, Equatable {
    /// Local time minus UTC, in seconds (+08:00 is 28800). A whole number of minutes.
    public let utcOffsetSeconds: Int

    /// A clock for `utcOffsetSeconds` (local − UTC). The offset must be a whole number of minutes,
    /// as every civil offset is, so that each minute lies inside one hour.
    public init(utcOffsetSeconds: Int) {
        precondition(utcOffsetSeconds % 60 == 0, "a UTC offset is a whole number of minutes")
        precondition(abs(utcOffsetSeconds) < 86400, "a UTC offset is less than a day")
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The first second (UTC epoch) of the `kind` period that contains `second`.
    public func start(of kind: PeriodKind, containing second: Int64) -> Int64 {
        let offset = kind == .minute ? 0 : Int64(utcOffsetSeconds)
        let local = second + offset
        return floorDivide(local, kind.seconds) * kind.seconds - offset
    }

    /// The first second after the `kind` period that contains `second` (exclusive end).
    public func end(of kind: PeriodKind, containing second: Int64) -> Int64 {
        start(of: kind, containing: second) + kind.seconds
    }

    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
