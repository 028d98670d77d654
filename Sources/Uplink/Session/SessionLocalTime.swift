import AgentCore
import Wire

/// Conversions between the UTC epoch milliseconds the agent keeps and the local civil time HJ 212
/// writes (QN, SystemTime, DataTime, BeginTime/EndTime), for a fixed UTC offset.
enum SessionLocalTime {
    /// The last millisecond HJ212Timestamp can write (9999-12-31 23:59:59.999), local.
    static let latestLocalMilliseconds: Int64 = 253_402_300_799_999

    /// The local time of `localMilliseconds` (epoch milliseconds already shifted by the UTC
    /// offset), clamped to years 1970…9999.
    static func timestamp(localMilliseconds: Int64) -> HJ212Timestamp {
        let clamped = min(max(localMilliseconds, 0), latestLocalMilliseconds)
        let date = CalendarDate(unixMilliseconds: clamped, utcOffsetMinutes: 0)
        let ofDay = Int(clamped % 86_400_000)
        do {
            return try HJ212Timestamp(year: date.year, month: date.month, day: date.day, hour: ofDay / 3_600_000,
                                      minute: ofDay / 60_000 % 60, second: ofDay / 1000 % 60, millisecond: ofDay % 1000)
        } catch {
            // Unreachable: the clamp keeps the date within years 1970…9999 and every field in range.
            preconditionFailure("local time \(clamped) ms out of HJ212Timestamp's range: \(error.message)")
        }
    }

    /// The local time of the UTC instant `wallMilliseconds` in a zone `utcOffsetMinutes` east of UTC.
    static func timestamp(wallMilliseconds: Int64, utcOffsetMinutes: Int) -> HJ212Timestamp {
        timestamp(localMilliseconds: wallMilliseconds &+ Int64(utcOffsetMinutes) * 60_000)
    }

    /// The UTC epoch milliseconds of local time `time` in a zone `utcOffsetMinutes` east of UTC.
    static func wallMilliseconds(_ time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        localMilliseconds(time) - Int64(utcOffsetMinutes) * 60_000
    }

    /// Epoch milliseconds of `time` read as UTC (Howard Hinnant's days_from_civil).
    static func localMilliseconds(_ time: HJ212Timestamp) -> Int64 {
        let year = time.month <= 2 ? time.year - 1 : time.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let monthIndex = (time.month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + time.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = Int64(era * 146_097 + dayOfEra - 719_468)
        let seconds = days * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second)
        return seconds * 1000 + Int64(time.millisecond)
    }
}
