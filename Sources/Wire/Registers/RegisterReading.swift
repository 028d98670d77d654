/// The outcome of reading a configured register value: a usable number, or exactly why not.
/// Nothing unusable (NaN, infinity, invalid BCD, out of range) is passed on as a number.
public enum RegisterReading: Sendable, Equatable {
    /// The scaled value (raw × scale + offset), finite and inside the valid range if one is set.
    case value(Double)
    /// The device sent a NaN bit pattern (often its "no measurement" marker).
    case notANumber
    /// The device sent ±infinity, or scaling overflowed to it.
    case infinite(FloatingPointSign)
    /// A BCD nibble was not a decimal digit. `raw` is the assembled pattern, `nibble` counts
    /// from the least significant (0).
    case invalidBCD(raw: UInt64, nibble: Int)
    /// The scaled value lies outside the configured valid range.
    case outOfRange(Double, validRange: ClosedRange<Double>)

    /// The value, or nil for every other outcome.
    public var value: Double? {
        if case .value(let value) = self { return value }
        return nil
    }
}
