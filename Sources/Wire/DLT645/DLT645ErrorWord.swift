/// The error word of a DL/T 645-2007 abnormal reply (control bit 6 set, e.g. 0xD1).
///
/// DL/T 645-2007 (error information word, 错误信息字): bit 0 other error, bit 1 no
/// requested data, bit 2 password error / unauthorised, bit 3 baud rate cannot be
/// changed, bit 4 annual time-zone count exceeded, bit 5 daily time-period count
/// exceeded, bit 6 tariff count exceeded; bit 7 reserved.
public struct DLT645ErrorWord: OptionSet, Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let other = DLT645ErrorWord(rawValue: 0x01)
    public static let noRequestedData = DLT645ErrorWord(rawValue: 0x02)
    public static let unauthorised = DLT645ErrorWord(rawValue: 0x04)
    public static let baudRateCannotChange = DLT645ErrorWord(rawValue: 0x08)
    public static let yearZoneOverflow = DLT645ErrorWord(rawValue: 0x10)
    public static let dayPeriodOverflow = DLT645ErrorWord(rawValue: 0x20)
    public static let tariffOverflow = DLT645ErrorWord(rawValue: 0x40)

    private static let names: [(DLT645ErrorWord, String)] = [
        (.other, "other error"),
        (.noRequestedData, "no requested data"),
        (.unauthorised, "password error / unauthorised"),
        (.baudRateCannotChange, "baud rate cannot be changed"),
        (.yearZoneOverflow, "year time-zone count exceeded"),
        (.dayPeriodOverflow, "day time-period count exceeded"),
        (.tariffOverflow, "tariff count exceeded"),
    ]

    /// The meaning of each set bit; bit 7 is reported as reserved.
    public var meanings: [String] {
        var out = Self.names.filter { contains($0.0) }.map(\.1)
        if rawValue & 0x80 != 0 { out.append("reserved bit 7 set") }
        return out
    }

    /// e.g. "0x02 (no requested data)".
    public var description: String {
        let list = meanings
        return "0x\(Hex.byte2(rawValue)) (\(list.isEmpty ? "no error bit set" : list.joined(separator: ", ")))"
    }
}
