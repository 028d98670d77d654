/// The accounting of one oxidizer unit over a period: sums of `SecondResult`s. Additive: adding
/// seconds one by one and merging partial totals in any grouping give the same figures (to
/// floating-point rounding), so minutes, hours and days are all built the same way.
///
/// Every second added lands in exactly one of `countedSeconds`, `notRunningSeconds` and
/// `excludedSeconds`; `runningSeconds` counts the seconds the unit was known to run (counted ones
/// and those excluded for a flow, CH4, temperature or pressure problem).
public struct OxidizerTotals: Sendable, Equatable {
    /// The oxidizer unit's name in the configuration.
    public var name: String
    /// Gas volume at the reference state, m³ (over `measuredSeconds`).
    public var standardVolumeCubicMetres = 0.0
    /// Pure CH4 volume at the reference state, m³ (over `measuredSeconds`).
    public var ch4VolumeCubicMetres = 0.0
    /// CH4 mass, kg (over `measuredSeconds`).
    public var ch4MassKilograms = 0.0
    /// CH4 destroyed, kg (over `countedSeconds`).
    public var destroyedKilograms = 0.0
    /// The destroyed CH4 as t CO2e.
    public var destroyedTonnesCO2e = 0.0
    /// Seconds whose gas volume could be computed.
    public var measuredSeconds = 0.0
    /// Seconds the unit was known to run.
    public var runningSeconds = 0.0
    /// Seconds whose methane counts as destroyed.
    public var countedSeconds = 0.0
    /// Seconds excluded by the conservative rule.
    public var excludedSeconds = 0.0
    /// Seconds the unit was known not to run.
    public var notRunningSeconds = 0.0

    /// Empty totals for the unit `name`.
    public init(name: String) {
        self.name = name
    }

    /// Every second added, whatever its class.
    public var totalSeconds: Double { countedSeconds + notRunningSeconds + excludedSeconds }

    /// Adds one second's (or interval's) result.
    public mutating func add(_ result: SecondResult) {
        standardVolumeCubicMetres += result.standardVolumeCubicMetres
        ch4VolumeCubicMetres += result.ch4VolumeCubicMetres
        ch4MassKilograms += result.ch4MassKilograms
        destroyedKilograms += result.destroyedKilograms
        destroyedTonnesCO2e += result.destroyedTonnesCO2e
        if result.volumeMeasured { measuredSeconds += result.seconds }
        if result.running == true { runningSeconds += result.seconds }
        switch result.classification {
        case .counted: countedSeconds += result.seconds
        case .notRunning: notRunningSeconds += result.seconds
        case .excluded: excludedSeconds += result.seconds
        }
    }

    /// Adds another period's totals of the same unit (the name is kept).
    public mutating func merge(_ other: OxidizerTotals) {
        standardVolumeCubicMetres += other.standardVolumeCubicMetres
        ch4VolumeCubicMetres += other.ch4VolumeCubicMetres
        ch4MassKilograms += other.ch4MassKilograms
        destroyedKilograms += other.destroyedKilograms
        destroyedTonnesCO2e += other.destroyedTonnesCO2e
        measuredSeconds += other.measuredSeconds
        runningSeconds += other.runningSeconds
        countedSeconds += other.countedSeconds
        excludedSeconds += other.excludedSeconds
        notRunningSeconds += other.notRunningSeconds
    }
}
