/// `report`'s text form: one block per section, times in the site's local time.
extension DayReport {
    var text: String {
        let offset = utcOffsetMinutes
        func time(_ seconds: Int64) -> String { CivilTime.text(seconds: seconds, utcOffsetMinutes: offset) }
        var lines: [String] = []
        lines.append("site \(mn) (\(name))")
        lines.append("window \(time(start)) … \(time(end)) \(CivilTime.offsetText(offset)), real-time every \(intervalSeconds) s: "
            + "\(expectedSamples) samples expected, \(samplesWithRecords) with a record (\(FixedDecimal.percent(share(samplesWithRecords))))")
        lines.append("frames \(frames) stored, \(duplicates) resends received (\(conflictingDuplicates) differing from the stored frame)")
        lines.append("")
        lines += siteInformation?.lines(time: time) ?? ["site information (CN 3020): none uploaded"]
        lines.append("")
        lines += coverageLines
        lines.append("")
        lines.append(outages.isEmpty ? "outages: none" : "outages (expected samples without a real-time record): \(outages.count)")
        for outage in outages {
            lines.append("  \(time(outage.start)) … \(time(outage.end))  \(outage.seconds) s\(outageCauses(outage))")
        }
        lines.append("")
        lines.append(events.isEmpty ? "alarms and events: none" : "alarms and events: \(events.count)")
        for event in events {
            let head = [event.level, event.kind, event.code.map(String.init)].compactMap { $0 }.joined(separator: " ")
            lines.append("  \(time(event.time))  CN \(event.command)  \(head.isEmpty ? "" : head + "  ")\(event.text)")
        }
        lines.append("")
        lines += accountingLines
        return lines.joined(separator: "\n") + "\n"
    }

    private var coverageLines: [String] {
        var rows = [["parameter", "factor", "present", "share", "flag N", "share", "other flags"]]
        for p in parameters {
            let others = p.flags.filter { $0.key != "N" }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            rows.append([p.name, p.factor, String(p.present), FixedDecimal.percent(share(p.present)), String(p.normal),
                         FixedDecimal.percent(share(p.normal)), others.isEmpty ? "-" : others.joined(separator: ", ")])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }

    /// The events within an outage or up to a minute after it (a restart journals `started` as it
    /// resumes), as its likely causes.
    private func outageCauses(_ outage: Outage) -> String {
        let near = events.filter { $0.time >= outage.start && $0.time <= outage.end + 60 }
        guard !near.isEmpty else { return "" }
        return "  (events: " + near.map { [$0.kind ?? "CN \($0.command)", CivilTime.clockText(seconds: $0.time, utcOffsetMinutes: utcOffsetMinutes)]
            .joined(separator: " at ") }.joined(separator: "; ") + ")"
    }

    private var accountingLines: [String] {
        guard let accounting else {
            return ["accounting: not recomputed (no site configuration for this site: give --config or set site_config)"]
        }
        let c = accounting.constants
        var lines = ["accounting recomputed from the real-time records, constant set \(c.name) (\(c.version)): GWP CH4 "
            + "\(FixedDecimal.text(c.gwpCH4, places: 3)), CH4 density \(FixedDecimal.text(c.ch4DensityKilogramsPerCubicMetre, places: 4)) kg/m3 at "
            + "\(FixedDecimal.text(c.referenceTemperatureKelvin, places: 2)) K and \(FixedDecimal.text(c.standardPressureKilopascals, places: 3)) kPa"]
        for unit in accounting.totals.oxidizers {
            lines.append("  \(unit.name): counted \(Int(unit.countedSeconds)) s, not running \(Int(unit.notRunningSeconds)) s, "
                + "excluded \(Int(unit.excludedSeconds)) s; CH4 at the inlet \(FixedDecimal.text(unit.ch4VolumeCubicMetres, places: 3)) m3 "
                + "(\(FixedDecimal.text(unit.ch4MassKilograms, places: 3)) kg); destroyed \(FixedDecimal.text(unit.destroyedKilograms, places: 3)) kg "
                + "= \(FixedDecimal.text(unit.destroyedTonnesCO2e, places: 6)) tCO2e")
        }
        for (reason, count) in accounting.exclusions.sorted(by: { $0.key < $1.key }) {
            lines.append("    excluded \(count) s: \(reason)")
        }
        let destroyed = accounting.totals.oxidizers.reduce(0) { $0 + $1.destroyedKilograms }
        lines.append("  total: \(FixedDecimal.text(destroyed, places: 3)) kg CH4 destroyed = "
            + "\(FixedDecimal.text(accounting.totals.tonnesCO2e, places: 6)) tCO2e")
        let energy = accounting.totals.energy
        let parts = [("generated", energy.generatedKilowattHours, "kWh"), ("exported", energy.exportedKilowattHours, "kWh"),
                     ("consumed", energy.consumedKilowattHours, "kWh"), ("heat supplied", energy.heatGigajoules, "GJ")]
            .compactMap { name, value, unit in value.map { "\(name) \(FixedDecimal.text($0, places: 3)) \(unit)" } }
        if !parts.isEmpty { lines.append("  energy: " + parts.joined(separator: ", ")) }
        if accounting.counterResets > 0 { lines.append("  counter decreases (resets) ignored: \(accounting.counterResets)") }
        if let gatewayTonnesCO2e, let gatewayFactor {
            lines.append("  gateway's own figure (\(gatewayFactor)-Cou of its 2031): \(FixedDecimal.text(gatewayTonnesCO2e, places: 6)) tCO2e; "
                + "relay − gateway = \(FixedDecimal.text(accounting.totals.tonnesCO2e - gatewayTonnesCO2e, places: 6)) tCO2e")
        } else {
            lines.append("  gateway's own figure: none uploaded\(gatewayFactor.map { " (no 2031 \($0)-Cou for the day)" } ?? " (no gateway_tco2e_factor configured)")")
        }
        return lines
    }
}
