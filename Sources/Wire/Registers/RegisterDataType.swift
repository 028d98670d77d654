/// The type a group of registers encodes.
public enum RegisterDataType: Sendable, Equatable, Hashable {
    case int16, uint16, int32, uint32, int64, uint64, float32, float64
    /// 4 packed BCD digits in one register (0…9999).
    case bcd16
    /// 8 packed BCD digits in two registers (0…99 999 999).
    case bcd32
    /// One bit of a single register, 0 = least significant … 15 = most significant (after the
    /// byte order is applied).
    case bit(Int)

    /// Registers the type occupies.
    public var registerCount: Int {
        switch self {
        case .int16, .uint16, .bcd16, .bit: return 1
        case .int32, .uint32, .float32, .bcd32: return 2
        case .int64, .uint64, .float64: return 4
        }
    }

    /// Name for configuration files and logs ("float32", "bit 3").
    public var name: String {
        switch self {
        case .int16: return "int16"
        case .uint16: return "uint16"
        case .int32: return "int32"
        case .uint32: return "uint32"
        case .int64: return "int64"
        case .uint64: return "uint64"
        case .float32: return "float32"
        case .float64: return "float64"
        case .bcd16: return "bcd16"
        case .bcd32: return "bcd32"
        case .bit(let index): return "bit \(index)"
        }
    }
}
