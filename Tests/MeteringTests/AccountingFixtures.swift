@testable import Metering

/// The constant sets and inputs of the worked examples in docs/accounting.md.
enum AccountingFixtures {
    /// Example set at 0 °C: GWP 21, 0.716 kg/m³, 273.15 K, 101.325 kPa.
    static let zeroCelsius = AccountingConstants(
        name: "example-0C", version: "CCER-10-001-V01 placeholder", gwpCH4: 21,
        ch4DensityKilogramsPerCubicMetre: 0.716, referenceTemperatureKelvin: 273.15, standardPressureKilopascals: 101.325)
    /// Example set at 20 °C: GWP 28, 0.667 kg/m³, 293.15 K, 101.325 kPa.
    static let twentyCelsius = AccountingConstants(
        name: "example-20C", version: "AR5 placeholder", gwpCH4: 28,
        ch4DensityKilogramsPerCubicMetre: 0.667, referenceTemperatureKelvin: 293.15, standardPressureKilopascals: 101.325)

    /// Examples 1 and 2: 36,000 m³/h at working conditions, 0.8 % CH4, 25 °C, 98.5 kPa, running.
    static let working = AccountingInputs(
        flow: Measured(36000), flowConditions: .working, ch4Percent: Measured(0.8),
        temperatureCelsius: Measured(25), absolutePressureKilopascals: Measured(98.5), running: Measured(1))

    /// Example 3: 36,000 m³/h already at standard conditions, 0.8 % CH4, no T or P, bed at 950 °C
    /// against an 800 °C running threshold.
    static let standard = AccountingInputs(
        flow: Measured(36000), flowConditions: .standard, ch4Percent: Measured(0.8),
        bedTemperature: Measured(950), runningThreshold: 800)
}

/// Whether `actual` is within `relative` of `expected` (absolutely, near zero).
func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
    abs(actual - expected) <= relative * max(abs(expected), 1e-12)
}

/// A small seeded generator (SplitMix64) so property tests are reproducible without AgentTesting.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
