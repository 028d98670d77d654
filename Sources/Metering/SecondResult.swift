/// The accounting of one second of one oxidizer unit (`SecondAccounting.compute`).
///
/// The gas figures (`standardVolumeCubicMetres`, `ch4VolumeCubicMetres`, `ch4MassKilograms`) are
/// what passed the inlet whenever they could be computed (`volumeMeasured`), whether the unit ran
/// or not; the destroyed figures are non-zero only for a `.counted` second.
public struct SecondResult: Sendable, Equatable {
    /// How the second counts towards the methane destroyed.
    public enum Classification: Sendable, Equatable, Hashable {
        /// The unit ran and every needed input was valid: its methane counts as destroyed.
        case counted
        /// The unit was known not to run: nothing destroyed.
        case notRunning
        /// An input needed to know whether the unit ran, or how much methane it received, was
        /// missing, flagged invalid or impossible: nothing destroyed (conservative rule).
        case excluded(ExclusionReason)
    }

    /// The time the result covers, s.
    public var seconds: Double
    /// Whether the unit ran, or nil when that could not be known.
    public var running: Bool?
    public var classification: Classification
    /// Whether the gas figures could be computed (flow and CH4, plus T and P for working flow).
    public var volumeMeasured = false
    /// Gas volume at the constant set's reference state, m³.
    public var standardVolumeCubicMetres = 0.0
    /// Pure CH4 volume at the reference state, m³.
    public var ch4VolumeCubicMetres = 0.0
    /// CH4 mass, kg.
    public var ch4MassKilograms = 0.0
    /// CH4 destroyed by the unit, kg.
    public var destroyedKilograms = 0.0
    /// The destroyed CH4 as t CO2e under the constant set's GWP.
    public var destroyedTonnesCO2e = 0.0

    public init(seconds: Double, running: Bool?, classification: Classification) {
        self.seconds = seconds
        self.running = running
        self.classification = classification
    }
}
