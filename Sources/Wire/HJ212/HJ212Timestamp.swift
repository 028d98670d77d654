/// A calendar time as HJ 212 writes it: `YYYYMMDDhhmmss` for DataTime, BeginTime, EndTime,
/// SystemTime and RestartTime (§6.3.3, Table 4), and `YYYYMMDDhhmmsszzz` (17 digits,
/// milliseconds) for the request number QN (§6.3.2, Table 3).
///
/// The standard gives no time zone; all its examples are local time (UTC+8 assumed).
public struct HJ212Timestamp: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// Validates every field (Gregorian calendar, leap years); throws `.badValue` naming the field.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                millisecond: Int = 0) throws(WireError) {
        guard (0...9999).contains(year) else { throw WireError(.badValue, "year \(year) out of range 0…9999") }
        guard (1...12).contains(month) else { throw WireError(.badValue, "month \(month) out of range 1…12", offset: 4) }
        let days = Self.daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else {
            throw WireError(.badValue, "day \(day) out of range 1…\(days) for \(year)-\(month)", offset: 6)
        }
        guard (0...23).contains(hour) else { throw WireError(.badValue, "hour \(hour) out of range 0…23", offset: 8) }
        guard (0...59).contains(minute) else { throw WireError(.badValue, "minute \(minute) out of range 0…59", offset: 10) }
        guard (0...59).contains(second) else { throw WireError(.badValue, "second \(second) out of range 0…59", offset: 12) }
        guard (0...999).contains(millisecond) else { throw WireError(.badValue, "millisecond \(millisecond) out of range", offset: 14) }
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second; self.millisecond = millisecond
    }

    /// Parses `YYYYMMDDhhmmss` (14 digits) or, with `milliseconds`, `YYYYMMDDhhmmsszzz` (17 digits).
    /// Errors give the character offset of the bad digit or field.
    public static func parse(_ text: String, milliseconds: Bool = false) throws(WireError) -> HJ212Timestamp {
        let digits = Array(text.utf8)
        let expected = milliseconds ? 17 : 14
        guard digits.count == expected else {
            throw WireError(.malformed, "expected \(expected) digits, got \(digits.count) characters", offset: 0)
        }
        for (index, c) in digits.enumerated() where !(0x30...0x39).contains(c) {
            throw WireError(.malformed, "not a decimal digit", offset: index)
        }
        func number(_ from: Int, _ count: Int) -> Int {
            var value = 0
            for c in digits[from..<from + count] { value = value * 10 + Int(c - 0x30) }
            return value
        }
        return try HJ212Timestamp(year: number(0, 4), month: number(4, 2), day: number(6, 2),
                                  hour: number(8, 2), minute: number(10, 2), second: number(12, 2),
                                  millisecond: milliseconds ? number(14, 3) : 0)
    }

    /// `YYYYMMDDhhmmss`.
    public var text14: String {
        Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + Self.pad(hour, 2)
            + Self.pad(minute, 2) + Self.pad(second, 2)
    }

    /// `YYYYMMDDhhmmsszzz`, the QN form.
    public var text17: String { text14 + Self.pad(millisecond, 3) }

    /// `2016-08-01 08:58:57.223` for people.
    public var description: String {
        Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + " " + Self.pad(hour, 2) + ":"
            + Self.pad(minute, 2) + ":" + Self.pad(second, 2) + "." + Self.pad(millisecond, 3)
    }

    /// This time plus `count` milliseconds (0…86 400 000), carrying into seconds, days, months
    /// and years; used to give each part of a split message its own QN (App. C.49/C.50).
    public func advanced(byMilliseconds count: Int) -> HJ212Timestamp {
        var copy = self
        var total = copy.millisecond + min(max(count, 0), 86_400_000)
        var carry = total / 1000; copy.millisecond = total % 1000
        total = copy.second + carry; carry = total / 60; copy.second = total % 60
        total = copy.minute + carry; carry = total / 60; copy.minute = total % 60
        total = copy.hour + carry; carry = total / 24; copy.hour = total % 24
        while carry > 0 {
            carry -= 1
            if copy.day < Self.daysInMonth(year: copy.year, month: copy.month) {
                copy.day += 1
            } else if copy.month < 12 {
                copy.day = 1; copy.month += 1
            } else {
                copy.day = 1; copy.month = 1; copy.year = min(copy.year + 1, 9999)
            }
        }
        return copy
    }

    public static func < (lhs: HJ212Timestamp, rhs: HJ212Timestamp) -> Bool {
        lhs.text17 < rhs.text17
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
