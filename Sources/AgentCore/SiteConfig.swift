/// A whole, validated site configuration: identity, the agent's own settings, the statistics
/// rules, constant sets, buses, meters, points, monitoring parameters and flow cross-checks.
/// Only `SiteConfigParser` makes one, and only when it found no error, so every reference in it
/// resolves and every oxidizer has what its accounting needs. `uplinks` are the HJ 212 platform
/// endpoints (`[uplink NAME]`, zero or more).
public struct SiteConfig: Sendable, Equatable {
    public var identity: SiteIdentity
    /// `[agent]`, or its defaults when the file has none.
    public var agent: AgentSettings
    /// `[statistics]`, or its defaults when the file has none.
    public var statistics: StatisticsSettings
    public var constantSets: [MethodologyConstants]
    public var buses: [BusConfig]
    public var meters: [MeterConfig]
    public var points: [PointConfig]
    public var parameters: [MonitoringParameter]
    /// `[crosscheck NAME]` sections, in file order.
    public var crossChecks: [CrossCheckConfig]
    /// `[uplink NAME]` sections, in file order (none: the agent only journals).
    public var uplinks: [UplinkConfig]

    /// The constant set `[site] constants` names.
    public var constants: MethodologyConstants {
        guard let set = constantSets.first(where: { $0.name == identity.constantsName }) else {
            preconditionFailure("validated config lacks constant set \(identity.constantsName)")
        }
        return set
    }

    /// The parameter called `name`, or nil.
    public func parameter(named name: String) -> MonitoringParameter? { parameters.first { $0.name == name } }

    /// The names of the oxidizer units the parameters name, in order of first appearance.
    public var oxidizers: [String] {
        var names: [String] = []
        for parameter in parameters where parameter.quantity.isPerOxidizer {
            if let name = parameter.oxidizer, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The parameter measuring `quantity` for oxidizer unit `oxidizer` (at most one: validated).
    public func parameter(_ quantity: MethodologyQuantity, oxidizer: String) -> MonitoringParameter? {
        parameters.first { $0.quantity == quantity && $0.oxidizer == oxidizer }
    }

    /// The meters whose calibration is past due on `today`, in file order.
    public func metersWithOverdueCalibration(on today: CalendarDate) -> [MeterConfig] {
        meters.filter { $0.registry.isCalibrationOverdue(on: today) }
    }

    /// A warning `FILE:LINE: warning: …` for each overdue calibration on `today`.
    public func calibrationWarnings(on today: CalendarDate, file: String) -> [String] {
        metersWithOverdueCalibration(on: today).map {
            "\(file):\($0.line): warning: meter \($0.name) calibration was due \($0.registry.calibrationDue)"
        }
    }
}
