/// The relay's SQLite store: frames (raw and plaintext, once per MN, CN, DataTime and packet
/// number, resends counted), real-time values, period statistics, events, the relay's requests
/// and what it refused. Schema: `RelaySchema`, docs/relay.md. One connection, one thread.
final class RelayStore {
    /// What storing an upload did.
    enum Outcome: Equatable {
        /// A new frame, with its row id.
        case stored(Int64)
        /// The same MN, CN, DataTime and packet number were stored before: counted, not stored
        /// again; `conflicting` when the CP area differs from the stored one.
        case duplicate(conflicting: Bool)
    }

    let database: SQLiteDatabase
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens `path` for writing, creating it and the schema when needed (WAL, busy timeout).
    init(path: String, synchronous: RelayConfig.Synchronous) throws(RelayError) {
        database = try SQLiteDatabase(path: path, create: true)
        try database.execute(RelaySchema.pragmas(synchronous: synchronous))
        try database.execute(RelaySchema.tables)
        try checkVersion()
    }

    /// Opens an existing database to read (report, export).
    init(readingPath path: String) throws(RelayError) {
        database = try SQLiteDatabase(path: path, create: false)
        try database.execute("PRAGMA busy_timeout = 5000;")
        try checkVersion()
    }

    private func checkVersion() throws(RelayError) {
        var version: String?
        do {
            try statement("SELECT value FROM meta WHERE key = 'schema_version'").query { version = $0.text(0) }
        } catch {
            throw RelayError(.database, "\(database.path) is not a cmmgate-relay database", cause: error.cause)
        }
        guard version == RelaySchema.version else {
            throw RelayError(.database, "\(database.path) has schema version \(version ?? "none"), this relay reads \(RelaySchema.version)")
        }
    }

    /// The cached prepared statement for `sql`.
    func statement(_ sql: String) throws(RelayError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let prepared = try database.prepare(sql)
        statements[sql] = prepared
        return prepared
    }

    func begin() throws(RelayError) { try database.execute("BEGIN IMMEDIATE") }

    func commit() throws(RelayError) { try database.execute("COMMIT") }

    func rollback() { try? database.execute("ROLLBACK") }

    /// Records the configuration of a site (and its agent configuration's text, so reports can be
    /// made from the database alone).
    func recordSite(_ site: RelaySite, utcOffsetMinutes: Int, siteConfigText: String?, now: Int64) throws(RelayError) {
        try statement("""
            INSERT INTO sites(mn, name, profile, utc_offset_minutes, minute_interval, realtime_interval, site_config_path,
                              site_config_text, gateway_tco2e_factor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(mn) DO UPDATE SET name = excluded.name, profile = excluded.profile,
              utc_offset_minutes = excluded.utc_offset_minutes, minute_interval = excluded.minute_interval,
              realtime_interval = excluded.realtime_interval,
              site_config_path = excluded.site_config_path, site_config_text = excluded.site_config_text,
              gateway_tco2e_factor = excluded.gateway_tco2e_factor, updated_at = excluded.updated_at
            """).run([.text(site.mn), .text(site.name), .text(site.profile.rawValue), .integer(Int64(utcOffsetMinutes)),
                      .integer(Int64(site.minuteIntervalMinutes)), .integer(Int64(site.realtimeIntervalSeconds)),
                      optional(site.siteConfigPath), optional(siteConfigText),
                      optional(site.gatewayTCO2eFactor), .integer(now)])
    }

