/// A value decoded from registers, before scaling: exact integers stay integers.
public enum RegisterValue: Sendable, Equatable, Hashable {
    case signed(Int64)
    case unsigned(UInt64)
    /// float32 (widened exactly) or float64; may be NaN or ±infinity as received.
    case float(Double)
    case bit(Bool)

    /// The value as a Double (integers beyond 2⁵³ lose precision; bits are 0 or 1).
    public var doubleValue: Double {
        switch self {
        case .signed(let value): return Double(value)
        case .unsigned(let value): return Double(value)
        case .float(let value): return value
        case .bit(let value): return value ? 1 : 0
        }
    }
}
