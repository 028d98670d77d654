/// What the accounting needs for one second of one oxidizer unit, each value already in the
/// canonical unit (the caller converts: AgentCore's `MonitoringParameter.toCanonical`, and a gauge
/// pressure made absolute): flow in m³/h, CH4 in % by volume, temperature in °C, absolute
/// pressure in kPa, running status 1 or 0, bed temperature in °C.
///
/// nil means the record had no value for the input this second (missing); a value whose flag does
/// not count as valid is carried with `valid == false`. Either way the second is excluded if it
/// needs that input (docs/accounting.md, "Conservative exclusion").
public struct AccountingInputs: Sendable, Equatable {
    /// The conditions a flow is stated at.
    public enum FlowConditions: Sendable, Equatable {
        /// Working (actual) conditions: normalised with the gas temperature and absolute pressure.
        case working
        /// Already normalised to the constant set's reference state by the meter.
        case standard
    }

    /// Gas volume flow at the oxidizer inlet, m³/h at `flowConditions`.
    public var flow: Measured?
    public var flowConditions: FlowConditions
    /// CH4 volume fraction at the inlet, % (0…100).
    public var ch4Percent: Measured?
    /// Gas temperature at the inlet, °C (needed for working-condition flow only).
    public var temperatureCelsius: Measured?
    /// Absolute gas pressure at the inlet, kPa (needed for working-condition flow only).
    public var absolutePressureKilopascals: Measured?
    /// Running status, 1 running and 0 stopped; used when `runningThreshold` is nil.
    public var running: Measured?
    /// Oxidizer bed temperature, °C; used when `runningThreshold` is set.
    public var bedTemperature: Measured?
    /// The bed temperature (°C) above which the unit counts as running. Its presence selects the
    /// running rule: set, the bed temperature decides; nil, the running status does.
    public var runningThreshold: Double?

    public init(flow: Measured?, flowConditions: FlowConditions, ch4Percent: Measured?,
                temperatureCelsius: Measured? = nil, absolutePressureKilopascals: Measured? = nil,
                running: Measured? = nil, bedTemperature: Measured? = nil, runningThreshold: Double? = nil) {
        self.flow = flow
        self.flowConditions = flowConditions
        self.ch4Percent = ch4Percent
        self.temperatureCelsius = temperatureCelsius
        self.absolutePressureKilopascals = absolutePressureKilopascals
        self.running = running
        self.bedTemperature = bedTemperature
        self.runningThreshold = runningThreshold
    }
}

/// An input of `AccountingInputs`, to say which one excluded a second.
public enum AccountingInput: String, Sendable, Equatable, Hashable, CaseIterable {
    case flow
    case ch4Fraction = "ch4"
    case temperature
    case pressure
    case runningStatus = "running"
    case bedTemperature = "bed_temperature"
}

/// Why a second was excluded from the methane destroyed.
public enum ExclusionReason: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The record had no value for the input.
    case missing(AccountingInput)
    /// The input's flag does not count as valid (anything but N or S).
    case flagged(AccountingInput)
    /// The input is valid by its flag but physically impossible: not finite, a negative flow, CH4
    /// outside 0…100 %, a temperature at or below absolute zero, a pressure at or below zero, or a
    /// running status other than 0 or 1.
    case impossible(AccountingInput)

    /// The input concerned.
    public var input: AccountingInput {
        switch self {
        case .missing(let input), .flagged(let input), .impossible(let input): input
        }
    }

    public var description: String {
        switch self {
        case .missing(let input): "\(input.rawValue) missing"
        case .flagged(let input): "\(input.rawValue) flagged invalid"
        case .impossible(let input): "\(input.rawValue) impossible"
        }
    }
}
