/// A flow cross-check from `[crosscheck NAME]`: the oxidizer inlet flows fed by one extraction
/// pump must not exceed its outlet flow. When the sum of the `inletParameters` exceeds the
/// `referenceParameter` by more than `tolerancePercent` of it for `durationSeconds`, an alarm
/// event is journaled (a revocation trigger in the methodology).
public struct CrossCheckConfig: Sendable, Equatable {
    public var name: String
    /// Names of the `[parameter NAME]`s summed on the inlet side, each an `inlet_flow_working`
    /// or `inlet_flow_standard` parameter, in the order written.
    public var inletParameters: [String]
    /// Name of the `pump_outlet_flow` parameter they are compared with.
    public var referenceParameter: String
    /// How far above the reference the inlet sum may go, % of the reference (0…100).
    public var tolerancePercent: Double
    /// How long the excess must last before the alarm, s (1…86400).
    public var durationSeconds: Int
    /// The line of the section header.
    public var line: Int
}
