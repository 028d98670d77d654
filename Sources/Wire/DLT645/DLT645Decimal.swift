/// An exact decimal read from a DL/T 645-2007 BCD field: `units` × 10^−`fractionDigits`.
///
/// 12345.67 kWh is `units` 1234567 with 2 fraction digits; nothing is rounded through a
/// binary float. `doubleValue` is for arithmetic downstream.
public struct DLT645Decimal: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The value in the smallest step (e.g. hundredths of a kWh).
    public let units: Int64
    /// Digits after the decimal point (0…18).
    public let fractionDigits: Int

    public init(units: Int64, fractionDigits: Int) {
        self.units = units
        self.fractionDigits = min(18, max(0, fractionDigits))
    }

    /// The value as a Double (exact for up to 15 significant digits).
    public var doubleValue: Double {
        var divisor = 1.0
        for _ in 0..<fractionDigits { divisor *= 10 }
        return Double(units) / divisor
    }

    /// Fixed-point text with all fraction digits: "12345.67", "-0.500", "220.1".
    public var description: String {
        let negative = units < 0
        let magnitude = units.magnitude
        var digits = String(magnitude)
        if fractionDigits > 0 {
            if digits.count <= fractionDigits {
                digits = String(repeating: "0", count: fractionDigits - digits.count + 1) + digits
            }
            let split = digits.index(digits.endIndex, offsetBy: -fractionDigits)
            digits = digits[..<split] + "." + digits[split...]
        }
        return (negative ? "-" : "") + digits
    }
}
