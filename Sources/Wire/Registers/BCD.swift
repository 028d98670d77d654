/// Packed binary-coded decimal: one decimal digit per 4-bit nibble, most significant first.
/// Meters (and DL/T 645) use it for counters; a nibble A…F is not a digit and is reported,
/// never guessed.
public enum BCD {
    /// The outcome of decoding packed BCD.
    public enum Decoded: Sendable, Equatable {
        case value(UInt64)
        /// Nibble `nibble` (0 = least significant) holds `digit` ≥ 10.
        case invalidDigit(nibble: Int, digit: UInt8)
    }

    /// Decodes the low `digits` nibbles (1…16) of `pattern`.
    public static func decode(_ pattern: UInt64, digits: Int) -> Decoded {
        let count = min(max(digits, 1), 16)
        var value: UInt64 = 0
        for nibble in stride(from: count - 1, through: 0, by: -1) {
            let digit = UInt8(truncatingIfNeeded: pattern >> UInt64(4 * nibble)) & 0x0F
            guard digit <= 9 else { return .invalidDigit(nibble: nibble, digit: digit) }
            value = value &* 10 &+ UInt64(digit)
        }
        return .value(value)
    }

    /// Packs `value` into `digits` nibbles (1…16). Throws `.badValue` when it needs more digits.
    public static func encode(_ value: UInt64, digits: Int) throws(WireError) -> UInt64 {
        let count = min(max(digits, 1), 16)
        var remaining = value
        var pattern: UInt64 = 0
        for nibble in 0..<count {
            pattern |= (remaining % 10) << UInt64(4 * nibble)
            remaining /= 10
        }
        guard remaining == 0 else {
            throw WireError(.badValue, "\(value) needs more than \(count) BCD digits")
        }
        return pattern
    }
}