    /// Stores `upload` once: a frame row, then its values (real-time, statistics) or its event.
    func store(_ upload: RelayUpload) throws(RelayError) -> Outcome {
        let header = upload.header
        let keyExtra = upload.dedupeExtra
        let pno = Int64(header.packetNumber ?? 0)
        let key: [SQLiteStatement.Value] = [.text(header.mn), .integer(Int64(upload.command)), .integer(upload.keyTime),
                                            .integer(pno), .text(keyExtra)]
        let inserted = try statement("""
            INSERT OR IGNORE INTO frames(mn, cn, data_time, pno, key_extra, data_time_text, qn, st, flag, pnum, resend,
                                         received_at, peer, raw, segment, last_received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run(key + [optional(upload.dataTime?.text14), optional(header.qn), .text(header.st),
                            header.flag.map { .integer(Int64($0.rawValue)) } ?? .null,
                            header.packetCount.map { .integer(Int64($0)) } ?? .null, .integer(header.resend ? 1 : 0),
                            .integer(upload.receivedAtMilliseconds), .text(upload.peer), .text(upload.raw),
                            .text(upload.segment), .integer(upload.receivedAtMilliseconds)])
        guard inserted == 1 else { return try countDuplicate(upload, key: key) }
        let id = database.lastInsertRowID
        switch upload.kind {
        case .realtime: try storeRealtime(upload, frame: id)
        case .statistics: try storeStatistics(upload, frame: id)
        case .event:
            let event = upload.event
            try statement("INSERT INTO events(mn, cn, data_time, code, kind, level, text, cp, frame_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .run([.text(header.mn), .integer(Int64(upload.command)), .integer(upload.keyTime),
                      optional(event.code.map(Int64.init)), optional(event.kind), optional(event.level), optional(event.text),
                      .text(upload.cpText), .integer(id)])
        }
        return .stored(id)
    }

    private func countDuplicate(_ upload: RelayUpload, key: [SQLiteStatement.Value]) throws(RelayError) -> Outcome {
        var storedSegment = ""
        try statement("SELECT segment FROM frames WHERE mn = ? AND cn = ? AND data_time = ? AND pno = ? AND key_extra = ?")
            .query(key) { storedSegment = $0.text(0) }
        let conflicting = RelayUpload.cpArea(storedSegment) != upload.cpText
        try statement("""
            UPDATE frames SET duplicates = duplicates + 1, conflicting_duplicates = conflicting_duplicates + ?,
              last_received_at = ? WHERE mn = ? AND cn = ? AND data_time = ? AND pno = ? AND key_extra = ?
            """).run([.integer(conflicting ? 1 : 0), .integer(upload.receivedAtMilliseconds)] + key)
        return .duplicate(conflicting: conflicting)
    }

    private func storeRealtime(_ upload: RelayUpload, frame: Int64) throws(RelayError) {
        let insert = try statement("""
            INSERT OR IGNORE INTO realtime(mn, data_time, factor, value, flag, frame_id) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for value in upload.realtime {
            try insert.run([.text(upload.header.mn), .integer(upload.keyTime), .text(value.factor), optional(value.value),
                            optional(value.flag), .integer(frame)])
        }
    }

    private func storeStatistics(_ upload: RelayUpload, frame: Int64) throws(RelayError) {
        let insert = try statement("""
            INSERT OR IGNORE INTO statistics(mn, cn, data_time, factor, min, avg, max, cou, flag, frame_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for value in upload.statistics {
            try insert.run([.text(upload.header.mn), .integer(Int64(upload.command)), .integer(upload.keyTime),
                            .text(value.factor), optional(value.min), optional(value.avg), optional(value.max),
                            optional(value.cou), optional(value.flag), .integer(frame)])
        }
    }

    /// Keeps a refused input.
    func recordReject(_ reject: RelayReject, at now: Int64) throws(RelayError) {
        try statement("INSERT INTO rejects(received_at, peer, reason, message, mn, excerpt) VALUES (?, ?, ?, ?, ?, ?)")
            .run([.integer(now), .text(reject.peer), .text(reject.reason), .text(reject.message), optional(reject.mn),
                  .text(reject.excerpt)])
    }

    /// Records a request the relay sent.
    func recordRequest(_ sent: RelayRequestBuilder.Sent) throws(RelayError) {
        try statement("INSERT INTO requests(mn, cn, qn, sent_at, begin_time, end_time) VALUES (?, ?, ?, ?, ?, ?)")
            .run([.text(sent.mn), .integer(Int64(sent.command)), .text(sent.qn), .integer(sent.sentAtMilliseconds),
                  optional(sent.beginTime), optional(sent.endTime)])
    }

    /// Records a 9011 (QnRtn) or 9012 (ExeRtn) answer to request `qn`; false when no such request.
    @discardableResult
    func recordAnswer(mn: String, qn: String, command: Int, returnCode: Int, at now: Int64) throws(RelayError) -> Bool {
        let column = command == 9011 ? "qn_rtn" : "exe_rtn"
        return try statement("UPDATE requests SET \(column) = ?, answered_at = ? WHERE mn = ? AND qn = ?")
            .run([.integer(Int64(returnCode)), .integer(now), .text(mn), .text(qn)]) > 0
    }

    /// The newest period start of `command` stored for `mn` before `before`, if any.
    func latestPeriodStart(mn: String, command: Int, before: Int64) throws(RelayError) -> Int64? {
        var latest: Int64?
        try statement("SELECT max(data_time) FROM frames WHERE mn = ? AND cn = ? AND data_time < ?")
            .query([.text(mn), .integer(Int64(command)), .integer(before)]) { latest = $0.optionalInt64(0) }
        return latest
    }

    /// The period starts of `command` stored for `mn` in `from…to` (inclusive), ascending.
    func periodStarts(mn: String, command: Int, from: Int64, to: Int64) throws(RelayError) -> [Int64] {
        var starts: [Int64] = []
        try statement("SELECT DISTINCT data_time FROM frames WHERE mn = ? AND cn = ? AND data_time BETWEEN ? AND ? ORDER BY 1")
            .query([.text(mn), .integer(Int64(command)), .integer(from), .integer(to)]) { starts.append($0.int64(0)) }
        return starts
    }

    func optional(_ text: String?) -> SQLiteStatement.Value { text.map { .text($0) } ?? .null }
    func optional(_ number: Double?) -> SQLiteStatement.Value { number.map { .real($0) } ?? .null }
    func optional(_ number: Int64?) -> SQLiteStatement.Value { number.map { .integer($0) } ?? .null }
}
