import CSQLite

/// An SQLite failure, naming the database file, what was being done and SQLite's own message.
public struct DatabaseError: Error, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32
    public var message: String
    public var description: String { "database \(path): \(operation) failed: \(message) (SQLite code \(code))" }
}

/// A value bound to a statement parameter or read from a result column.
public enum SQLValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case null
}

/// A thin, single-threaded SQLite connection: one door for every call, errors with context.
public final class SQLiteDatabase {
    public let path: String
    private var handle: OpaquePointer?
    /// Prepared statements by SQL text, reused: preparing costs more than running a point query.
    private var statements: [String: OpaquePointer] = [:]

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        _ = allocationStatisticsStopped
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw DatabaseError(path: path, operation: "open", code: code, message: message)
        }
        sqlite3_busy_timeout(handle, 5000)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows. One statement is prepared once and kept,
    /// as ``query(_:_:)`` keeps its own: a transaction's BEGIN and COMMIT are the statements run most of all.
    public func execute(_ sql: String) throws {
        if let statement = try singleStatement(sql) {
            defer { sqlite3_reset(statement) }
            var code: Int32
            repeat { code = sqlite3_step(statement) } while code == SQLITE_ROW
            guard code == SQLITE_DONE else { throw failure(sql, code) }
            return
        }
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw DatabaseError(path: path, operation: sql, code: code, message: message)
        }
    }

    /// Runs `sql` with `parameters` and returns every row.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        var code = SQLITE_OK
        for (index, value) in parameters.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(statement, position, number)
            case .text(let text): code = sqlite3_bind_text(statement, position, text, -1, sqliteTransient)
            case .null: code = sqlite3_bind_null(statement, position)
            }
            guard code == SQLITE_OK else { throw failure("bind \(sql)", code) }
        }
        var rows: [[SQLValue]] = []
        while true {
            code = sqlite3_step(statement)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw failure(sql, code) }
            rows.append((0..<sqlite3_column_count(statement)).map { column(statement, $0) })
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer? {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure("prepare \(sql)", code) }
        statements[sql] = statement
        return statement
    }

    /// The prepared statement of `sql` when it is a single statement (kept for the next call); nil when it is several.
    private func singleStatement(_ sql: String) throws -> OpaquePointer? {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        var single = false
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            var rest = tail
            while let character = rest?.pointee, [9, 10, 13, 32].contains(character) { rest = rest?.successor() }
            single = rest?.pointee == 0
            return code
        }
        guard code == SQLITE_OK else { throw failure("prepare \(sql)", code) }
        guard single, let statement else {
            sqlite3_finalize(statement)
            return nil
        }
        statements[sql] = statement
        return statement
    }

    private func column(_ statement: OpaquePointer?, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, index))
        case SQLITE_NULL: .null
        default: .text(String(cString: sqlite3_column_text(statement, index)))
        }
    }

    private func failure(_ operation: String, _ code: Int32) -> DatabaseError {
        DatabaseError(path: path, operation: operation, code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// SQLite's allocation statistics, off before the process's first connection: nothing here reads them, and keeping them
/// takes a process-wide mutex at every allocation, which threads contend for (kiosk-sim, 60 days in two parts on two
/// threads: 167.5 s with them, 133.9 s without).
private let allocationStatisticsStopped: Int32 = kiosk_sqlite3_stop_allocation_statistics()

/// SQLite's SQLITE_TRANSIENT: copy bound text before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
