/// One monitoring parameter from `[parameter NAME]`: the methodology quantity it measures, the
/// point it is read from, its HJ 212 factor code, its range limits and unit, and its period.
public struct MonitoringParameter: Sendable, Equatable {
    public var name: String
    public var quantity: MethodologyQuantity
    /// The oxidizer unit it belongs to (required for per-oxidizer quantities), or nil.
    public var oxidizer: String?
    /// The name of its `[point NAME]`.
    public var point: String
    /// Its HJ 212 factor code (configurable: the group standard's codes are not yet published).
    public var factorCode: String
    /// Range limits in `unit`: above `upperLimit` a value is flagged T.
    public var lowerLimit: Double
    public var upperLimit: Double
    public var unit: String
    /// Seconds between fresh readings (the staleness rule builds on it).
    public var periodSeconds: Int
    /// For `bed_temperature`: the temperature above which the unit counts as running.
    public var runningThreshold: Double?
    /// The line of the section header.
    public var line: Int
}
