import Glibc

/// Conversions between Unix milliseconds and ISO 8601 local time in the box's time zone (TZ, or
/// /etc/localtime), through the C library (`mktime`, `localtime_r`). Pure modules never see time
/// zones: they keep Unix milliseconds; the command line converts at its edge.
public enum LocalTime {
    /// Unix milliseconds of local time `text`, written `YYYY-MM-DDTHH:MM:SS` (or `…THH:MM`, or a
    /// date alone for midnight). In a repeated hour (DST ending) the C library picks one.
    /// - Throws: `.invalidArgument` naming the text when it is malformed or not a real time.
    public static func milliseconds(parsing text: String) throws(DeviceIOError) -> Int64 {
        guard let fields = fields(of: Array(text.utf8)) else {
            throw DeviceIOError(.invalidArgument,
                                "'\(text)' is not a local time like 2026-11-25T08:00:00 (YYYY-MM-DDTHH:MM:SS)")
        }
        tzset()
        var broken = tm()
        broken.tm_year = Int32(fields[0] - 1900)
        broken.tm_mon = Int32(fields[1] - 1)
        broken.tm_mday = Int32(fields[2])
        broken.tm_hour = Int32(fields[3])
        broken.tm_min = Int32(fields[4])
        broken.tm_sec = Int32(fields[5])
        broken.tm_isdst = -1  // let the zone rules decide
        let seconds = mktime(&broken)
        // mktime normalises out-of-range fields (Feb 30 → Mar 2): a changed date means it was not real.
        guard broken.tm_year == Int32(fields[0] - 1900), broken.tm_mon == Int32(fields[1] - 1),
              broken.tm_mday == Int32(fields[2]), fields[3] < 24, fields[4] < 60, fields[5] < 61 else {
            throw DeviceIOError(.invalidArgument, "'\(text)' is not a real local time")
        }
        return Int64(seconds) * 1000
    }

    /// `milliseconds` as ISO 8601 local time with milliseconds and the zone's offset,
    /// e.g. `2026-11-25T08:00:00.000+08:00`.
    public static func iso8601(milliseconds: Int64) -> String {
        tzset()
        let millisecond = Int((milliseconds % 1000 + 1000) % 1000)
        var seconds = time_t((milliseconds - Int64(millisecond)) / 1000)
        var broken = tm()
        guard localtime_r(&seconds, &broken) != nil else { return "@\(milliseconds)ms" }  // beyond tm's range
        let offset = Int(broken.tm_gmtoff) / 60
        let sign = offset < 0 ? "-" : "+"
        return "\(Int(broken.tm_year) + 1900)-\(two(broken.tm_mon + 1))-\(two(broken.tm_mday))"
            + "T\(two(broken.tm_hour)):\(two(broken.tm_min)):\(two(broken.tm_sec))"
            + ".\(three(millisecond))\(sign)\(two(Int32(abs(offset) / 60))):\(two(Int32(abs(offset) % 60)))"
    }

    /// Year, month, day, hour, minute, second of `YYYY-MM-DD[THH:MM[:SS]]`, or nil.
    static func fields(of bytes: [UInt8]) -> [Int]? {
        // Field widths and the separator before each: - - T : :
        let layout: [(width: Int, separator: UInt8?)] = [(4, nil), (2, 0x2D), (2, 0x2D), (2, 0x54), (2, 0x3A), (2, 0x3A)]
        var values: [Int] = []
        var index = 0
        for (width, separator) in layout {
            if index == bytes.count, values.count == 3 || values.count == 5 { break }  // date, or no seconds
            if let separator {
                guard index < bytes.count, bytes[index] == separator || (separator == 0x54 && bytes[index] == 0x20) else {
                    return nil
                }
                index += 1
            }
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            values.append(value)
            index += width
        }
        guard index == bytes.count, values[1] >= 1, values[1] <= 12, values[2] >= 1 else { return nil }
        while values.count < 6 { values.append(0) }
        return values
    }

    private static func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func three(_ value: Int) -> String { value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
}
