import Metering

/// The `Metering` view of a validated site configuration: one `ParameterSpec` per monitoring
/// parameter (positions as in `SiteConfig.parameters`), the accounting constant set, and which
/// parameters feed each oxidizer unit's accounting, the energy totals and the flow cross-checks.
///
/// Values in real-time records stay in each parameter's configured unit (what the instrument
/// reports, what HJ 212 uploads); the accounting inputs are converted to canonical units here.
public struct MeteringModel: Sendable {
    /// The parameters an oxidizer unit's accounting reads (positions in `parameters`).
    public struct OxidizerInputs: Sendable, Equatable {
        public var name: String
        public var flow: Int?
        public var flowConditions: AccountingInputs.FlowConditions
        public var ch4: Int?
        public var temperature: Int?
        public var pressure: Int?
        public var running: Int?
        public var bedTemperature: Int?
    }

    /// A flow cross-check with its parameters resolved to positions.
    public struct CrossCheck: Sendable, Equatable {
        public var name: String
        public var inlets: [Int]
        public var reference: Int
        public var tolerancePercent: Double
        public var durationSeconds: Int
    }

    /// The site's monitoring parameters, in configuration order.
    public let parameters: [MonitoringParameter]
    public let specs: [ParameterSpec]
    /// `RealtimeRecordCodec.configurationTag` of the parameter names: stamped on every record.
    public let configurationTag: UInt32
    public let constants: AccountingConstants
    public let oxidizers: [OxidizerInputs]
    /// The energy counters, each with the quantity it adds to.
    public let energyCounters: [(index: Int, quantity: MethodologyQuantity)]
    public let crossChecks: [CrossCheck]

    public init(config: SiteConfig) {
        parameters = config.parameters
        specs = config.parameters.enumerated().map { Self.spec(index: $0.offset, $0.element) }
        configurationTag = RealtimeRecordCodec.configurationTag(names: config.parameters.map(\.name))
        constants = Self.accountingConstants(config.constants)
        oxidizers = config.oxidizers.map { Self.inputs(oxidizer: $0, config: config) }
        let energy: Set<MethodologyQuantity> = [.electricityGenerated, .electricityExported, .electricityConsumed, .heatSupplied]
        energyCounters = config.parameters.enumerated().compactMap {
            energy.contains($0.element.quantity) ? ($0.offset, $0.element.quantity) : nil
        }
        crossChecks = config.crossChecks.map { check in
            let position = { (name: String) in config.parameters.firstIndex { $0.name == name } ?? 0 }
            return CrossCheck(name: check.name, inlets: check.inletParameters.map(position),
                              reference: position(check.referenceParameter),
                              tolerancePercent: check.tolerancePercent, durationSeconds: check.durationSeconds)
        }
    }

    /// The metering spec of `parameter`: its limits and period, and how its values add up.
    static func spec(index: Int, _ parameter: MonitoringParameter) -> ParameterSpec {
        ParameterSpec(index: index, name: parameter.name, lowerLimit: parameter.lowerLimit,
                      upperLimit: parameter.upperLimit, periodSeconds: parameter.periodSeconds,
                      toleranceSeconds: parameter.toleranceSeconds, kind: kind(of: parameter))
    }

    /// Flows are rates per hour, minute or second (by their unit: 1 m³/min is 60 m³/h); energy and
    /// heat meters are counters; the running status is a status; the rest are levels.
    static func kind(of parameter: MonitoringParameter) -> ParameterKind {
        switch parameter.quantity {
        case .inletFlowWorking, .inletFlowStandard, .pumpOutletFlow:
            // canonical m³/h = value × factor, so one unit of the value is per 3600/factor seconds.
            return .rate(secondsPerUnitTime: 3600 / parameter.measurementUnit.factor)
        case .electricityGenerated, .electricityExported, .electricityConsumed, .heatSupplied: return .counter
        case .unitRunning: return .status
        case .inletCH4Fraction, .inletTemperature, .inletPressure, .bedTemperature, .pumpOutletCH4Fraction: return .level
        }
    }

    static func accountingConstants(_ set: MethodologyConstants) -> AccountingConstants {
        let kelvin = SecondAccounting.kelvinAtZeroCelsius + Double(set.referenceTemperature.rawValue)
        return AccountingConstants(name: set.name, version: set.version, gwpCH4: set.gwpCH4,
                                   ch4DensityKilogramsPerCubicMetre: set.ch4DensityKilogramsPerCubicMetre,
                                   referenceTemperatureKelvin: kelvin,
                                   standardPressureKilopascals: set.standardPressureKilopascals)
    }

    static func inputs(oxidizer: String, config: SiteConfig) -> OxidizerInputs {
        let position = { (quantity: MethodologyQuantity) -> Int? in
            guard let parameter = config.parameter(quantity, oxidizer: oxidizer) else { return nil }
            return config.parameters.firstIndex { $0.name == parameter.name }
        }
        let working = position(.inletFlowWorking)
        return OxidizerInputs(name: oxidizer, flow: working ?? position(.inletFlowStandard),
                              flowConditions: working != nil ? .working : .standard,
                              ch4: position(.inletCH4Fraction), temperature: position(.inletTemperature),
                              pressure: position(.inletPressure), running: position(.unitRunning),
                              bedTemperature: position(.bedTemperature))
    }

    /// The accounting inputs of oxidizer `oxidizer` in `record`, in canonical units.
    public func accountingInputs(oxidizer: Int, record: RealtimeRecord) -> AccountingInputs {
        let unit = oxidizers[oxidizer]
        let canonical = { (index: Int?) -> Measured? in
            guard let index else { return nil }
            return Measured(record.values[index], transform: parameters[index].toCanonical)
        }
        var pressure: Measured?
        if let index = unit.pressure {
            let parameter = parameters[index]
            pressure = Measured(record.values[index]) { parameter.absolutePressureKilopascals($0) ?? $0 }
        }
        let threshold = unit.bedTemperature.flatMap { parameters[$0].runningThreshold }
        return AccountingInputs(flow: canonical(unit.flow), flowConditions: unit.flowConditions,
                                ch4Percent: canonical(unit.ch4), temperatureCelsius: canonical(unit.temperature),
                                absolutePressureKilopascals: pressure, running: canonical(unit.running),
                                bedTemperature: canonical(unit.bedTemperature), runningThreshold: threshold)
    }

    /// Parameter `index`'s value in `record` in canonical units, as a measured input.
    public func canonical(_ index: Int, in record: RealtimeRecord) -> Measured? {
        Measured(record.values[index], transform: parameters[index].toCanonical)
    }
}
