/// Proleptic Gregorian dates as days since 1970-01-01 (Howard Hinnant's `days_from_civil` and
/// `civil_from_days`), the one implementation every fixed-UTC-offset conversion in the project uses.
public enum CivilCalendar {
    /// Days since 1970-01-01 of `year`-`month`-`day`.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (before it when negative).
    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0), month, day)
    }
}

extension HJ212Timestamp {
    /// The local time of UTC epoch `epochMilliseconds` in a zone `utcOffsetMinutes` east of UTC
    /// (HJ 212 writes local time at the site's fixed offset). Throws `.badValue` for a year
    /// outside 0…9999.
    public init(epochMilliseconds: Int64, utcOffsetMinutes: Int) throws(WireError) {
        let local = epochMilliseconds &+ Int64(utcOffsetMinutes) * 60_000
        let remainder = local % 86_400_000
        let days = local / 86_400_000 - (remainder < 0 ? 1 : 0)
        let ofDay = Int(remainder < 0 ? remainder + 86_400_000 : remainder)
        let date = CivilCalendar.date(days: days)
        try self.init(year: date.year, month: date.month, day: date.day, hour: ofDay / 3_600_000,
                      minute: ofDay / 60_000 % 60, second: ofDay / 1000 % 60, millisecond: ofDay % 1000)
    }

    /// The UTC epoch milliseconds of this local time in a zone `utcOffsetMinutes` east of UTC.
    public func epochMilliseconds(utcOffsetMinutes: Int) -> Int64 {
        let days = CivilCalendar.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(utcOffsetMinutes) * 60
        return seconds * 1000 + Int64(millisecond)
    }
}
