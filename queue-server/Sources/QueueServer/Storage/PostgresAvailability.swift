import KioskProtocol
import Logging
import PostgresNIO
import Synchronization

/// Whether the PostgreSQL database answers, for the store's connections: at start a database that
/// cannot be reached within ``startLimit`` stops the server with what to check (systemd restarts
/// it); while running, a connection not had within ``leaseLimit``, or lost, answers the request 503
/// (``unavailable``), logged at error level once per outage, and the next connection had logs the recovery.
final class PostgresAvailability: Sendable {
    /// Where the database is, as the messages name it.
    let place: String
    private let down = Mutex(false)
    private let logger = Logger(label: "queue-server.postgres")
    static let startLimit: Duration = .seconds(10)
    static let leaseLimit: Duration = .seconds(4)

    /// The problem every request gets while the database cannot be reached.
    static let unavailable = Problem(
        type: "/problems/unavailable", title: "Database unavailable", status: 503,
        detail: "the queue's database cannot be reached; try again shortly")

    init(place: String) { self.place = place }

    /// `database queue at db.example:5432 as queue-server`, or `… on the socket /run/postgresql/.s.PGSQL.5432 …`.
    static func place(of configuration: PostgresClient.Configuration) -> String {
        let where_ = configuration.unixSocketPath.map { "on the socket \($0)" }
            ?? "at \(configuration.host ?? "localhost"):\(configuration.port ?? 5432)"
        return "\(configuration.database.map { "\"\($0)\"" } ?? "(default)") \(where_) as user \"\(configuration.username)\""
    }

    /// Whether the last attempt to reach the database failed.
    var isDown: Bool { down.withLock { $0 } }

    /// Connects to the database once, retrying (a database still starting up) for up to ``startLimit``;
    /// throws what failed, where, and what to check.
    static func checkAtStart(_ configuration: PostgresClient.Configuration, place: String) async throws {
        var connection = PostgresConnection.Configuration(
            host: configuration.host ?? "localhost", port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: .disable)
        if let socket = configuration.unixSocketPath {
            connection = .init(
                unixSocketPath: socket, username: configuration.username, password: configuration.password, database: configuration.database)
        }
        connection.options.connectTimeout = .seconds(3)
        let deadline = ContinuousClock.now + startLimit
        var attempt = 0
        while true {
            attempt += 1
            do {
                let opened = try await PostgresConnection.connect(configuration: connection, id: attempt, logger: PostgresSession.logger)
                try await opened.close()
                return
            } catch {
                guard ContinuousClock.now + .seconds(1) < deadline else {
                    throw StorageFailure(
                        "cannot reach the PostgreSQL database \(place) (\(attempt) attempts in \(startLimit)): \(Self.reason(error)). "
                            + "Check that PostgreSQL runs there (systemctl status postgresql), that --store names the right host, port "
                            + "or socket directory and database, and that the user may connect to it (pg_hba.conf, password).")
                }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Runs `work` on a connection of `client`; a connection not had within ``leaseLimit``, or lost, is ``unavailable``.
    func withConnection<T: Sendable>(
        _ client: PostgresClient, _ work: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let leased = Flag()  // whether a connection was had: read by the lease timer
        do {
            let result = try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await work(connection)
                    }
                }
                group.addTask {
                    // Cancelled once the work is done (or the caller is): then it is not the timer's to fail.
                    try? await Task.sleep(for: Self.leaseLimit)
                    guard leased.isSet || Task.isCancelled else { throw Unreachable() }
                    return nil
                }
                while let next = try await group.next() {
                    if let next {
                        group.cancelAll()
                        return next
                    }
                }
                throw Unreachable()
            }
            recovered()
            return result
        } catch {
            // Not even a connection (refused, timed out, the pool's circuit breaker), or one lost.
            guard !leased.isSet || Self.isConnectionFailure(error) else { throw error }
            let first = down.withLock { wasDown in
                defer { wasDown = true }
                return !wasDown
            }
            if first {
                logger.error("the PostgreSQL database \(place) cannot be reached: \(Self.reason(error)); requests are answered 503 until it can")
            }
            throw Self.unavailable
        }
    }

    private func recovered() {
        if down.withLock({ wasDown in
            defer { wasDown = false }
            return wasDown
        }) {
            logger.notice("the PostgreSQL database \(place) can be reached again")
        }
    }

    private struct Unreachable: Error, CustomStringConvertible {
        var description: String { "no connection within \(PostgresAvailability.leaseLimit)" }
    }

    /// A failure of the connection rather than of a statement: refused, closed, timed out, or a
    /// server shutting down or starting up (SQLSTATE class 08, 57P01–57P03).
    static func isConnectionFailure(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        if error.code == .server, let state = error.serverInfo?[.sqlState] {
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        }
        return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(error.code)
    }

    /// What went wrong, in words: the server's message or the underlying error.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        return error.underlying.map { "\($0)" } ?? "\(error.code)"
    }
}
