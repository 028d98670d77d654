import AgentCore

/// The text of `cmmgate info`: the site's identity as `label  value` lines, then one row per
/// instrument in aligned columns, then the constant set, parameters, cross-checks, statistics
/// rules and agent settings (`InfoSections`, `InfoSettings`), each after a blank line.
enum InfoTable {
    static func render(_ config: SiteConfig, today: CalendarDate) -> String {
        let identity = config.identity
        let constants = config.constants
        let reference = constants.referenceTemperature == .zeroCelsius ? "0 °C" : "20 °C"
        let site: [(String, String)] = [
            ("site", identity.name),
            ("MN", identity.mn),
            ("ST", identity.systemCode),
            ("UTC offset", offsetText(identity.utcOffsetMinutes)),
            ("constants", "\(constants.name) (\(constants.version)): GWP CH4 \(constants.gwpCH4), "
                + "CH4 density \(constants.ch4DensityKilogramsPerCubicMetre) kg/m3 at \(reference), "
                + "standard pressure \(constants.standardPressureKilopascals) kPa"),
            ("parameters", "\(config.parameters.count) on \(config.points.count) points"),
            ("date", "\(today)"),
        ]
        var text = site.map { $0.0.padded(to: 12) + $0.1 + "\n" }.joined()
        text += "\ninstruments (\(config.meters.count)):\n"
        var rows = [["meter", "protocol", "address", "bus", "maker", "model", "serial", "range", "accuracy",
                     "installed at", "calibrated", "due", "status"]]
        for meter in config.meters {
            let registry = meter.registry
            rows.append([meter.name, protocolName(meter), addressText(meter), meter.bus, registry.maker, registry.model,
                         registry.serialNumber, registry.measuringRange, registry.accuracyClass,
                         registry.installationPoint, "\(registry.lastCalibration)", "\(registry.calibrationDue)",
                         registry.isCalibrationOverdue(on: today) ? "OVERDUE" : "ok"])
        }
        text += aligned(rows)
        let sections = [InfoSections.constants(config), InfoSections.parameters(config),
                        InfoSections.crossChecks(config), InfoSettings.statistics(config), InfoSettings.agent(config),
                        InfoSettings.uplinks(config)]
        return text + sections.map { "\n" + $0 }.joined()
    }

    /// `rows` with each column padded to its widest cell, two spaces apart.
    static func aligned(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell.padded(to: widths[column] + 2)
            }
            return line + "\n"
        }.joined()
    }

    private static func protocolName(_ meter: MeterConfig) -> String { meter.isModbus ? "modbus" : "dlt645" }

    private static func addressText(_ meter: MeterConfig) -> String {
        switch meter.address {
        case .modbus(let slave): return "slave \(slave)"
        case .dlt645(let address): return address.digits
        }
    }

    private static func offsetText(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let hours = abs(minutes) / 60, rest = abs(minutes) % 60
        return "\(sign)\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }
}
