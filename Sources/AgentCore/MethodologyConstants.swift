/// A named, versioned set of methodology constants from `[constants NAME]`. The values of
/// CCER—10—001—V01 are not confirmed (docs/configuration.md, domain reference §1.2–1.3), so
/// they live in the configuration, never as literals in accounting code.
public struct MethodologyConstants: Sendable, Equatable {
    /// The temperature at which standard-condition volumes and the methane density are stated.
    public enum ReferenceTemperature: Int, Sendable, Equatable {
        case zeroCelsius = 0
        case twentyCelsius = 20
    }

    public var name: String
    /// Free text naming the methodology and the revision of these values.
    public var version: String
    /// Global warming potential of CH4 (t CO2e per t CH4).
    public var gwpCH4: Double
    /// Methane density at the reference state, kg/m³.
    public var ch4DensityKilogramsPerCubicMetre: Double
    public var referenceTemperature: ReferenceTemperature
    /// Standard pressure for volume normalisation, kPa.
    public var standardPressureKilopascals: Double
    /// The line of the section header.
    public var line: Int
}
