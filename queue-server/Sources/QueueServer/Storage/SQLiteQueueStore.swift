import FoundationEssentials
import KioskCore
import KioskProtocol
import KioskSQLite

/// The default ``QueueStore``: one SQLite file in WAL mode, written through a group-commit writer.
final class SQLiteQueueStore: QueueStore {
    let writer: GroupCommitWriter
    let policy: PriorityPolicy
    let clock: ClockRules
    /// Read-only connections for lookups: WAL readers never wait for the writer.
    let readers: ReaderPool
    /// Each site's catalogue and issuing rules.
    let catalogues: SiteCatalogues
    /// What survey answers are filed under (``SurveyKey``).
    let surveyKey: SurveyKey
    /// The database file (a checkpoint opens its own connection, outside the writer's transactions).
    let path: String

    /// Opens (creating or migrating, ``SQLiteSchema/prepare(_:surveyKey:)``) the database at `path`, with the
    /// survey key `surveyKey` loads (once the database is known not to be newer); a
    /// `catalogue` file seeds or replaces the catalogue of its site, creating the site when new. With
    /// `writesOnCallersThread`, writes run on the requesting thread, each in a transaction of its own (``GroupCommitWriter``).
    init(
        path: String, catalogue: (site: String, bytes: [UInt8], path: String)?, alwaysOpen: Bool, priorityEvery: Int,
        maxSkewMs: Int64 = ClockRules.defaultMaxSkewMs, writesOnCallersThread: Bool = false, surveyKey: () throws -> SurveyKey
    ) throws {
        self.path = path
        let database = try SQLiteDatabase(path: path)
        self.surveyKey = try SQLiteSchema.prepare(database, surveyKey: surveyKey)
        if let catalogue {
            _ = try CatalogueDocument(bytes: catalogue.bytes, path: catalogue.path)
            try database.query(
                """
                INSERT INTO sites (site_id, name, body, path) VALUES (?1, ?1, ?2, ?3)
                ON CONFLICT (site_id) DO UPDATE SET body = excluded.body, path = excluded.path
                """,
                [.text(catalogue.site), .text(String(decoding: catalogue.bytes, as: UTF8.self)), .text(catalogue.path)])
        }
        policy = PriorityPolicy(every: priorityEvery)
        clock = ClockRules(maxSkewMs: maxSkewMs)
        readers = try ReaderPool(path: path, size: 4)
        catalogues = SiteCatalogues(readers: readers, alwaysOpen: alwaysOpen)
        writer = GroupCommitWriter(database: database, onCallersThread: writesOnCallersThread)
    }

    /// Reads every site's catalogue: the server refuses to start while one is missing or broken.
    func checkSites() throws {
        let sites = try readers.read { try $0.query("SELECT site_id FROM sites ORDER BY site_id").map { try $0.text(0) } }
        guard !sites.isEmpty else { throw StorageFailure("the database holds no site yet: start once with --catalogue FILE") }
        for site in sites { _ = try catalogues.of(site) }
    }

    func catalogueDocument(site: String) async throws -> CatalogueDocument { try catalogues.of(site).document }

    var maxClockSkewMs: Int64 { clock.maxSkewMs }

