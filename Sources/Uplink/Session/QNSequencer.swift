import Wire

/// Hands out request numbers (QN, `YYYYMMDDhhmmsszzz` local time) that strictly increase, even
/// for many frames within one millisecond (each takes the next millisecond, running ahead of the
/// clock for as long as the burst lasts). When the wall clock has been set back by more than a
/// second and no frame awaits an acknowledgement, the sequence follows the clock back: a QN then
/// repeats an earlier one only across a clock step, never among frames still in flight.
struct QNSequencer: Sendable, Equatable {
    /// The local epoch milliseconds of the last QN given.
    private(set) var lastLocalMilliseconds: Int64?

    /// The next QN for a frame sent at `wallMilliseconds` (UTC); `mayRebase` says that no QN
    /// handed out before is still awaited.
    mutating func next(wallMilliseconds: Int64, utcOffsetMinutes: Int, mayRebase: Bool) -> HJ212Timestamp {
        let local = wallMilliseconds &+ Int64(utcOffsetMinutes) * 60_000
        var value = local
        if let last = lastLocalMilliseconds, local <= last {
            value = mayRebase && local < last - 1000 ? local : last + 1
        }
        value = min(max(value, 0), SessionLocalTime.latestLocalMilliseconds)
        lastLocalMilliseconds = value
        return SessionLocalTime.timestamp(localMilliseconds: value)
    }
}
