import Metering

/// Accounting records and agent events for exports (`AgentRecordDecoding`).
extension AgentRecordDecoding {
    static func accounting(_ payload: [UInt8]) throws(MeteringError) -> DecodedRecord {
        let record = try AccountingRecordCodec.decode(payload)
        var decoded = DecodedRecord(kind: "accounting")
        var units: [String] = []
        var parts: [String] = []
        for unit in record.oxidizers {
            var object = JSONObject()
            object.add("name", unit.name)
            let figures: [(String, Double)] = [
                ("standard_volume_m3", unit.standardVolumeCubicMetres), ("ch4_volume_m3", unit.ch4VolumeCubicMetres),
                ("ch4_mass_kg", unit.ch4MassKilograms), ("destroyed_kg", unit.destroyedKilograms),
                ("destroyed_tco2e", unit.destroyedTonnesCO2e), ("measured_s", unit.measuredSeconds),
                ("running_s", unit.runningSeconds), ("counted_s", unit.countedSeconds),
                ("excluded_s", unit.excludedSeconds), ("not_running_s", unit.notRunningSeconds),
            ]
            for (key, value) in figures { object.add(key, value) }
            units.append(object.closed)
            parts.append("\(unit.name) destroyed \(unit.destroyedKilograms) kg = \(unit.destroyedTonnesCO2e) tCO2e, "
                         + "counted \(unit.countedSeconds) s, excluded \(unit.excludedSeconds) s, "
                         + "not running \(unit.notRunningSeconds) s")
        }
        let energy = energyFigures(record.energy)
        var energyObject = JSONObject()
        for figure in energy { energyObject.add(figure.key, figure.value) }
        decoded.members = [
            ("period", JSONText.string(record.kind.description)),
            ("period_start", String(record.periodStart)),
            ("configuration_tag", String(record.configurationTag)),
            ("constants_name", JSONText.string(record.constantsName)),
            ("constants_version", JSONText.string(record.constantsVersion)),
            ("tco2e", JSONText.number(record.tonnesCO2e)),
            ("oxidizers", JSONText.array(units)),
            ("energy", energyObject.closed),
        ]
        let energyText = energy.map { "\($0.label) \(text($0.value)) \($0.unit)" }.joined(separator: ", ")
        decoded.summary = "\(record.kind), constants \(record.constantsName) (\(record.constantsVersion)), "
            + "\(record.tonnesCO2e) tCO2e; " + parts.map { $0 + "; " }.joined() + "energy: " + energyText
        return decoded
    }

    /// The basic information table: its lines as arrays of fields (`SiteInformation`).
    static func siteInformation(_ payload: [UInt8]) -> DecodedRecord {
        let lines = SiteInformation.lines(payload)
        var decoded = DecodedRecord(kind: "siteInformation")
        decoded.members = [("lines", JSONText.array(lines.map { JSONText.array($0.map(JSONText.string)) }))]
        let meters = lines.filter { $0.first == "meter" }.compactMap { $0.count > 1 ? $0[1] : nil }
        decoded.summary = "site \(lines.first.map { $0.count > 1 ? $0[1] : "?" } ?? "?"), meters: "
            + meters.joined(separator: ", ")
        return decoded
    }

    static func event(_ payload: [UInt8]) throws(MeteringError) -> DecodedRecord {
        let event = try AgentEventCodec.decode(payload)
        // The strict decoder accepted the payload, so it is valid UTF-8 and one line as it stands.
        let text = String(decoding: payload, as: UTF8.self)
        var decoded = DecodedRecord(kind: "event")
        decoded.members = [
            ("code", String(event.code)),
            ("event", JSONText.string(event.kind.name)),
            ("severity", JSONText.string(event.severity.description)),
            ("text", JSONText.string(text)),
        ]
        decoded.summary = "\(event.severity): \(text)"
        return decoded
    }

    /// The site's energy as (JSON key, summary label, unit, value).
    private static func energyFigures(_ energy: EnergyTotals) -> [(key: String, label: String, unit: String, value: Double?)] {
        [("generated_kwh", "generated", "kWh", energy.generatedKilowattHours),
         ("exported_kwh", "exported", "kWh", energy.exportedKilowattHours),
         ("consumed_kwh", "consumed", "kWh", energy.consumedKilowattHours),
         ("heat_gj", "heat", "GJ", energy.heatGigajoules)]
    }
}
