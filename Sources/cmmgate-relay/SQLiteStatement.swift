import CSQLite

/// A prepared SQLite statement: bind by 1-based position, step, read columns, reset. Values are
/// bound as copies (`SQLITE_TRANSIENT`), so Swift strings need not outlive the call.
final class SQLiteStatement {
    /// A value to bind.
    enum Value: Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    private let handle: OpaquePointer
    private unowned let database: SQLiteDatabase
    let sql: String

    init(database: SQLiteDatabase, sql: String) throws(RelayError) {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else {
            throw RelayError(.database, "cannot prepare '\(SQLiteDatabase.abbreviated(sql))'", cause: database.lastError)
        }
        handle = statement
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// SQLite's "copy this value now" destructor, `SQLITE_TRANSIENT` (a macro Swift cannot import).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Resets the statement and binds `values` to parameters 1…n.
    func bind(_ values: [Value]) throws(RelayError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let n): status = sqlite3_bind_int64(handle, index, n)
            case .real(let x): status = sqlite3_bind_double(handle, index, x)
            case .text(let s): status = sqlite3_bind_text(handle, index, s, -1, Self.transient)
            }
            guard status == SQLITE_OK else {
                throw RelayError(.database, "cannot bind parameter \(index) of '\(SQLiteDatabase.abbreviated(sql))'",
                                 cause: database.lastError)
            }
        }
    }

    /// Steps once: true when a row is available, false when done.
    func step() throws(RelayError) -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw RelayError(.database, "'\(SQLiteDatabase.abbreviated(sql))' failed", cause: database.lastError)
        }
    }

    /// Binds `values` and steps to completion (INSERT, UPDATE, DELETE); returns the rows changed.
    @discardableResult
    func run(_ values: [Value] = []) throws(RelayError) -> Int {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
        return database.changes
    }

    /// Binds `values` and calls `row` for every result row.
    func query(_ values: [Value] = [], row: (SQLiteStatement) throws(RelayError) -> Void) throws(RelayError) {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { try row(self) }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
