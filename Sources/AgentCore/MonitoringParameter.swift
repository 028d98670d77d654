/// One monitoring parameter from `[parameter NAME]`: the methodology quantity it measures, the
/// point it is read from, its HJ 212 factor code, its range limits and unit, and its period.
public struct MonitoringParameter: Sendable, Equatable {
    /// How a pressure is stated (`pressure =` on an `inlet_pressure` parameter).
    public enum PressureReference: Sendable, Equatable {
        /// The reading is the absolute pressure.
        case absolute
        /// The reading is above the atmosphere, whose absolute pressure (kPa) is configured.
        case gauge(atmosphereKilopascals: Double)
    }

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
    /// The unit as written; one of those `MeasurementUnit.accepted(for: quantity)` lists.
    public var unit: String
    /// `unit` with its conversion to the accounting's canonical unit.
    public var measurementUnit: MeasurementUnit
    /// Seconds between fresh readings (the staleness rule builds on it).
    public var periodSeconds: Int
    /// Seconds a reading may be late on top of `periodSeconds` before the value is stale.
    public var toleranceSeconds: Int
    /// For `bed_temperature`: the temperature in °C (canonical, whatever `unit` is) above which
    /// the unit counts as running; compare `toCanonical(value)` with it.
    public var runningThreshold: Double?
    /// For `inlet_pressure`: absolute or gauge; nil for every other quantity.
    public var pressureReference: PressureReference?
    /// The line of the section header.
    public var line: Int

    /// The unit the accounting computes this parameter's quantity in (m³/h, %, °C, kPa, kWh, GJ, 1).
    public var canonicalUnit: MeasurementUnit { measurementUnit.kind.canonical }

    /// `value` (in `unit`) in `canonicalUnit`: a unit conversion only (a gauge pressure stays gauge).
    public func toCanonical(_ value: Double) -> Double { measurementUnit.toCanonical(value) }

    /// For `inlet_pressure`: the absolute pressure in kPa for `value` in `unit` (the configured
    /// atmosphere added to a gauge reading); nil for other quantities.
    public func absolutePressureKilopascals(_ value: Double) -> Double? {
        switch pressureReference {
        case .absolute?: return toCanonical(value)
        case .gauge(let atmosphere)?: return toCanonical(value) + atmosphere
        case nil: return nil
        }
    }
}
