import FoundationEssentials
import KioskSQLite
import Logging
import PostgresNIO

/// One PostgreSQL connection's queries, with rows read as ``SQLValue``s (so the typed readers of
/// `SQLiteRows.swift` serve both stores: a wrong type is a storage failure, not a crash).
struct PostgresSession {
    let connection: PostgresConnection
    static let logger = Logger(label: "queue-server.postgres")

    /// Runs `query` and reads every row it answers.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [[SQLValue]] {
        var result: [[SQLValue]] = []
        for try await row in try await connection.query(query, logger: Self.logger) {
            result.append(try Self.values(row))
        }
        return result
    }

    /// Runs a statement prepared on this connection (``PostgresStatements``) and reads every row it answers.
    @discardableResult
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [[SQLValue]] where Statement.Row == [SQLValue] {
        var result: [[SQLValue]] = []
        for try await row in try await connection.execute(statement, logger: Self.logger) { result.append(row) }
        return result
    }

    /// The first row `query` answers, if any.
    func first(_ query: PostgresQuery) async throws -> [SQLValue]? { try await rows(query).first }

    /// Runs a statement without parameters (transaction control, schema), reading no result.
    func execute(_ sql: String) async throws { try await run(PostgresQuery(unsafeSQL: sql)) }

    /// Runs `query` to its end, decoding nothing (a lock function's `void` result).
    func run(_ query: PostgresQuery) async throws {
        for try await _ in try await connection.query(query, logger: Self.logger) {}
    }

    /// A row's cells as ``value(_:)`` reads them.
    static func values(_ row: PostgresRow) throws -> [SQLValue] { try row.map(value) }

    /// Integers of any width and booleans (as 0/1) read as integers; everything else as text.
    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// Whether `error` is a conflict with another transaction that running the work again resolves:
    /// a unique key another transaction committed meanwhile, a deadlock, a serialization failure.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return ["23505", "40P01", "40001"].contains(state)
    }
}

/// Where the PostgreSQL store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or a Unix
/// socket directory as libpq writes it, `postgres://USER@/DATABASE?host=/run/postgresql&port=5432`.
enum PostgresLocation {
    static func isPostgres(_ text: String) -> Bool { text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") }

    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard isPostgres(text), let url = URLComponents(string: text) else { throw StorageFailure("not a postgres:// URL: \(text)") }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let user = url.user ?? "postgres"
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty else { throw StorageFailure("\(text) names no database (postgres://USER@HOST/DATABASE)") }
        guard let port = Int(query["port"] ?? explicitPort(text) ?? "5432"), (1...65535).contains(port) else {
            throw StorageFailure("\(text): the port is 1…65535")
        }
        if let directory = query["host"], directory.hasPrefix("/") {
            return .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: user, password: url.password, database: database)
        }
        return .init(host: url.host ?? "localhost", port: port, username: user, password: url.password, database: database, tls: .disable)
    }

    /// The port as written in the URL's authority, even one URLComponents drops (out of range, not a number).
    private static func explicitPort(_ text: String) -> String? {
        guard let scheme = text.range(of: "://") else { return nil }
        let authority = text[scheme.upperBound...].prefix { !"/?#".contains($0) }
        let hostPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority[...]
        let afterHost = hostPort.hasPrefix("[") ? hostPort.split(separator: "]", maxSplits: 1).dropFirst().first : hostPort[...]
        guard let afterHost, let colon = afterHost.firstIndex(of: ":") else { return nil }
        return String(afterHost[afterHost.index(after: colon)...])
    }
}
