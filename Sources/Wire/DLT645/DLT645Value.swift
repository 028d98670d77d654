/// A data item read from a DL/T 645-2007 meter, decoded per its data identifier.
public enum DLT645Value: Sendable, Equatable, CustomStringConvertible {
    /// A BCD number kept exact, with its unit ("kWh", "V", "A", "kW"; "" for power factor).
    case decimal(DLT645Decimal, unit: String)
    /// YYMMDDWW (DI 04 00 01 01): two-digit year, month, day, weekday (0 = Sunday).
    case date(year: Int, month: Int, day: Int, weekday: Int)
    /// hhmmss (DI 04 00 01 02).
    case time(hour: Int, minute: Int, second: Int)
    /// Bytes of an identifier this codec does not know (0x33 already removed, wire order).
    case raw([UInt8])

    /// The number, when the value is a decimal.
    public var decimal: DLT645Decimal? {
        if case .decimal(let value, _) = self { return value }
        return nil
    }

    /// "12345.67 kWh", "2025-03-14 (weekday 5)", "13:45:09", "raw 01 02".
    public var description: String {
        switch self {
        case .decimal(let value, let unit):
            return unit.isEmpty ? value.description : "\(value) \(unit)"
        case .date(let year, let month, let day, let weekday):
            return "20\(Self.two(year))-\(Self.two(month))-\(Self.two(day)) (weekday \(weekday))"
        case .time(let hour, let minute, let second):
            return "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
        case .raw(let bytes):
            return bytes.isEmpty ? "raw (none)" : "raw " + Hex.format(bytes)
        }
    }

    private static func two(_ value: Int) -> String {
        value >= 0 && value < 10 ? "0\(value)" : "\(value)"
    }
}
