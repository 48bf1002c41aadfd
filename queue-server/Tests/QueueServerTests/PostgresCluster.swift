import Foundation
import Synchronization

/// Which store a test's server runs on: the contract and concurrency tests run against both.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }
}

/// A throwaway PostgreSQL cluster (Debian's `postgresql`, /usr/lib/postgresql/15) for this test
/// process: created on first use in its own directory, listening only on a Unix socket there (so
/// parallel test processes never meet), run as `nobody` when the tests run as root (PostgreSQL
/// refuses root). A supervisor shell stops it and removes its directory when the test process ends.
/// Every ``newDatabase()`` is a fresh, empty database of it.
final class PostgresCluster: Sendable {
    static let binaries = ProcessInfo.processInfo.environment["PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
    /// The cluster of this test process, started on first use.
    static let shared = Result { try PostgresCluster() }

    let directory: String
    private let supervisor: Process
    private let databases = Mutex(0)

    /// A cluster of its own (a test that stops and starts it); ``shared`` serves the others.
    init() throws {
        directory = "/tmp/kiosk-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let asOwner = getuid() == 0 ? "runuser -u nobody --" : ""
        if getuid() == 0 { _ = chown(directory, 65534, 65534) }
        // Runs as the test's user; PostgreSQL's own programs as nobody. Prints "ready" once the server
        // answers, then waits for the test process to end and tears the cluster down.
        let script = """
            set -e
            bin=\(Self.binaries) dir=\(directory) parent=\(getpid())
            cd "$dir"
            trap '\(asOwner) "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"' EXIT
            \(asOwner) "$bin/initdb" -N -D "$dir/data" -U queue --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
            \(asOwner) "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \\
                -o "\(Self.serverOptions(directory))" start >/dev/null
            echo ready
            while kill -0 "$parent" 2>/dev/null; do sleep 1; done
            """
        supervisor = Process()
        supervisor.executableURL = URL(fileURLWithPath: "/bin/sh")
        supervisor.arguments = ["-c", script]
        let pipe = Pipe()
        supervisor.standardOutput = pipe
        supervisor.standardError = FileHandle.nullDevice
        try supervisor.run()
        let line = String(decoding: pipe.fileHandleForReading.readData(ofLength: 6), as: UTF8.self)
        guard line.hasPrefix("ready") else {
            let log = (try? String(contentsOfFile: directory + "/initdb.log", encoding: .utf8)) ?? ""
            throw CheckerError("the PostgreSQL test cluster did not start (is Debian's postgresql installed? scripts/ensure-deps.sh test): \(log)")
        }
    }

    /// Stops the server (fast: open connections are cut), as an outage of the database would.
    func stop() throws { try control(["stop", "-m", "fast"]) }

    /// Starts the stopped server again and waits until it answers.
    func start() throws { try control(["start", "-l", "\(directory)/server.log", "-o", Self.serverOptions(directory)]) }

    /// The options the server runs with: a Unix socket in `directory` only.
    private static func serverOptions(_ directory: String) -> String {
        "-c listen_addresses='' -k \(directory) -c max_connections=300 -c shared_buffers=32MB"
    }

    /// Runs `pg_ctl ARGUMENTS -w` on this cluster's data, as nobody when the tests run as root.
    /// Through a shell that closes every descriptor above 2 first: a server `start` leaves running
    /// would otherwise hold the one Foundation watches for the child's exit, and `waitUntilExit` never returns.
    private func control(_ arguments: [String]) throws {
        let process = Process()
        let pgctl = [Self.binaries + "/pg_ctl", "-D", directory + "/data", "-w", "-t", "60"] + arguments
        let closeAll = #"for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done 2>/dev/null; exec "$@""#
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", closeAll, "sh"] + (getuid() == 0 ? ["/usr/sbin/runuser", "-u", "nobody", "--"] : []) + pgctl
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CheckerError("pg_ctl \(arguments[0]) failed") }
    }

    /// A new empty database; its `postgres://` URL for `queue-server --store`.
    func newDatabase() throws -> String {
        let name = "queue_\(databases.withLock { $0 += 1; return $0 })"
        let create = Process()
        create.executableURL = URL(fileURLWithPath: Self.binaries + "/createdb")
        create.arguments = ["-h", directory, "-U", "queue", name]
        try create.run()
        create.waitUntilExit()
        guard create.terminationStatus == 0 else { throw CheckerError("createdb \(name) failed") }
        return url(name)
    }

    /// The URL of database `name` of this cluster.
    func url(_ name: String) -> String { "postgres://queue@/\(name)?host=\(directory)&port=5432" }

    /// A fresh database of the shared cluster with the current schema (a server made it, then stopped) and
    /// its name: for a test that fills it by SQL.
    static func preparedDatabase() throws -> (cluster: PostgresCluster, name: String) {
        let server = try TestServer(store: .postgres)
        server.stop()
        guard let name = server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first else {
            throw CheckerError("no database name in \(server.database)")
        }
        return (try shared.get(), name)
    }

    /// Stores `count` tickets straight into database `name` (no server; the triggers keep the counts), each
    /// one's columns from `columns`, a select list over `generate_series(1, count) i` in the order of
    /// ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
    /// clock_offset_ms, queued_at, language, priority, kiosk_id, origin, state, created_at; then `ANALYZE`s
    /// them: a long queue for a plan test.
    func insertTickets(_ name: String, count: Int, columns: String) throws {
        _ = try psql(
            name,
            """
            INSERT INTO tickets (ticket_id, site_id, service_id, queue_service_id, agency_id, day, sequence, number, issued_at,
                clock_offset_ms, queued_at, language, priority, kiosk_id, origin, state, created_at)
            SELECT \(columns) FROM generate_series(1, \(count)) i;
            ANALYZE tickets;
            """)
    }

    /// Runs `sql` in database `name` with psql and returns its output (unaligned, tuples only).
    func psql(_ name: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binaries + "/psql")
        process.arguments = ["-h", directory, "-U", "queue", "-d", name, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CheckerError("psql failed: \(sql)") }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
