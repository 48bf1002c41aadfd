import FoundationEssentials
import KioskCore
import KioskProtocol
import PostgresNIO
import Synchronization

/// The PostgreSQL ``QueueStore``: the same rules as ``SQLiteQueueStore`` on a PostgreSQL database
/// that several server processes (or hosts) may share.
///
/// Writes go through a ``PostgresWriter`` (group commit); reads take their own connection of the
/// pool and never wait for writes (MVCC). Numbering is one transaction: the row of a site's
/// service and day in `sequences` is locked (`INSERT … ON CONFLICT DO UPDATE`) before its quota is
/// counted and a number taken, so numbering of one service and day is serialised across every
/// process, while other services proceed. Not SERIALIZABLE: every ticket of a service updates that
/// one row, so serializable transactions would abort each other under load instead of queueing.
final class PostgresQueueStore: QueueStore {
    let client: PostgresClient
    let writer: PostgresWriter
    let policy: PriorityPolicy
    let clock: ClockRules
    let availability: PostgresAvailability
    /// What survey answers are filed under (``SurveyKey``).
    let surveyKey: SurveyKey
    /// Known credentials, emptied at every revocation (``PostgresCredentials``).
    private let credentials: PostgresCredentials
    private let alwaysOpen: Bool
    private let running: Task<Void, Never>
    /// Each site's catalogue, read on first use (a catalogue replaced meanwhile is taken up on restart).
    private let catalogues = Mutex<[String: SiteCatalogue]>([:])

