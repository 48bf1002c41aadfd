import KioskCore
import KioskProtocol
import KioskSQLite
import PostgresNIO

/// Reading tickets back with their position in the queue and estimated wait, and the kiosks the
/// server knows (each one's site, fallback mark and whether it may issue priority tickets).
extension PostgresQueueStore {
    /// A ticket's columns (``SQLiteSchema/ticketColumns``' order, indices 0–17), then, for a
    /// waiting ticket, the people ahead of it (18, `ahead`) and its service's recent service seconds,
    /// comma-separated (19, `recent`), of the row `t`: one statement, so one snapshot.
    ///
    /// People ahead are counted as ``PostgresCounts/peopleAhead`` counts them.
    static let ticketColumns = storedColumns.map { "t.\($0)" }.joined(separator: ", ") + """
        ,
            CASE WHEN t.state = 'waiting' THEN \(PostgresCounts.peopleAhead) END AS ahead,
            CASE WHEN t.state = 'waiting' THEN (
                SELECT string_agg(r.seconds::text, ',') FROM (
                    SELECT (f.finished_at - f.started_at) / 1000 AS seconds FROM tickets f
                    WHERE f.site_id = t.site_id AND f.queue_service_id = t.queue_service_id AND f.finished_at IS NOT NULL
                    AND f.state = 'done' ORDER BY f.finished_at DESC LIMIT \(WaitEstimate.window)) r) END AS recent
        """

    /// The stored columns of ``ticketColumns`` (indices 0–17), unqualified.
    static let storedColumns = [
        "ticket_id", "service_id", "queue_service_id", "agency_id", "day", "sequence", "number", "queued_at", "priority", "state",
        "counter_id", "issued_at", "clock_offset_ms", "language", "kiosk_id", "booking_code", "site_id", "print_uncertain",
    ]
    private static let selectTicket = "SELECT \(ticketColumns) FROM tickets t WHERE t.ticket_id ="

    /// The ticket's row, if stored; `lock` takes its row lock until the transaction ends (writes).
    func find(_ session: PostgresSession, _ ticketID: String, lock: Bool = false) async throws -> [SQLValue]? {
        if !lock { return try await session.rows(PostgresStatements.TicketByID(ticketID: ticketID)).first }
        return try await session.first("\(unescaped: Self.selectTicket) \(ticketID) FOR UPDATE OF t")
    }

    /// The ticket's row, which must exist.
    func found(_ session: PostgresSession, _ ticketID: String) async throws -> [SQLValue] {
        guard let row = try await find(session, ticketID) else { throw StorageFailure("ticket \(ticketID) vanished") }
        return row
    }

    /// The wire form of a row read by ``find(_:_:lock:)``.
    func view(_ row: [SQLValue]) throws -> QueueTicket {
        let ticketID = try row.text(0)
        guard let state = TicketState(rawValue: try row.text(9)) else { throw StorageFailure("bad state for \(ticketID)") }
        var peopleAhead: Int?
        var wait: Int?
        if state == .waiting {
            let ahead = try row.optionalInt(18) ?? 0
            let recent = try row.optionalText(19).map { $0.split(separator: ",").compactMap { Int($0) } } ?? []
            peopleAhead = ahead
            wait = WaitEstimate.minutes(peopleAhead: ahead, recentServiceSeconds: recent)
        }
        return QueueTicket(
            ticketId: ticketID, serviceId: try row.text(2), agencyId: try row.text(3), day: try row.text(4),
            sequence: try row.optionalInt(5), number: try row.text(6), queuedAt: try row.int64(7), priority: try row.int(8) == 1,
            state: state, peopleAhead: peopleAhead, estimatedWaitMinutes: wait, counterId: try row.optionalText(10),
            statusPath: QueueAPI.citizenPage(ticketID),
            // A priority a kiosk gave (not a booking's) is checked by staff at the counter.
            priorityToCheck: try row.int(8) == 1 && row.optionalText(15) == nil, printUncertain: try row.int(17) == 1)
    }

    /// The ticket `ticketID` as the wire shows it, read in the writer's transaction that changed it
    /// (so its people ahead are those of that moment, not also requests committed after it).
    func viewFound(_ session: PostgresSession, _ ticketID: String) async throws -> QueueTicket {
        try view(try await found(session, ticketID))
    }

    func ticket(_ ticketID: String) async throws -> (ticket: QueueTicket, site: String)? {
        let id = ticketID.lowercased()
        guard let row = try await read({ try await self.find($0, id) }) else { return nil }
        return (try view(row), try row.text(16))
    }

    // MARK: - Kiosks

    /// Registers `kiosk` (when new) and sets whether it may issue priority tickets.
    func configureKiosk(_ kiosk: String, site: String, mayClaimPriority: Bool) async throws {
        try await writer.perform { session in
            _ = try await Self.kioskMark(session, kiosk, site: site)
            try await session.rows("UPDATE kiosks SET may_claim_priority = \(mayClaimPriority) WHERE kiosk_id = \(kiosk)")
        }
    }

    /// The fallback mark of `kiosk`, assigned on first use as ``SQLiteQueueStore/kioskMark(_:_:site:)``
    /// does (a mark taken by another process meanwhile fails the unique key: the writer runs the request again).
    static func kioskMark(_ session: PostgresSession, _ kiosk: String, site: String) async throws -> String {
        if let row = try await session.first("SELECT mark FROM kiosks WHERE kiosk_id = \(kiosk)") { return try row.text(0) }
        let derived = FallbackMark.derived(kioskID: kiosk)
        let usable = !derived.isEmpty && derived.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
        var mark = derived
        let taken = try await session.first("SELECT 1 FROM kiosks WHERE mark = \(derived)") != nil
        if !usable || taken {
            let next = try await session.first("SELECT coalesce(max(added), 0) + 1 FROM kiosks")?.int(0) ?? 1
            mark = "K" + (next < 10 ? "0" : "") + String(next)
            while try await session.first("SELECT 1 FROM kiosks WHERE mark = \(mark)") != nil { mark += "X" }
        }
        try await session.rows("INSERT INTO kiosks (kiosk_id, site_id, mark) VALUES (\(kiosk), \(site), \(mark))")
        return mark
    }

    /// Whether `kiosk` is configured to issue priority tickets (`add-token --may-claim-priority`).
    static func mayClaimPriority(_ session: PostgresSession, _ kiosk: String) async throws -> Bool {
        try await session.first("SELECT may_claim_priority FROM kiosks WHERE kiosk_id = \(kiosk)")?.int(0) == 1
    }
}
