/// `cmmgate-relay export --db FILE --site MN --from T --to T [--kind K] [--format csv] [--config FILE]`:
/// one site's stored data in `[from, to)` (local times `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`) as
/// CSV for verifiers. Kinds: `realtime` (one row per second and factor, the default),
/// `statistics` (per period and factor), `events`, `frames` (every stored packet with its raw
/// text, so the CRC can be checked again).
enum ExportCommand {
    static let kinds = ["realtime", "statistics", "events", "frames"]

    static func run(_ arguments: [String]) throws(RelayError) -> Int32 {
        let options = try RelayArguments(arguments, valueOptions: ["db", "site", "from", "to", "kind", "format", "config"])
        guard (options.value("format") ?? "csv") == "csv" else { throw RelayError(.usage, "--format: only csv is written") }
        let kind = options.value("kind") ?? "realtime"
        guard kinds.contains(kind) else { throw RelayError(.usage, "--kind is one of \(kinds.joined(separator: ", "))") }
        let store = try RelayStore(readingPath: try options.required("db"))
        let site = try ReportSite.resolve(mn: try options.required("site"), configPath: options.value("config"), store: store)
        let from = try time(try options.required("from"), site: site)
        let to = try time(try options.required("to"), site: site)
        guard from < to else { throw RelayError(.usage, "--from must be before --to") }
        var names: [String: String] = [:]
        for parameter in site.siteConfig?.parameters ?? [] { names[parameter.factorCode] = parameter.name }
        var csv = CSVWriter()
        let export = RelayExport(store: store, mn: site.mn, from: from, to: to, offset: site.utcOffsetMinutes, names: names)
        switch kind {
        case "realtime": try export.realtime(&csv)
        case "statistics": try export.statistics(&csv)
        case "events": try export.events(&csv)
        default: try export.frames(&csv)
        }
        csv.flush()
        return 0
    }

    static func time(_ text: String, site: ReportSite) throws(RelayError) -> Int64 {
        guard let time = CivilTime.parseLocal(text, utcOffsetMinutes: site.utcOffsetMinutes) else {
            throw RelayError(.usage, "'\(text)' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
        }
        return time
    }
}

/// The export queries, each streaming rows into a `CSVWriter` with a header row.
struct RelayExport {
    let store: RelayStore
    let mn: String
    let from: Int64
    let to: Int64
    let offset: Int
    /// Factor code → parameter name (from the site configuration).
    let names: [String: String]

    private var range: [SQLiteStatement.Value] { [.text(mn), .integer(from), .integer(to)] }

    private func local(_ seconds: Int64) -> String { CivilTime.text(seconds: seconds, utcOffsetMinutes: offset) }

    func realtime(_ csv: inout CSVWriter) throws(RelayError) {
        csv.row(["mn", "data_time", "data_time_utc", "factor", "parameter", "value", "flag"])
        try store.statement("""
            SELECT data_time, factor, value, flag FROM realtime WHERE mn = ? AND data_time >= ? AND data_time < ?
            ORDER BY data_time, factor
            """).query(range) { row in
            let time = row.int64(0), factor = row.text(1)
            csv.row([mn, local(time), String(time), factor, names[factor] ?? "", CSVWriter.number(row.optionalDouble(2)),
                     row.optionalText(3) ?? ""])
        }
    }

    func statistics(_ csv: inout CSVWriter) throws(RelayError) {
        csv.row(["mn", "cn", "period_start", "period_start_utc", "factor", "parameter", "min", "avg", "max", "cou", "flag"])
        try store.statement("""
            SELECT cn, data_time, factor, min, avg, max, cou, flag FROM statistics WHERE mn = ? AND data_time >= ? AND data_time < ?
            ORDER BY cn, data_time, factor
            """).query(range) { row in
            let time = row.int64(1), factor = row.text(2)
            csv.row([mn, String(row.int64(0)), local(time), String(time), factor, names[factor] ?? "",
                     CSVWriter.number(row.optionalDouble(3)), CSVWriter.number(row.optionalDouble(4)),
                     CSVWriter.number(row.optionalDouble(5)), CSVWriter.number(row.optionalDouble(6)), row.optionalText(7) ?? ""])
        }
    }

    func events(_ csv: inout CSVWriter) throws(RelayError) {
        csv.row(["mn", "time", "time_utc", "cn", "code", "kind", "level", "text", "cp"])
        try store.statement("""
            SELECT data_time, cn, code, kind, level, text, cp FROM events WHERE mn = ? AND data_time >= ? AND data_time < ?
            ORDER BY data_time, id
            """).query(range) { row in
            let time = row.int64(0)
            csv.row([mn, local(time), String(time), String(row.int64(1)), row.optionalInt64(2).map(String.init) ?? "",
                     row.optionalText(3) ?? "", row.optionalText(4) ?? "", row.optionalText(5) ?? "", row.text(6)])
        }
    }

    func frames(_ csv: inout CSVWriter) throws(RelayError) {
        csv.row(["mn", "cn", "data_time", "data_time_utc", "pno", "qn", "received_at_utc_ms", "peer", "resend", "duplicates",
                 "conflicting_duplicates", "raw"])
        try store.statement("""
            SELECT cn, data_time, pno, qn, received_at, peer, resend, duplicates, conflicting_duplicates, raw FROM frames
            WHERE mn = ? AND data_time >= ? AND data_time < ? ORDER BY data_time, cn, pno, id
            """).query(range) { row in
            let time = row.int64(1)
            csv.row([mn, String(row.int64(0)), local(time), String(time), String(row.int64(2)), row.optionalText(3) ?? "",
                     String(row.int64(4)), row.text(5), String(row.int64(6)), String(row.int64(7)), String(row.int64(8)), row.text(9)])
        }
    }
}
