/// The methodology constants one accounting run uses: a named, versioned set from the
/// configuration (AgentCore maps its `MethodologyConstants` to this). The values of
/// CCER—10—001—V01 are not confirmed (docs/accounting.md), so none of them is a literal in the
/// accounting code: every figure comes from here and every accounting record names the set.
public struct AccountingConstants: Sendable, Equatable {
    /// The set's name in the configuration (`[constants NAME]`).
    public var name: String
    /// Free text naming the methodology and the revision of these values.
    public var version: String
    /// Global warming potential of CH4, t CO2e per t CH4 (21, 28 or 27.9 in use; unconfirmed).
    public var gwpCH4: Double
    /// Methane density at the reference state (`referenceTemperatureKelvin`,
    /// `standardPressureKilopascals`), kg/m³: 0.716 at 0 °C, 0.667 at 20 °C.
    public var ch4DensityKilogramsPerCubicMetre: Double
    /// The temperature standard-condition volumes are stated at, K (273.15 for 0 °C, 293.15 for 20 °C).
    public var referenceTemperatureKelvin: Double
    /// The pressure standard-condition volumes are stated at, kPa (101.325).
    public var standardPressureKilopascals: Double

    public init(name: String, version: String, gwpCH4: Double, ch4DensityKilogramsPerCubicMetre: Double,
                referenceTemperatureKelvin: Double, standardPressureKilopascals: Double) {
        self.name = name
        self.version = version
        self.gwpCH4 = gwpCH4
        self.ch4DensityKilogramsPerCubicMetre = ch4DensityKilogramsPerCubicMetre
        self.referenceTemperatureKelvin = referenceTemperatureKelvin
        self.standardPressureKilopascals = standardPressureKilopascals
    }

    /// Throws `.invalidArgument` naming the first constant that is not a finite positive number
    /// (the arithmetic divides by the pressure and multiplies by the rest).
    public func validate() throws(MeteringError) {
        let figures: [(String, Double)] = [
            ("gwp_ch4", gwpCH4), ("ch4_density", ch4DensityKilogramsPerCubicMetre),
            ("reference temperature", referenceTemperatureKelvin), ("standard pressure", standardPressureKilopascals),
        ]
        for (label, value) in figures where !(value.isFinite && value > 0) {
            throw MeteringError(.invalidArgument, "constant set \(name): \(label) \(value) is not a positive number")
        }
    }
}
