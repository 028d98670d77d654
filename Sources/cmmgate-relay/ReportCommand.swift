import DeviceIO

/// `cmmgate-relay report --db FILE --site MN --day YYYY-MM-DD [--config FILE] [--from T] [--to T]
/// [--format text|json]`: the day's (or a window's) coverage, outages, events and recomputed
/// accounting for one site (`DayReport`). `--from`/`--to` are local times, `HH:MM:SS` on the day or
/// `YYYY-MM-DDTHH:MM:SS`; the window is `[from, to)`.
enum ReportCommand {
    static func run(_ arguments: [String]) throws(RelayError) -> Int32 {
        let options = try RelayArguments(arguments, valueOptions: ["db", "site", "day", "config", "from", "to", "format"])
        let format = options.value("format") ?? "text"
        guard format == "text" || format == "json" else { throw RelayError(.usage, "--format is text or json") }
        let store = try RelayStore(readingPath: try options.required("db"))
        let site = try ReportSite.resolve(mn: try options.required("site"), configPath: options.value("config"), store: store)
        let day = try options.required("day")
        guard day.utf8.count == 10, let dayStart = CivilTime.parseLocal(day, utcOffsetMinutes: site.utcOffsetMinutes) else {
            throw RelayError(.usage, "--day '\(day)' is not YYYY-MM-DD")
        }
        let start = try time(options.value("from"), day: day, site: site) ?? dayStart
        let end = try time(options.value("to"), day: day, site: site) ?? dayStart + 86_400
        guard start < end else { throw RelayError(.usage, "--from must be before --to") }
        let report = try build(site: site, store: store, start: start, end: end, dayStart: dayStart)
        if let note = site.note { StandardStreams.writeError("cmmgate-relay: note: \(note); accounting not recomputed\n") }
        StandardStreams.writeOut(format == "json" ? report.json : report.text)
        return 0
    }

    static func build(site: ReportSite, store: RelayStore, start: Int64, end: Int64, dayStart: Int64) throws(RelayError) -> DayReport {
        var builder = DayReportBuilder(mn: site.mn, name: site.name, start: start, end: end, utcOffsetMinutes: site.utcOffsetMinutes,
                                       intervalSeconds: site.realtimeIntervalSeconds,
                                       parameters: try site.parameters(store: store, from: start, to: end), siteConfig: site.siteConfig)
        if let previous = try store.realtimeSecond(mn: site.mn, before: start) { builder.setReference(previous) }
        try store.realtimeSeconds(mn: site.mn, from: start, to: end) { time, second in builder.add(second, time: time) }
        let gateway = try site.gatewayTCO2eFactor.flatMap { factor throws(RelayError) in
            try store.dayCumulative(mn: site.mn, factor: factor, dayStart: dayStart)
        }
        var report = builder.finish(events: try store.events(mn: site.mn, from: start, to: end),
                                    frames: try store.frameCounts(mn: site.mn, from: start, to: end),
                                    gatewayFactor: site.gatewayTCO2eFactor, gatewayTonnesCO2e: gateway)
        report.siteInformation = try store.siteInformation(mn: site.mn, before: end)
        return report
    }

    /// `HH:MM:SS` on `day`, or a whole local time; nil when not given.
    static func time(_ text: String?, day: String, site: ReportSite) throws(RelayError) -> Int64? {
        guard let text else { return nil }
        let full = text.utf8.count == 8 ? day + "T" + text : text
        guard let time = CivilTime.parseLocal(full, utcOffsetMinutes: site.utcOffsetMinutes) else {
            throw RelayError(.usage, "'\(text)' is not HH:MM:SS or YYYY-MM-DDTHH:MM:SS")
        }
        return time
    }
}