    /// Connects to `url` (``PostgresLocation``), creating the schema in an empty database; a
    /// `catalogue` file seeds or replaces the catalogue of its site, creating the site when new. A
    /// database not reached within ``PostgresAvailability/startLimit`` is an error naming it.
    init(
        url: String, catalogue: (site: String, bytes: [UInt8], path: String)?, alwaysOpen: Bool, priorityEvery: Int,
        maxSkewMs: Int64 = ClockRules.defaultMaxSkewMs, connections: Int = 8, surveyKey: SurveyKey
    ) async throws {
        self.surveyKey = surveyKey
        var configuration = try PostgresLocation.configuration(url)
        configuration.options.maximumConnections = connections
        let place = PostgresAvailability.place(of: configuration)
        try await PostgresAvailability.checkAtStart(configuration, place: place)
        let availability = PostgresAvailability(place: place)
        self.availability = availability
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresSession.logger)
        self.client = client
        running = Task { await client.run() }
        credentials = PostgresCredentials(client: client)
        let statistics = PostgresStatistics(analyse: { sql in
            try await availability.withConnection(client) { try await PostgresSession(connection: $0).execute(sql) }
        })
        writer = PostgresWriter(
            lease: { work in try await availability.withConnection(client) { await work(PostgresSession(connection: $0)) } },
            committed: { statistics.committed($0) })
        policy = PriorityPolicy(every: priorityEvery)
        clock = ClockRules(maxSkewMs: maxSkewMs)
        self.alwaysOpen = alwaysOpen
        do {
            try await read { try await PostgresSchema.prepare($0, surveyKey: surveyKey) }
            if let catalogue {
                _ = try CatalogueDocument(bytes: catalogue.bytes, path: catalogue.path)
                let body = String(decoding: catalogue.bytes, as: UTF8.self)
                try await writer.perform { session in
                    try await session.rows(
                        """
                        INSERT INTO sites (site_id, name, body, path) VALUES (\(catalogue.site), \(catalogue.site), \(body), \(catalogue.path))
                        ON CONFLICT (site_id) DO UPDATE SET body = excluded.body, path = excluded.path
                        """)
                }
            }
        } catch {
            running.cancel()
            throw error
        }
    }

    deinit { running.cancel() }

    /// Runs `work` on a connection of its own (reads: they see the last commit and wait for no write).
    func read<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await availability.withConnection(client) { try await work(PostgresSession(connection: $0)) }
    }

    /// The catalogue of `site`; a storage failure when the site has none.
    func catalogue(_ site: String) async throws -> SiteCatalogue {
        if let known = catalogues.withLock({ $0[site] }) { return known }
        let row = try await read { try await $0.first("SELECT body, path FROM sites WHERE site_id = \(site)") }
        guard let row, case .text(let body) = row[0], case .text(let path) = row[1] else {
            throw StorageFailure("site \(site) holds no catalogue yet: run once with --site \(site) --catalogue FILE")
        }
        let document = try CatalogueDocument(bytes: Array(body.utf8), path: path)
        let loaded = SiteCatalogue(document: document, rules: IssueRules(catalogue: document.catalogue, alwaysOpen: alwaysOpen))
        catalogues.withLock { $0[site] = loaded }
        return loaded
    }

    /// Reads every site's catalogue: the server refuses to start while one is missing or broken.
    func checkSites() async throws {
        let sites = try await read { try await $0.rows("SELECT site_id FROM sites ORDER BY site_id").map { try $0.text(0) } }
        guard !sites.isEmpty else { throw StorageFailure("the database holds no site yet: start once with --catalogue FILE") }
        for site in sites { _ = try await catalogue(site) }
    }

    func catalogueDocument(site: String) async throws -> CatalogueDocument { try await catalogue(site).document }

    var maxClockSkewMs: Int64 { clock.maxSkewMs }

    func health() async throws -> Duration {
        _ = try await read { try await $0.rows("SELECT 1 FROM sites LIMIT 1") }
        return writer.stalled()
    }

    func kiosksOffline(now: Int64) async throws -> Int {
        let limit = now &- KioskHealth.silenceLimitMs
        return try await read { try await $0.first("SELECT count(*) FROM heartbeats WHERE received_at < \(limit)")?.int(0) ?? 0 }
    }

    func principal(tokenHash: String) async throws -> Principal? {
        try await credentials.principal(tokenHash) {
            let row = try await read { try await $0.rows(PostgresStatements.Credential(tokenHash: tokenHash)).first }
            guard let row, let role = Principal.Role(rawValue: try row.text(1)) else { return nil }
            return Principal(id: try row.text(0), role: role, site: try row.optionalText(2))
        }
    }

    func addCredential(tokenHash: String, principal: Principal, now: Int64) async throws {
        try await writer.perform { session in
            if let site = principal.site {
                guard try await session.first("SELECT 1 FROM sites WHERE site_id = \(site)") != nil else {
                    throw Problems.invalid("no site \(Problems.quoted(site)): create it with --site \(site) --catalogue FILE")
                }
                if principal.role == .kiosk, let owner = try await session.first(
                    "SELECT site_id FROM kiosks WHERE kiosk_id = \(principal.id)")?.text(0), owner != site {
                    throw Problems.invalid("kiosk \(Problems.quoted(principal.id)) belongs to site \(Problems.quoted(owner))")
                }
            }
            try await session.rows(
                """
                INSERT INTO credentials (token_hash, principal, role, site_id, created_at)
                VALUES (\(tokenHash), \(principal.id), \(principal.role.rawValue), \(principal.site), \(now))
                """)
        }
    }

    func revokeCredentials(principalID: String, site: String?, now: Int64) async throws -> Int {
        try await writer.perform { session in
            if site == nil {
                let sites = try await session.rows("SELECT site_id FROM credentials WHERE principal = \(principalID) AND revoked_at IS NULL")
                try Revocation.checkUnambiguous(principalID, sites: try sites.map { try $0.optionalText(0) })
            }
            let revoked = try await session.rows(
                """
                UPDATE credentials SET revoked_at = \(now) WHERE principal = \(principalID) AND revoked_at IS NULL
                AND (\(site)::text IS NULL OR site_id = \(site)) RETURNING 1
                """
            ).count
            // Every server process empties its cache of credentials when this commits.
            try await session.execute("NOTIFY \(PostgresCredentials.channel)")
            return revoked
        }
    }

    func addBooking(code: String, site: String, serviceID: String, day: String, priority: Bool) async throws {
        guard try await catalogue(site).rules.catalogue.service(ServiceID(serviceID)) != nil else {
            throw Problems.invalid("no service \(Problems.quoted(serviceID)) in the catalogue of site \(Problems.quoted(site))")
        }
        try await writer.perform { session in
            try await session.rows(
                "INSERT INTO bookings (code, site_id, service_id, day, priority) VALUES (\(code), \(site), \(serviceID), \(day), \(priority))")
        }
    }

    func heartbeat(_ heartbeat: Heartbeat, kiosk: String, site: String, now: Int64) async throws {
        let body = try String(decoding: QueueAPI.encoder().encode(heartbeat), as: UTF8.self)
        try await writer.perform { session in
            _ = try await Self.kioskMark(session, kiosk, site: site)
            try await session.rows(
                """
                INSERT INTO heartbeats (kiosk_id, received_at, body) VALUES (\(kiosk), \(now), \(body))
                ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body
                """)
        }
    }

    func kioskReports(site: String?, now: Int64) async throws -> KioskReports {
        let rows = try await read { session in
            try await session.rows(
                """
                SELECT h.kiosk_id, h.received_at, h.body FROM heartbeats h LEFT JOIN kiosks k USING (kiosk_id)
                WHERE \(site)::text IS NULL OR k.site_id = \(site) ORDER BY h.kiosk_id
                """)
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

    func siteSummaries(site: String?, now: Int64) async throws -> SiteSummaries {
        let today = clock.day(of: now).description
        let silent = now &- KioskHealth.silenceLimitMs
        let (rows, issued) = try await read { session in
            let rows = try await session.rows(
                """
                SELECT s.site_id, s.name,
                    (SELECT count(*) FROM tickets t WHERE t.site_id = s.site_id AND t.day = \(today) AND t.state != 'voided'),
                    (SELECT count(*) FROM tickets t WHERE t.site_id = s.site_id AND t.day = \(today) AND t.state = 'waiting'),
                    (SELECT count(*) FROM kiosks k WHERE k.site_id = s.site_id),
                    (SELECT count(*) FROM kiosks k JOIN heartbeats h USING (kiosk_id) WHERE k.site_id = s.site_id AND h.received_at < \(silent))
                FROM sites s WHERE \(site)::text IS NULL OR s.site_id = \(site) ORDER BY s.site_id
                """)
            // Live tickets per site and service today, for the services past their quota.
            let issued = try await session.rows(
                """
                SELECT site_id, service_id, count(*) FROM tickets
                WHERE day = \(today) AND state != 'voided' AND (\(site)::text IS NULL OR site_id = \(site)) GROUP BY site_id, service_id
                """)
            return (rows, try SiteSummaries.issuedBySite(issued))
        }
        var sites: [SiteSummary] = []
        for row in rows {
            let siteID = try row.text(0)
            sites.append(
                SiteSummary(
                    siteId: siteID, name: try row.text(1), ticketsToday: try row.int(2), waiting: try row.int(3),
                    kiosks: try row.int(4), kiosksOffline: try row.int(5),
                    servicesOverQuota: QuotaRules.overQuota(issued: issued[siteID] ?? [:], catalogue: try await catalogue(siteID).rules.catalogue)))
        }
        return SiteSummaries(day: today, sites: sites)
    }
}
