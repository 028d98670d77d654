import Wire

/// HJ 212 times are local civil time in the site's fixed UTC offset (`[site] utc_offset`; the
/// standard's examples all imply UTC+8), while the journal keeps UTC epoch milliseconds. These
/// convert between the two, both ways, without a time-zone database: the offset is fixed.
public enum UplinkLocalTime {
    /// The local time of UTC second `unixSeconds` in a zone `utcOffsetMinutes` east of UTC.
    public static func timestamp(unixSeconds: Int64, utcOffsetMinutes: Int) throws(UplinkFrameError) -> HJ212Timestamp {
        let local = unixSeconds + Int64(utcOffsetMinutes) * 60
        let (days, secondOfDay) = floorDivision(local, 86_400)
        let (year, month, day) = civil(fromDays: days)
        do {
            return try HJ212Timestamp(year: Int(year), month: month, day: day, hour: Int(secondOfDay / 3600),
                                      minute: Int(secondOfDay % 3600 / 60), second: Int(secondOfDay % 60))
        } catch {
            throw UplinkFrameError(.badTimestamp, "UTC second \(unixSeconds) is not a time HJ 212 can write",
                                   cause: error.description)
        }
    }

    /// The UTC second of local time `time` (its milliseconds ignored) in a zone
    /// `utcOffsetMinutes` east of UTC: for a platform's `BeginTime`/`EndTime`.
    public static func unixSeconds(of time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        let days = Self.days(fromCivil: Int64(time.year), month: Int64(time.month), day: Int64(time.day))
        let local = days * 86_400 + Int64(time.hour) * 3600 + Int64(time.minute) * 60 + Int64(time.second)
        return local - Int64(utcOffsetMinutes) * 60
    }

    /// Quotient and remainder rounded towards minus infinity (the remainder is never negative).
    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor, remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 → proleptic Gregorian date.
    static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`: proleptic Gregorian date → days since 1970-01-01.
    static func days(fromCivil year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
