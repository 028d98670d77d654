/// A whole, validated site configuration: identity, constant sets, buses, meters, points and
/// monitoring parameters. Only `SiteConfigParser` makes one, and only when it found no error,
/// so every reference in it resolves.
public struct SiteConfig: Sendable, Equatable {
    public var identity: SiteIdentity
    public var constantSets: [MethodologyConstants]
    public var buses: [BusConfig]
    public var meters: [MeterConfig]
    public var points: [PointConfig]
    public var parameters: [MonitoringParameter]

    /// The constant set `[site] constants` names.
    public var constants: MethodologyConstants {
        guard let set = constantSets.first(where: { $0.name == identity.constantsName }) else {
            preconditionFailure("validated config lacks constant set \(identity.constantsName)")
        }
        return set
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
