/// The queries `report` and `export` run (read only).
extension RelayStore {
    /// A site as `serve` recorded it.
    struct SiteRow: Sendable, Equatable {
        var mn: String
        var name: String
        var profile: String
        var utcOffsetMinutes: Int
        var minuteIntervalMinutes: Int
        var realtimeIntervalSeconds: Int
        var siteConfigPath: String?
        var siteConfigText: String?
        var gatewayTCO2eFactor: String?
    }

    func site(mn: String) throws(RelayError) -> SiteRow? {
        var row: SiteRow?
        try statement("""
            SELECT mn, name, profile, utc_offset_minutes, minute_interval, realtime_interval, site_config_path, site_config_text,
                   gateway_tco2e_factor FROM sites WHERE mn = ?
            """).query([.text(mn)]) {
            row = SiteRow(mn: $0.text(0), name: $0.text(1), profile: $0.text(2), utcOffsetMinutes: Int($0.int64(3)),
                          minuteIntervalMinutes: Int($0.int64(4)), realtimeIntervalSeconds: Int($0.int64(5)),
                          siteConfigPath: $0.optionalText(6), siteConfigText: $0.optionalText(7),
                          gatewayTCO2eFactor: $0.optionalText(8))
        }
        return row
    }

    /// Calls `second` for every second of `mn` in `[from, to)` with its real-time values, in order.
    func realtimeSeconds(mn: String, from: Int64, to: Int64,
                         _ second: (Int64, DayReportBuilder.Second) throws(RelayError) -> Void) throws(RelayError) {
        var current: Int64?
        var values: DayReportBuilder.Second = [:]
        try statement("SELECT data_time, factor, value, flag FROM realtime WHERE mn = ? AND data_time >= ? AND data_time < ? ORDER BY data_time")
            .query([.text(mn), .integer(from), .integer(to)]) { row throws(RelayError) in
                let time = row.int64(0)
                if let current, current != time {
                    try second(current, values)
                    values.removeAll(keepingCapacity: true)
                }
                current = time
                values[row.text(1)] = (row.optionalDouble(2), row.optionalText(3))
            }
        if let current { try second(current, values) }
    }

    /// The newest second of `mn` before `time` (within a day) and its values.
    func realtimeSecond(mn: String, before time: Int64) throws(RelayError) -> DayReportBuilder.Second? {
        var newest: Int64?
        try statement("SELECT max(data_time) FROM realtime WHERE mn = ? AND data_time < ? AND data_time >= ?")
            .query([.text(mn), .integer(time), .integer(time - 86_400)]) { newest = $0.optionalInt64(0) }
        guard let newest else { return nil }
        var values: DayReportBuilder.Second?
        try realtimeSeconds(mn: mn, from: newest, to: newest + 1) { _, second in values = second }
        return values
    }

    /// The factor codes with real-time values for `mn` in `[from, to)`.
    func realtimeFactors(mn: String, from: Int64, to: Int64) throws(RelayError) -> [String] {
        var factors: [String] = []
        try statement("SELECT DISTINCT factor FROM realtime WHERE mn = ? AND data_time >= ? AND data_time < ? ORDER BY 1")
            .query([.text(mn), .integer(from), .integer(to)]) { factors.append($0.text(0)) }
        return factors
    }

    /// The events of `mn` in `[from, to)`, in time order.
    func events(mn: String, from: Int64, to: Int64) throws(RelayError) -> [DayReport.Event] {
        var events: [DayReport.Event] = []
        try statement("""
            SELECT data_time, cn, code, kind, level, coalesce(text, cp) FROM events
            WHERE mn = ? AND data_time >= ? AND data_time < ? AND cn != 3020 ORDER BY data_time, id
            """).query([.text(mn), .integer(from), .integer(to)]) {
            events.append(DayReport.Event(time: $0.int64(0), command: Int($0.int64(1)), code: $0.optionalInt64(2).map(Int.init),
                                          kind: $0.optionalText(3), level: $0.optionalText(4), text: $0.text(5)))
        }
        return events
    }

    /// Frames of `mn` with a DataTime in `[from, to)`: how many, their resends, resends that differed.
    func frameCounts(mn: String, from: Int64, to: Int64) throws(RelayError) -> (count: Int, duplicates: Int, conflicting: Int) {
        var counts = (0, 0, 0)
        try statement("""
            SELECT count(*), coalesce(sum(duplicates), 0), coalesce(sum(conflicting_duplicates), 0) FROM frames
            WHERE mn = ? AND data_time >= ? AND data_time < ?
            """).query([.text(mn), .integer(from), .integer(to)]) {
            counts = (Int($0.int64(0)), Int($0.int64(1)), Int($0.int64(2)))
        }
        return counts
    }

    /// The `-Cou` of `factor` in the day statistics (2031) of `mn` starting at `dayStart`.
    func dayCumulative(mn: String, factor: String, dayStart: Int64) throws(RelayError) -> Double? {
        var value: Double?
        try statement("SELECT cou FROM statistics WHERE mn = ? AND cn = 2031 AND data_time = ? AND factor = ?")
            .query([.text(mn), .integer(dayStart), .text(factor)]) { value = $0.optionalDouble(0) }
        return value
    }
}
