import CSQLite

/// One SQLite connection (`sqlite3_open_v2`), used from one thread. Statements are prepared once
/// and reused (`prepare`); `execute` runs schema and pragma text. Errors carry SQLite's message.
final class SQLiteDatabase {
    /// The raw handle, for `SQLiteStatement`.
    let handle: OpaquePointer
    let path: String

    /// Opens (`create`: or creates) the database at `path` in serialized-off, no-mutex mode: the
    /// relay uses one connection per thread.
    init(path: String, create: Bool, readOnly: Bool = false) throws(RelayError) {
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let cause = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let db { sqlite3_close_v2(db) }
            throw RelayError(.database, "cannot open the database \(path)", cause: cause)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs `sql` (one or more statements, no parameters, results ignored).
    func execute(_ sql: String) throws(RelayError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let cause = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            throw RelayError(.database, "\(path): cannot run '\(Self.abbreviated(sql))'", cause: cause)
        }
    }

    /// A prepared statement for `sql`.
    func prepare(_ sql: String) throws(RelayError) -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// The text of the most recent error on this connection.
    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the most recent successful INSERT.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back when it throws.
    func transaction<T>(_ body: () throws(RelayError) -> T) throws(RelayError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first line of `sql`, shortened, for error messages.
    static func abbreviated(_ sql: String) -> String {
        let line = sql.split(separator: "\n").first.map(String.init) ?? sql
        return line.count > 60 ? String(line.prefix(60)) + "…" : line
    }
}
