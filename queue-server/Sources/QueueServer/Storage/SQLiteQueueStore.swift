import FoundationEssentials
import KioskCore
import KioskLink
import KioskProtocol

/// The default ``QueueStore``: one SQLite file in WAL mode, written through a group-commit writer.
final class SQLiteQueueStore: QueueStore {
    let writer: GroupCommitWriter
    let rules: IssueRules
    let policy: PriorityPolicy
    let document: CatalogueDocument
    let clock: ClockRules
    /// Read-only connections for lookups: WAL readers never wait for the writer.
    let readers: ReaderPool

    /// Opens (creating) the database at `path`; a `catalogue` file seeds or replaces the stored catalogue.
    init(
        path: String, catalogue: (bytes: [UInt8], path: String)?, alwaysOpen: Bool, priorityEvery: Int,
        maxSkewMs: Int64 = ClockRules.defaultMaxSkewMs
    ) throws {
        let database = try SQLiteDatabase(path: path)
        try database.execute(SQLiteSchema.pragmas)
        try database.execute(SQLiteSchema.tables)
        try SQLiteSchema.migrate(database)
        if let catalogue {
            _ = try CatalogueDocument(bytes: catalogue.bytes, path: catalogue.path)
            try database.query(
                "INSERT INTO catalogue (id, body, path) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, path = excluded.path",
                [.text(String(decoding: catalogue.bytes, as: UTF8.self)), .text(catalogue.path)])
        }
        guard let row = try database.query("SELECT body, path FROM catalogue WHERE id = 1").first else {
            throw StorageFailure("\(path) holds no catalogue yet: start once with --catalogue FILE")
        }
        document = try CatalogueDocument(bytes: Array(row.text(0).utf8), path: row.text(1))
        rules = IssueRules(catalogue: document.catalogue, alwaysOpen: alwaysOpen)
        policy = PriorityPolicy(every: priorityEvery)
        clock = ClockRules(maxSkewMs: maxSkewMs)
        readers = try ReaderPool(path: path, size: 4)
        writer = GroupCommitWriter(database: database)
    }

    func catalogueDocument() async throws -> CatalogueDocument { document }

    var maxClockSkewMs: Int64 { clock.maxSkewMs }

    func health() async throws -> Duration {
        _ = try readers.read { try $0.query("SELECT 1 FROM catalogue WHERE id = 1") }
        return writer.stalled()
    }

    func kiosksOffline(now: Int64) async throws -> Int {
        try readers.read { database in
            try database.query(
                "SELECT count(*) FROM heartbeats WHERE received_at < ?", [.integer(now - KioskHealth.silenceLimitMs)]
            ).first?.int(0) ?? 0
        }
    }

    func principal(tokenHash: String) async throws -> Principal? {
        let rows = try readers.read { database in
            try database.query(
                "SELECT principal, role FROM credentials WHERE token_hash = ? AND revoked_at IS NULL", [.text(tokenHash)])
        }
        guard let row = rows.first, let role = Principal.Role(rawValue: try row.text(1)) else { return nil }
        return Principal(id: try row.text(0), role: role)
    }

    func addCredential(tokenHash: String, principal: Principal, now: Int64) async throws {
        try await writer.perform { database in
            try database.query(
                "INSERT INTO credentials (token_hash, principal, role, created_at) VALUES (?, ?, ?, ?)",
                [.text(tokenHash), .text(principal.id), .text(principal.role.rawValue), .integer(now)])
        }
    }

    func revokeCredentials(principalID: String, now: Int64) async throws -> Int {
        try await writer.perform { database in
            let rows = try database.query(
                "UPDATE credentials SET revoked_at = ? WHERE principal = ? AND revoked_at IS NULL RETURNING 1",
                [.integer(now), .text(principalID)])
            return rows.count
        }
    }

    func addBooking(code: String, serviceID: String, day: String, priority: Bool) async throws {
        guard rules.catalogue.service(ServiceID(serviceID)) != nil else {
            throw Problems.invalid("no service \(Problems.quoted(serviceID)) in the catalogue")
        }
        try await writer.perform { database in
            try database.query(
                "INSERT INTO bookings (code, service_id, day, priority) VALUES (?, ?, ?, ?)",
                [.text(code), .text(serviceID), .text(day), .bool(priority)])
        }
    }

    func heartbeat(_ heartbeat: Heartbeat, kiosk: String, now: Int64) async throws {
        let body = try String(decoding: QueueAPI.encoder().encode(heartbeat), as: UTF8.self)
        try await writer.perform { database in
            try database.query(
                """
                INSERT INTO heartbeats (kiosk_id, received_at, body) VALUES (?, ?, ?)
                ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body
                """, [.text(kiosk), .integer(now), .text(body)])
        }
    }

    func kioskReports(now: Int64) async throws -> KioskReports {
        let rows = try readers.read { database in
            try database.query("SELECT kiosk_id, received_at, body FROM heartbeats ORDER BY kiosk_id")
        }
        return try KioskReports(kiosks: rows.map { row in
            let heartbeat = try JSONDecoder().decode(Heartbeat.self, from: Data(row.text(2).utf8))
            let lastSeen = try row.int64(1)
            return KioskReport(
                kioskId: try row.text(0), lastSeen: lastSeen, heartbeat: heartbeat,
                needsTechnician: KioskHealth.needsTechnician(heartbeat, lastSeen: lastSeen, now: now))
        })
    }

    func ticket(_ ticketID: String) async throws -> QueueTicket? {
        try readers.read { database in
            // One snapshot for the row and its position.
            try database.execute("BEGIN")
            defer { try? database.execute("COMMIT") }
            return try find(database, ticketID.lowercased()).map { try view(database, $0) }
        }
    }
}
