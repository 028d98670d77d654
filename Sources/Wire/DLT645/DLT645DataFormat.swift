/// How a DL/T 645-2007 data item is laid out (DL/T 645-2007 Appendix A data formats).
///
/// All numbers are packed BCD sent low byte first. Where the standard marks a value as
/// signed (currents, powers, power factor), bit 7 of the most significant byte is the
/// sign (1 = negative) and the remaining bits hold the top digit.
public enum DLT645DataFormat: Sendable, Equatable {
    /// `byteCount` BCD bytes, `fractionDigits` after the point, optional sign bit.
    case decimal(byteCount: Int, fractionDigits: Int, signed: Bool)
    /// YYMMDDWW, 4 bytes (sent WW DD MM YY).
    case date
    /// hhmmss, 3 bytes (sent ss mm hh).
    case time
    /// Not interpreted.
    case raw

    /// Number of data bytes, nil for `.raw`.
    public var byteCount: Int? {
        switch self {
        case .decimal(let count, _, _): count
        case .date: 4
        case .time: 3
        case .raw: nil
        }
    }

    /// The standard's notation, e.g. "XXXXXX.XX", "±XXX.XXX", "YYMMDDWW".
    public var pattern: String {
        switch self {
        case .decimal(let count, let fraction, let signed):
            let digits = max(0, count * 2)
            let integer = String(repeating: "X", count: max(0, digits - fraction))
            let point = fraction > 0 ? "." + String(repeating: "X", count: fraction) : ""
            return (signed ? "±" : "") + integer + point
        case .date: return "YYMMDDWW"
        case .time: return "hhmmss"
        case .raw: return "raw"
        }
    }

    /// Decodes `bytes` (0x33 removed, wire order).
    /// - Parameter baseOffset: frame offset of `bytes.first`, for error offsets.
    /// - Throws: `.malformed` for a wrong byte count, `.badValue` for a non-BCD byte
    ///   (naming it) or a date/time field out of range.
    public func decode(_ bytes: ArraySlice<UInt8>, unit: String, baseOffset: Int = 0) throws(WireError) -> DLT645Value {
        if let expected = byteCount, bytes.count != expected {
            throw WireError(.malformed, "\(pattern) needs \(expected) bytes, got \(bytes.count)",
                            offset: baseOffset)
        }
        switch self {
        case .decimal(_, let fraction, let signed):
            let (magnitude, negative) = try DLT645BCD.decode(bytes, baseOffset: baseOffset, signBit: signed,
                                                             what: pattern)
            return .decimal(DLT645Decimal(units: negative ? -magnitude : magnitude, fractionDigits: fraction),
                            unit: unit)
        case .date:
            let f = try Self.fields(bytes, baseOffset: baseOffset, names: ["weekday", "day", "month", "year"],
                                    ranges: [0...6, 1...31, 1...12, 0...99])
            return .date(year: f[3], month: f[2], day: f[1], weekday: f[0])
        case .time:
            let f = try Self.fields(bytes, baseOffset: baseOffset, names: ["second", "minute", "hour"],
                                    ranges: [0...59, 0...59, 0...23])
            return .time(hour: f[2], minute: f[1], second: f[0])
        case .raw:
            return .raw(Array(bytes))
        }
    }

    /// One BCD byte per field, each checked against its range.
    static func fields(_ bytes: ArraySlice<UInt8>, baseOffset: Int, names: [String],
                       ranges: [ClosedRange<Int>]) throws(WireError) -> [Int] {
        var out: [Int] = []
        for (position, byte) in bytes.enumerated() where position < names.count {
            guard let value = DLT645BCD.value(byte) else {
                throw WireError(.badValue, "\(names[position]) byte (byte \(position) of the value) 0x"
                                + "\(Hex.byte2(byte)) is not BCD", offset: baseOffset + position)
            }
            guard ranges[position].contains(Int(value)) else {
                throw WireError(.badValue, "\(names[position]) \(value) out of range "
                                + "\(ranges[position].lowerBound)…\(ranges[position].upperBound)",
                                offset: baseOffset + position)
            }
            out.append(Int(value))
        }
        return out
    }

    /// Encodes `value` in this format (for simulators and round-trip tests).
    /// - Throws: `.badValue` when the value's kind, scale, sign or size does not fit.
    public func encode(_ value: DLT645Value) throws(WireError) -> [UInt8] {
        switch (self, value) {
        case (.decimal(let count, let fraction, let signed), .decimal(let number, _)):
            return try Self.encodeDecimal(number, count: count, fraction: fraction, signed: signed, pattern: pattern)
        case (.date, .date(let year, let month, let day, let weekday)):
            guard (0...6).contains(weekday), (1...31).contains(day), (1...12).contains(month),
                  (0...99).contains(year) else {
                throw WireError(.badValue, "date \(year)-\(month)-\(day) weekday \(weekday) out of range")
            }
            return [weekday, day, month, year].map { DLT645BCD.byte($0) }
        case (.time, .time(let hour, let minute, let second)):
            let parts = [second, minute, hour]
            guard (0...59).contains(second), (0...59).contains(minute), (0...23).contains(hour) else {
                throw WireError(.badValue, "time \(hour):\(minute):\(second) out of range")
            }
            return parts.map { DLT645BCD.byte($0) }
        case (.raw, .raw(let bytes)):
            return bytes
        default:
            throw WireError(.badValue, "value \(value) does not fit format \(pattern)")
        }
    }

    private static func encodeDecimal(_ number: DLT645Decimal, count: Int, fraction: Int, signed: Bool,
                                      pattern: String) throws(WireError) -> [UInt8] {
        guard number.fractionDigits == fraction else {
            throw WireError(.badValue, "\(number) has \(number.fractionDigits) fraction digits, \(pattern) needs "
                            + "\(fraction)")
        }
        guard signed || number.units >= 0 else {
            throw WireError(.badValue, "\(number) is negative; \(pattern) is unsigned")
        }
        let magnitude = Int64(clamping: number.units.magnitude)
        guard var bytes = DLT645BCD.encode(magnitude, count: count), let top = bytes.last,
              !signed || top < 0x80 else {
            throw WireError(.badValue, "\(number) does not fit \(pattern)")
        }
        if signed, number.units < 0 { bytes[bytes.count - 1] = top | 0x80 }
        return bytes
    }
}
