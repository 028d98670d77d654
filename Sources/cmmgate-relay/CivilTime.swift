import Wire

/// Conversions between UTC epoch seconds and the local civil times HJ 212 writes (DataTime, QN,
/// SystemTime are local time at the site's fixed UTC offset), and the relay's command-line dates.
/// Proleptic Gregorian; Howard Hinnant's days-from-civil algorithms.
enum CivilTime {
    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int64 { CivilCalendar.days(year: year, month: month, day: day) }

    /// The civil date of `days` since 1970-01-01.
    static func date(days: Int64) -> (year: Int, month: Int, day: Int) { CivilCalendar.date(days: days) }

    /// UTC epoch seconds of the local time `time` at `utcOffsetMinutes` (milliseconds dropped).
    static func epochSeconds(_ time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        (time.epochMilliseconds(utcOffsetMinutes: utcOffsetMinutes) - Int64(time.millisecond)) / 1000
    }

    /// The local time of UTC epoch `milliseconds` at `utcOffsetMinutes` (the relay's times are all
    /// within HJ 212's years).
    static func timestamp(milliseconds: Int64, utcOffsetMinutes: Int) -> HJ212Timestamp {
        (try? HJ212Timestamp(epochMilliseconds: milliseconds, utcOffsetMinutes: utcOffsetMinutes))!
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
