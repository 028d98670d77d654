/// How a value exactly half-way between two results is rounded.
public enum HJ212Rounding: Sendable, Equatable {
    /// 四舍五入: halves go away from zero (2.345 → 2.35, −2.345 → −2.35). The usual
    /// reading of HJ 212-2017 for values written with a fixed number of decimals.
    case halfAwayFromZero
    /// 四舍六入五成双 (banker's rounding): halves go to the even digit (2.345 → 2.34,
    /// 2.355 → 2.36), as HJ 212-2025 prescribes for statistics.
    case halfToEven
}

/// Writes decimal numbers for HJ 212 data fields (type `N14.2` etc., §6.3.3) without ever
/// using exponent notation (`Double.description` writes `1e-05`; HJ 212 parsers reject it).
///
/// A `Double` is rounded from its shortest round-tripping decimal form, so `2.675` formats
/// as `2.68` with `.halfAwayFromZero` (what an operator expects), not as `2.67` from the
/// binary value 2.67499999…. Integer inputs (`scaled:scale:`) are exact.
public enum HJ212DecimalFormatter {
    /// Largest number of integer digits accepted (`N14.2`: 14 integer digits).
    public static let maxIntegerDigits = 14

    /// `value` with exactly `decimals` digits after the point (0…9); nil for NaN, infinity,
    /// or a result with more than `maxIntegerDigits` integer digits. Negative zero is written `0`.
    public static func format(_ value: Double, decimals: Int,
                              rounding: HJ212Rounding = .halfAwayFromZero) -> String? {
        guard value.isFinite, (0...9).contains(decimals) else { return nil }
        if value == 0 { return format(digits: [0], pointPosition: 1, negative: false, decimals: decimals, rounding: rounding) }
        guard let (digits, point) = shortestDigits(of: value.magnitude) else { return nil }
        return format(digits: digits, pointPosition: point, negative: value < 0, decimals: decimals, rounding: rounding)
    }

    /// The decimal `scaled × 10^-scale` (e.g. 1234, 3 → 1.234) with `decimals` digits.
    public static func format(scaled: Int64, scale: Int, decimals: Int,
                              rounding: HJ212Rounding = .halfAwayFromZero) -> String? {
        guard (0...18).contains(scale), (0...9).contains(decimals) else { return nil }
        let digits = String(scaled.magnitude).utf8.map { Int($0) - 48 }
        return format(digits: digits, pointPosition: digits.count - scale, negative: scaled < 0,
                      decimals: decimals, rounding: rounding)
    }

    /// Core: `digits` (most significant first) with the decimal point after `pointPosition`
    /// digits (may be ≤ 0 or > count), rounded at `decimals` places.
    static func format(digits: [Int], pointPosition: Int, negative: Bool, decimals: Int,
                       rounding: HJ212Rounding) -> String? {
        guard pointPosition < 400, pointPosition > -400 else { return pointPosition < 0 ? zero(decimals) : nil }
        // Lay the digits out on a fixed grid: integer part + `decimals` fraction digits.
        let integerCount = max(pointPosition, 1)
        let keep = integerCount + decimals
        var grid = [Int](repeating: 0, count: keep)
        var rest: [Int] = []   // the digits after the kept ones, zeros included
        for (index, digit) in digits.enumerated() {
            let position = index + (integerCount - pointPosition)   // index in the grid
            if position < keep {
                grid[position] = digit
            } else {
                while rest.count < position - keep { rest.append(0) }
                rest.append(digit)
            }
        }
        if roundsUp(lastKept: grid.last ?? 0, rest: rest, rounding: rounding) {
            var index = keep - 1
            while index >= 0 {
                if grid[index] == 9 { grid[index] = 0; index -= 1 } else { grid[index] += 1; break }
            }
            if index < 0 { grid.insert(1, at: 0) }
        }
        let intCount = grid.count - decimals
        var intDigits = Array(grid[0..<intCount])
        while intDigits.count > 1, intDigits[0] == 0 { intDigits.removeFirst() }
        guard intDigits.count <= maxIntegerDigits else { return nil }
        let fraction = grid[intCount...]
        let isZero = intDigits == [0] && fraction.allSatisfy { $0 == 0 }
        var text = negative && !isZero ? "-" : ""
        text += String(decoding: intDigits.map { UInt8($0 + 48) }, as: UTF8.self)
        if decimals > 0 { text += "." + String(decoding: fraction.map { UInt8($0 + 48) }, as: UTF8.self) }
        return text
    }

    static func zero(_ decimals: Int) -> String {
        decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
    }

    /// Whether dropping `rest` after `lastKept` rounds the kept digits up.
    static func roundsUp(lastKept: Int, rest: [Int], rounding: HJ212Rounding) -> Bool {
        guard let first = rest.first else { return false }
        if first > 5 { return true }
        if first < 5 { return false }
        if rest.dropFirst().contains(where: { $0 != 0 }) { return true }
        switch rounding {
        case .halfAwayFromZero: return true
        case .halfToEven: return lastKept % 2 == 1
        }
    }

    /// The shortest round-tripping decimal digits of a positive finite `value` and the position
    /// of the decimal point, read from `description` (used only as a digit source, never output).
    static func shortestDigits(of value: Double) -> ([Int], Int)? {
        let text = Array(value.description.utf8)
        var digits: [Int] = []
        var point: Int? = nil
        var exponent = 0
        var index = 0
        while index < text.count {
            let c = text[index]
            if c >= 0x30 && c <= 0x39 {
                digits.append(Int(c) - 48)
            } else if c == UInt8(ascii: ".") {
                point = digits.count
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        return (digits, (point ?? digits.count) + exponent)
    }
}
