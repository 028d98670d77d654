/// Numbers written with a fixed number of decimals, without Foundation's `String(format:)`.
enum FixedDecimal {
    /// `value` rounded half away from zero to `places` (0…9) decimals; "-" when not finite.
    static func text(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let whole = UInt64(scaled)
        let unit = UInt64(scale)
        var text = String(whole / unit)
        if places > 0 {
            let fraction = String(whole % unit)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return (value < 0 && whole != 0 ? "-" : "") + text
    }

    /// `fraction` (0…1) as a percentage with `places` decimals and a `%` sign.
    static func percent(_ fraction: Double, places: Int = 2) -> String {
        text(fraction * 100, places: places) + " %"
    }
}
