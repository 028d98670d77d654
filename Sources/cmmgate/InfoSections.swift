import AgentCore

/// The sections `cmmgate info` prints after the instrument registry: the constant set in use,
/// the monitoring parameters and the flow cross-checks (the agent's own settings and the
/// statistics rules are in `InfoSettings`). Each section is a header line ending in `:` followed
/// by `label  value` lines or an aligned table, and sections are separated by a blank line.
enum InfoSections {
    /// The constant set `[site] constants` names, one value a line: what an auditor checks.
    static func constants(_ config: SiteConfig) -> String {
        let set = config.constants
        let defined = config.constantSets.count
        let header = "constants \(set.name) (in use; \(defined) set\(defined == 1 ? "" : "s") defined):\n"
        return header + labelled([
            ("version", set.version),
            ("GWP CH4", "\(number(set.gwpCH4)) t CO2e/t CH4"),
            ("CH4 density", "\(number(set.ch4DensityKilogramsPerCubicMetre)) kg/m3"),
            ("reference temperature", "\(set.referenceTemperature.rawValue) °C"),
            ("standard pressure", "\(number(set.standardPressureKilopascals)) kPa"),
        ])
    }

    /// One row per monitoring parameter in file order: what it measures, for which oxidizer
    /// unit, its HJ 212 factor code, unit and limits, when it goes stale, and where it is read.
    static func parameters(_ config: SiteConfig) -> String {
        var rows = [["parameter", "quantity", "oxidizer", "factor", "unit", "lower…upper", "period + tolerance",
                     "point", "meter", "notes"]]
        for parameter in config.parameters {
            let meter = config.points.first { $0.name == parameter.point }?.meter ?? "-"
            rows.append([parameter.name, parameter.quantity.rawValue, parameter.oxidizer ?? "-",
                         parameter.factorCode, parameter.unit,
                         "\(number(parameter.lowerLimit))…\(number(parameter.upperLimit))",
                         "\(parameter.periodSeconds) s + \(parameter.toleranceSeconds) s",
                         parameter.point, meter, notes(parameter)])
        }
        return "parameters (\(config.parameters.count)):\n" + InfoTable.aligned(rows)
    }

    /// One row per `[crosscheck NAME]`: the inlet flows summed, the pump outlet flow they are
    /// compared with, and how far above it and for how long before the alarm.
    static func crossChecks(_ config: SiteConfig) -> String {
        let header = "cross-checks (\(config.crossChecks.count)):"
        guard !config.crossChecks.isEmpty else { return header + " none\n" }
        var rows = [["crosscheck", "inlet (summed)", "reference", "tolerance", "duration"]]
        for check in config.crossChecks {
            rows.append([check.name, check.inletParameters.joined(separator: " + "), check.referenceParameter,
                         "\(number(check.tolerancePercent)) %", "\(check.durationSeconds) s"])
        }
        return header + "\n" + InfoTable.aligned(rows)
    }

    /// What a parameter's quantity adds: the pressure reference of an inlet pressure, the
    /// running threshold of a bed temperature; `-` for the others.
    private static func notes(_ parameter: MonitoringParameter) -> String {
        switch parameter.pressureReference {
        case .absolute?: return "absolute pressure"
        case .gauge(let atmosphere)?: return "gauge pressure + atmosphere \(number(atmosphere)) kPa"
        case nil: break
        }
        if let threshold = parameter.runningThreshold { return "running above \(number(threshold)) °C" }
        return "-"
    }

    /// `pairs` as `label  value` lines, the values aligned.
    static func labelled(_ pairs: [(String, String)]) -> String {
        let width = (pairs.map { $0.0.count }.max() ?? 0) + 2
        return pairs.map { $0.0.padded(to: width) + $0.1 + "\n" }.joined()
    }

    /// `value` as written in a configuration: whole numbers without a fraction (`21`, not
    /// `21.0`), others in Swift's shortest round-trip form (`0.716`, `101.325`).
    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), value.magnitude < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
