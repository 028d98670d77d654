import AgentCore

/// `report --format json`: the same figures as one JSON object (times as local text and UTC
/// epoch seconds; shares 0…1; every number unrounded).
extension DayReport {
    var json: String {
        let offset = utcOffsetMinutes
        var object = JSONObject()
        object.add("mn", mn)
        object.add("name", name)
        object.add("utc_offset", CivilTime.offsetText(offset))
        object.add("start", CivilTime.text(seconds: start, utcOffsetMinutes: offset))
        object.add("end", CivilTime.text(seconds: end, utcOffsetMinutes: offset))
        object.add("start_epoch", start)
        object.add("end_epoch", end)
        object.add("interval_s", intervalSeconds)
        object.add("expected_samples", expectedSamples)
        object.add("samples_with_records", samplesWithRecords)
        object.add("frames", frames)
        object.add("duplicates", duplicates)
        object.add("conflicting_duplicates", conflictingDuplicates)
        object.raw("parameters", JSONText.array(parameters.map { p in
            var item = JSONObject()
            item.add("name", p.name)
            item.add("factor", p.factor)
            item.add("present", p.present)
            item.add("present_share", share(p.present))
            item.add("normal", p.normal)
            item.add("normal_share", share(p.normal))
            var flags = JSONObject()
            for (flag, count) in p.flags.sorted(by: { $0.key < $1.key }) { flags.add(flag, count) }
            item.raw("flags", flags.closed)
            return item.closed
        }))
        object.raw("outages", JSONText.array(outages.map { o in
            var item = JSONObject()
            item.add("start", CivilTime.text(seconds: o.start, utcOffsetMinutes: offset))
            item.add("end", CivilTime.text(seconds: o.end, utcOffsetMinutes: offset))
            item.add("start_epoch", o.start)
            item.add("end_epoch", o.end)
            item.add("seconds", o.seconds)
            return item.closed
        }))
        object.raw("events", JSONText.array(events.map { e in
            var item = JSONObject()
            item.add("time", CivilTime.text(seconds: e.time, utcOffsetMinutes: offset))
            item.add("cn", e.command)
            item.raw("code", e.code.map(String.init) ?? "null")
            item.add("kind", e.kind)
            item.add("level", e.level)
            item.add("text", e.text)
            return item.closed
        }))
        object.raw("site_information", siteInformation?.json ?? "null")
        object.raw("accounting", accountingJSON)
        object.add("gateway_factor", gatewayFactor)
        object.add("gateway_tco2e", gatewayTonnesCO2e)
        return object.closed + "\n"
    }

    private var accountingJSON: String {
        guard let accounting else { return "null" }
        var object = JSONObject()
        object.add("constants", accounting.constants.name)
        object.add("constants_version", accounting.constants.version)
        object.add("gwp_ch4", accounting.constants.gwpCH4)
        object.raw("oxidizers", JSONText.array(accounting.totals.oxidizers.map { unit in
            var item = JSONObject()
            item.add("name", unit.name)
            item.add("counted_s", unit.countedSeconds)
            item.add("not_running_s", unit.notRunningSeconds)
            item.add("excluded_s", unit.excludedSeconds)
            item.add("ch4_m3", unit.ch4VolumeCubicMetres)
            item.add("ch4_kg", unit.ch4MassKilograms)
            item.add("destroyed_kg", unit.destroyedKilograms)
            item.add("tco2e", unit.destroyedTonnesCO2e)
            return item.closed
        }))
        var exclusions = JSONObject()
        for (reason, count) in accounting.exclusions.sorted(by: { $0.key < $1.key }) { exclusions.add(reason, count) }
        object.raw("exclusions", exclusions.closed)
        object.add("destroyed_kg", accounting.totals.oxidizers.reduce(0) { $0 + $1.destroyedKilograms })
        object.add("tco2e", accounting.totals.tonnesCO2e)
        let energy = accounting.totals.energy
        object.add("generated_kwh", energy.generatedKilowattHours)
        object.add("exported_kwh", energy.exportedKilowattHours)
        object.add("consumed_kwh", energy.consumedKilowattHours)
        object.add("heat_gj", energy.heatGigajoules)
        object.add("counter_resets", accounting.counterResets)
        return object.closed
    }
}
