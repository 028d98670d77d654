/// Registers → typed values (and back), for any `RegisterDataType` in any `RegisterWordOrder`.
///
/// Floats use IEEE 754 bit patterns via `Float(bitPattern:)` / `Double(bitPattern:)`:
/// float32 123.456 is 0x42F6E979, i.e. registers 42F6 E979 in ABCD, E979 42F6 in CDAB,
/// F642 79E9 in BADC, 79E9 F642 in DCBA.
public enum RegisterDecoder {
    /// Decodes the first `type.registerCount` registers of `registers`.
    /// Throws `.truncated` when too few registers are given, `.badValue` for a BCD nibble
    /// above 9 (offset = register index holding it) or a bit index outside 0…15.
    public static func decode(_ registers: ArraySlice<UInt16>, as type: RegisterDataType,
                              order: RegisterWordOrder) throws(WireError) -> RegisterValue {
        let count = type.registerCount
        guard registers.count >= count else {
            throw WireError(.truncated, "\(type.name) needs \(count) registers, got \(registers.count)",
                            offset: registers.count)
        }
        let words = registers.prefix(count)
        let pattern = order.bitPattern(words)
        switch type {
        case .int16: return .signed(Int64(Int16(bitPattern: UInt16(truncatingIfNeeded: pattern))))
        case .uint16: return .unsigned(pattern)
        case .int32: return .signed(Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: pattern))))
        case .uint32: return .unsigned(pattern)
        case .int64: return .signed(Int64(bitPattern: pattern))
        case .uint64: return .unsigned(pattern)
        case .float32: return .float(Double(Float(bitPattern: UInt32(truncatingIfNeeded: pattern))))
        case .float64: return .float(Double(bitPattern: pattern))
        case .bcd16, .bcd32:
            switch BCD.decode(pattern, digits: 4 * count) {
            case .value(let value): return .unsigned(value)
            case .invalidDigit(let nibble, let digit):
                throw invalidBCD(pattern: pattern, type: type, order: order, nibble: nibble, digit: digit)
            }
        case .bit(let index):
            guard (0...15).contains(index) else {
                throw WireError(.badValue, "bit index \(index) outside 0…15", offset: 0)
            }
            return .bit(pattern & (UInt64(1) << UInt64(index)) != 0)
        }
    }

    public static func decode(_ registers: [UInt16], as type: RegisterDataType,
                              order: RegisterWordOrder = .abcd) throws(WireError) -> RegisterValue {
        try decode(registers[...], as: type, order: order)
    }

    /// The registers that carry `value` as `type` in `order` (for simulators and tests).
    /// Throws `.badValue` when the value does not fit the type.
    public static func encode(_ value: RegisterValue, as type: RegisterDataType,
                              order: RegisterWordOrder = .abcd) throws(WireError) -> [UInt16] {
        let pattern = try bitPattern(of: value, as: type)
        return order.registers(bitPattern: pattern, count: type.registerCount)
    }

    private static func bitPattern(of value: RegisterValue, as type: RegisterDataType) throws(WireError) -> UInt64 {
        let misfit = WireError(.badValue, "\(value) does not fit \(type.name)")
        switch (type, value) {
        case (.int16, .signed(let v)): guard let x = Int16(exactly: v) else { throw misfit }
            return UInt64(UInt16(bitPattern: x))
        case (.int32, .signed(let v)): guard let x = Int32(exactly: v) else { throw misfit }
            return UInt64(UInt32(bitPattern: x))
        case (.int64, .signed(let v)): return UInt64(bitPattern: v)
        case (.uint16, .unsigned(let v)): guard v <= 0xFFFF else { throw misfit }
            return v
        case (.uint32, .unsigned(let v)): guard v <= 0xFFFF_FFFF else { throw misfit }
            return v
        case (.uint64, .unsigned(let v)): return v
        case (.float32, .float(let v)):
            let narrow = Float(v)
            guard v.isNaN || Double(narrow) == v else { throw misfit }
            return UInt64(narrow.bitPattern)
        case (.float64, .float(let v)): return v.bitPattern
        case (.bcd16, .unsigned(let v)): return try BCD.encode(v, digits: 4)
        case (.bcd32, .unsigned(let v)): return try BCD.encode(v, digits: 8)
        case (.bit(let index), .bit(let on)):
            guard (0...15).contains(index) else { throw misfit }
            return on ? UInt64(1) << UInt64(index) : 0
        default: throw misfit
        }
    }

    private static func invalidBCD(pattern: UInt64, type: RegisterDataType, order: RegisterWordOrder,
                                   nibble: Int, digit: UInt8) -> WireError {
        let digits = 4 * type.registerCount
        var hex = ""
        for n in stride(from: digits - 1, through: 0, by: -1) {
            hex += String(UInt8(truncatingIfNeeded: pattern >> UInt64(4 * n)) & 0x0F, radix: 16, uppercase: true)
        }
        // Word (counted from the most significant) that holds the nibble, mapped back to the
        // register index in address order.
        let wordFromTop = (digits - 1 - nibble) / 4
        let register = order.swapsWords ? type.registerCount - 1 - wordFromTop : wordFromTop
        return WireError(.badValue,
                         "\(type.name) 0x\(hex): digit \(digits - nibble) from the left is 0x\(Hex.byte2(digit).suffix(1)), not a decimal digit",
                         offset: register)
    }
}