    func health() async throws -> Duration {
        _ = try readers.read { try $0.query("SELECT 1 FROM sites LIMIT 1") }
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
                "SELECT principal, role, site_id FROM credentials WHERE token_hash = ? AND revoked_at IS NULL", [.text(tokenHash)])
        }
        guard let row = rows.first, let role = Principal.Role(rawValue: try row.text(1)) else { return nil }
        return Principal(id: try row.text(0), role: role, site: try row.optionalText(2))
    }

    func addCredential(tokenHash: String, principal: Principal, now: Int64) async throws {
        try await writer.perform { database in
            if let site = principal.site {
                guard try !database.query("SELECT 1 FROM sites WHERE site_id = ?", [.text(site)]).isEmpty else {
                    throw Problems.invalid("no site \(Problems.quoted(site)): create it with --site \(site) --catalogue FILE")
                }
                if principal.role == .kiosk, let owner = try database.query(
                    "SELECT site_id FROM kiosks WHERE kiosk_id = ?", [.text(principal.id)]
                ).first?.text(0), owner != site {
                    throw Problems.invalid("kiosk \(Problems.quoted(principal.id)) belongs to site \(Problems.quoted(owner))")
                }
            }
            try database.query(
                "INSERT INTO credentials (token_hash, principal, role, site_id, created_at) VALUES (?, ?, ?, ?, ?)",
                [.text(tokenHash), .text(principal.id), .text(principal.role.rawValue), .optional(principal.site), .integer(now)])
        }
    }

    func revokeCredentials(principalID: String, site: String?, now: Int64) async throws -> Int {
        try await writer.perform { database in
            if site == nil {
                let sites = try database.query(
                    "SELECT site_id FROM credentials WHERE principal = ? AND revoked_at IS NULL", [.text(principalID)])
                try Revocation.checkUnambiguous(principalID, sites: try sites.map { try $0.optionalText(0) })
            }
            let rows = try database.query(
                """
                UPDATE credentials SET revoked_at = ? WHERE principal = ? AND revoked_at IS NULL
                AND (?3 IS NULL OR site_id = ?3) RETURNING 1
                """,
                [.integer(now), .text(principalID), .optional(site)])
            return rows.count
        }
    }

    func addBooking(code: String, site: String, serviceID: String, day: String, priority: Bool) async throws {
        guard try catalogues.of(site).rules.catalogue.service(ServiceID(serviceID)) != nil else {
            throw Problems.invalid("no service \(Problems.quoted(serviceID)) in the catalogue of site \(Problems.quoted(site))")
        }
        try await writer.perform { database in
            try database.query(
                "INSERT INTO bookings (code, site_id, service_id, day, priority) VALUES (?, ?, ?, ?, ?)",
                [.text(code), .text(site), .text(serviceID), .text(day), .bool(priority)])
        }
    }

    func heartbeat(_ heartbeat: Heartbeat, kiosk: String, site: String, now: Int64) async throws {
        let body = try String(decoding: QueueAPI.encoder().encode(heartbeat), as: UTF8.self)
        try await writer.perform { database in
            _ = try Self.kioskMark(database, kiosk, site: site)
            try database.query(
                """
                INSERT INTO heartbeats (kiosk_id, received_at, body) VALUES (?, ?, ?)
                ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body
                """, [.text(kiosk), .integer(now), .text(body)])
        }
    }

    func kioskReports(site: String?, now: Int64) async throws -> KioskReports {
        let rows = try readers.read { database in
            try database.query(
                """
                SELECT h.kiosk_id, h.received_at, h.body FROM heartbeats h LEFT JOIN kiosks k USING (kiosk_id)
                WHERE ?1 IS NULL OR k.site_id = ?1 ORDER BY h.kiosk_id
                """, [.optional(site)])
        }
        return try KioskReports(kiosks: rows.map { row in
            var heartbeat = try JSONDecoder().decode(Heartbeat.self, from: Data(row.text(2).utf8))
            heartbeat.softwareVersion = SchemaChecks.shownVersion(heartbeat.softwareVersion)
            let lastSeen = try row.int64(1)
            return KioskReport(
                kioskId: try row.text(0), lastSeen: lastSeen, heartbeat: heartbeat,
                needsTechnician: KioskHealth.needsTechnician(heartbeat, lastSeen: lastSeen, now: now))
        })
    }

    func ticket(_ ticketID: String) async throws -> (ticket: QueueTicket, site: String)? {
        try readers.read { database in
            // One snapshot for the row and its position.
            try database.execute("BEGIN")
            defer { try? database.execute("COMMIT") }
            return try find(database, ticketID.lowercased()).map { (try view(database, $0), try $0.text(16)) }
        }
    }
}
