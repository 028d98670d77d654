import Wire

/// HJ 212 times are local civil time in the site's fixed UTC offset (`[site] utc_offset`; the
/// standard's examples all imply UTC+8), while the journal keeps UTC epoch milliseconds. These
/// convert between the two, both ways, without a time-zone database: the offset is fixed.
public enum UplinkLocalTime {
    /// The local time of UTC second `unixSeconds` in a zone `utcOffsetMinutes` east of UTC.
    public static func timestamp(unixSeconds: Int64, utcOffsetMinutes: Int) throws(UplinkFrameError) -> HJ212Timestamp {
        do {
            return try HJ212Timestamp(epochMilliseconds: unixSeconds &* 1000, utcOffsetMinutes: utcOffsetMinutes)
        } catch {
            throw UplinkFrameError(.badTimestamp, "UTC second \(unixSeconds) is not a time HJ 212 can write",
                                   cause: error.description)
        }
    }

    /// The UTC second of local time `time` (its milliseconds ignored) in a zone
    /// `utcOffsetMinutes` east of UTC: for a platform's `BeginTime`/`EndTime`.
    public static func unixSeconds(of time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        (time.epochMilliseconds(utcOffsetMinutes: utcOffsetMinutes) - Int64(time.millisecond)) / 1000
    }

    /// Quotient and remainder rounded towards minus infinity (the remainder is never negative).
    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor, remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
