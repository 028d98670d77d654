import Wire

/// Conversions between UTC epoch seconds and the local civil times HJ 212 writes (DataTime, QN,
/// SystemTime are local time at the site's fixed UTC offset), and the relay's command-line dates.
/// Proleptic Gregorian; Howard Hinnant's days-from-civil algorithms.
enum CivilTime {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of `days` since 1970-01-01.
    static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
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

    /// UTC epoch seconds of the local time `time` at `utcOffsetMinutes` (milliseconds dropped).
    static func epochSeconds(_ time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        let local = days(year: time.year, month: time.month, day: time.day) * 86_400
            + Int64(time.hour * 3600 + time.minute * 60 + time.second)
        return local - Int64(utcOffsetMinutes) * 60
    }

    /// The local time of UTC epoch `milliseconds` at `utcOffsetMinutes`.
    static func timestamp(milliseconds: Int64, utcOffsetMinutes: Int) -> HJ212Timestamp {
        let local = milliseconds + Int64(utcOffsetMinutes) * 60_000
        let millisecond = Int(((local % 1000) + 1000) % 1000)
        let seconds = (local - Int64(millisecond)) / 1000
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - dayNumber * 86_400)
        let (year, month, day) = date(days: dayNumber)
        // Every field is in range by construction.
        return (try? HJ212Timestamp(year: year, month: month, day: day, hour: secondOfDay / 3600,
                                    minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                                    millisecond: millisecond))!
    }

    /// The local time of UTC epoch `seconds` at `utcOffsetMinutes`.
    static func timestamp(seconds: Int64, utcOffsetMinutes: Int) -> HJ212Timestamp {
        timestamp(milliseconds: seconds * 1000, utcOffsetMinutes: utcOffsetMinutes)
    }

    /// `YYYY-MM-DD HH:MM:SS` local, for reports and CSV.
    static func text(seconds: Int64, utcOffsetMinutes: Int) -> String {
        let t = timestamp(seconds: seconds, utcOffsetMinutes: utcOffsetMinutes)
        return pad(t.year, 4) + "-" + pad(t.month, 2) + "-" + pad(t.day, 2) + " " + pad(t.hour, 2) + ":"
            + pad(t.minute, 2) + ":" + pad(t.second, 2)
    }

    /// `HH:MM:SS` local.
    static func clockText(seconds: Int64, utcOffsetMinutes: Int) -> String {
        let t = timestamp(seconds: seconds, utcOffsetMinutes: utcOffsetMinutes)
        return pad(t.hour, 2) + ":" + pad(t.minute, 2) + ":" + pad(t.second, 2)
    }

    /// `+08:00` for 480.
    static func offsetText(_ minutes: Int) -> String {
        (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60, 2) + ":" + pad(abs(minutes) % 60, 2)
    }

    /// Parses `+HH:MM` / `-HH:MM` (within ±14:00) into minutes.
    static func parseOffset(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == 0x2B || bytes[0] == 0x2D, bytes[3] == 0x3A,
              let hours = Int(String(decoding: bytes[1..<3], as: UTF8.self)),
              let minutes = Int(String(decoding: bytes[4..<6], as: UTF8.self)),
              minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
        return (bytes[0] == 0x2D ? -1 : 1) * (hours * 60 + minutes)
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (or with a space for `T`) as local time at
    /// `utcOffsetMinutes`; returns UTC epoch seconds, or nil when it is not a valid time.
    static func parseLocal(_ text: String, utcOffsetMinutes: Int) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 19 else { return nil }
        var digits = Array(bytes[0..<4]) + Array(bytes[5..<7]) + Array(bytes[8..<10])
        guard bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        if bytes.count == 19 {
            guard bytes[10] == 0x54 || bytes[10] == 0x20, bytes[13] == 0x3A, bytes[16] == 0x3A else { return nil }
            digits += Array(bytes[11..<13]) + Array(bytes[14..<16]) + Array(bytes[17..<19])
        } else {
            digits += Array("000000".utf8)
        }
        guard let time = try? HJ212Timestamp.parse(String(decoding: digits, as: UTF8.self)) else { return nil }
        return epochSeconds(time, utcOffsetMinutes: utcOffsetMinutes)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
