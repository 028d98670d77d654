import Testing
@testable import Wire

@Suite("HJ212 decimal formatter")
struct HJ212DecimalFormatterTests {
    @Test("never writes an exponent; examples")
    func examples() {
        #expect(HJ212DecimalFormatter.format(0.00001, decimals: 6) == "0.000010")
        #expect(HJ212DecimalFormatter.format(1e-5, decimals: 2) == "0.00")
        #expect(HJ212DecimalFormatter.format(-1e-5, decimals: 2) == "0.00")
        #expect(HJ212DecimalFormatter.format(-0.0, decimals: 1) == "0.0")
        #expect(HJ212DecimalFormatter.format(0, decimals: 0) == "0")
        #expect(HJ212DecimalFormatter.format(1.35, decimals: 2) == "1.35")
        #expect(HJ212DecimalFormatter.format(2.675, decimals: 2) == "2.68")
        #expect(HJ212DecimalFormatter.format(2.675, decimals: 2, rounding: .halfToEven) == "2.68")
        #expect(HJ212DecimalFormatter.format(2.665, decimals: 2, rounding: .halfToEven) == "2.66")
        #expect(HJ212DecimalFormatter.format(-2.345, decimals: 2) == "-2.35")
        #expect(HJ212DecimalFormatter.format(-2.345, decimals: 2, rounding: .halfToEven) == "-2.34")
        #expect(HJ212DecimalFormatter.format(9.995, decimals: 2) == "10.00")
        #expect(HJ212DecimalFormatter.format(1e15, decimals: 2) == nil)
        #expect(HJ212DecimalFormatter.format(99_999_999_999_999, decimals: 0) == "99999999999999")
        #expect(HJ212DecimalFormatter.format(12_345_678_901_234.5, decimals: 2) == "12345678901234.50")
        #expect(HJ212DecimalFormatter.format(.nan, decimals: 2) == nil)
        #expect(HJ212DecimalFormatter.format(.infinity, decimals: 2) == nil)
        #expect(HJ212DecimalFormatter.format(scaled: -1_234_567, scale: 3, decimals: 2) == "-1234.57")
        #expect(HJ212DecimalFormatter.format(scaled: 5, scale: 1, decimals: 0, rounding: .halfToEven) == "0")
        #expect(HJ212DecimalFormatter.format(scaled: 15, scale: 1, decimals: 0, rounding: .halfToEven) == "2")
    }

    /// Reference: round `m × 10^-s` to `d` decimals with integer arithmetic only.
    static func reference(_ m: Int64, scale s: Int, decimals d: Int, _ rounding: HJ212Rounding) -> String? {
        var magnitude = m.magnitude
        if s > d {
            var divisor: UInt64 = 1
            for _ in 0..<(s - d) { divisor *= 10 }
            let quotient = magnitude / divisor, remainder = magnitude % divisor
            let twice = remainder * 2
            var up = twice > divisor
            if twice == divisor { up = rounding == .halfAwayFromZero || quotient % 2 == 1 }
            magnitude = quotient + (up ? 1 : 0)
        } else {
            for _ in 0..<(d - s) { magnitude *= 10 }
        }
        var digits = String(magnitude)
        if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
        let intPart = digits.dropLast(d), fracPart = digits.suffix(d)
        if intPart.count > 14 { return nil }   // beyond N14.2
        let sign = m < 0 && magnitude != 0 ? "-" : ""
        return sign + intPart + (d > 0 ? "." + fracPart : "")
    }

    @Test("seeded: Doubles and scaled integers agree with an integer-arithmetic reference")
    func property() {
        let seed: UInt64 = 0xDEC1_3A1
        var random = SeededRandom(seed: seed)
        for round in 0..<5000 {
            let digits = Int.random(in: 1...15, using: &random)
            var limit: Int64 = 1
            for _ in 0..<digits { limit *= 10 }
            var m = Int64.random(in: 0..<limit, using: &random)
            if Bool.random(using: &random) { m = -m }
            if round % 7 == 0 { m = m / 10 * 10 + 5 }   // force exact halves often
            let scale = Int.random(in: 0...min(6, digits), using: &random)
            let decimals = Int.random(in: 0...4, using: &random)
            var power = 1.0
            for _ in 0..<scale { power *= 10 }
            let value = Double(m) / power
            for rounding in [HJ212Rounding.halfAwayFromZero, .halfToEven] {
                let expected = Self.reference(m, scale: scale, decimals: decimals, rounding)
                #expect(HJ212DecimalFormatter.format(value, decimals: decimals, rounding: rounding) == expected,
                        "seed \(seed) round \(round): \(m)e-\(scale) to \(decimals)")
                #expect(HJ212DecimalFormatter.format(scaled: m, scale: scale, decimals: decimals, rounding: rounding) == expected,
                        "seed \(seed) round \(round)")
            }
        }
    }
}
