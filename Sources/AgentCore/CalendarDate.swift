import Wire

/// A civil date (proleptic Gregorian), as written in the configuration: `YYYY-MM-DD`.
/// Pure: today's date is computed by the caller from a wall-clock reading and the site's UTC
/// offset (`init(unixMilliseconds:utcOffsetMinutes:)`), never read here.
public struct CalendarDate: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// The date `text` (`YYYY-MM-DD`, a real day of years 1970…9999), or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1970, (1...12).contains(month), day >= 1,
              day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The local date at `unixMilliseconds` in a zone `utcOffsetMinutes` east of UTC.
    public init(unixMilliseconds: Int64, utcOffsetMinutes: Int) {
        let localSeconds = unixMilliseconds / 1000 + Int64(utcOffsetMinutes) * 60
        var days = localSeconds / 86_400
        if localSeconds < 0, localSeconds % 86_400 != 0 { days -= 1 }
        (year, month, day) = CivilCalendar.date(days: days)
    }

    /// Days in `month` of `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        let paddedYear = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(paddedYear)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
