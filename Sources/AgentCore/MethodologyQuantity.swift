/// The CCER—10—001—V01 quantity a monitoring parameter measures (issue 5's list; the
/// methodology's own monitoring table is not yet transcribed, domain reference §1.2).
/// The raw value is the configuration word.
public enum MethodologyQuantity: String, Sendable, Equatable, CaseIterable {
    /// Gas volume flow at the oxidizer inlet, working (actual) conditions.
    case inletFlowWorking = "inlet_flow_working"
    /// Gas volume flow at the oxidizer inlet, already normalised to standard conditions.
    case inletFlowStandard = "inlet_flow_standard"
    /// CH4 volume fraction at the oxidizer inlet.
    case inletCH4Fraction = "inlet_ch4"
    /// Gas temperature at the oxidizer inlet.
    case inletTemperature = "inlet_temperature"
    /// Gas pressure at the oxidizer inlet.
    case inletPressure = "inlet_pressure"
    /// Oxidizer unit running status (1 running, 0 stopped).
    case unitRunning = "unit_running"
    /// Oxidizer bed temperature; the unit counts as running above `running_threshold`.
    case bedTemperature = "bed_temperature"
    /// Extraction-pump outlet flow at the safe-transport system (the cross-check's reference).
    case pumpOutletFlow = "pump_outlet_flow"
    /// Extraction-pump outlet CH4 volume fraction at the safe-transport system.
    case pumpOutletCH4Fraction = "pump_outlet_ch4"
    /// Electricity generated (kWh meter).
    case electricityGenerated = "electricity_generated"
    /// Electricity exported to the grid (kWh meter).
    case electricityExported = "electricity_exported"
    /// Electricity consumed by the project (kWh meter).
    case electricityConsumed = "electricity_consumed"
    /// Heat supplied (heat meter, GJ).
    case heatSupplied = "heat_supplied"

    /// Whether the quantity belongs to one oxidizer unit (so the parameter must name it).
    public var isPerOxidizer: Bool {
        switch self {
        case .inletFlowWorking, .inletFlowStandard, .inletCH4Fraction, .inletTemperature, .inletPressure,
             .unitRunning, .bedTemperature: return true
        default: return false
        }
    }

    /// The configuration words, for messages and the reference.
    public static let words = allCases.map(\.rawValue).joined(separator: ", ")
}
