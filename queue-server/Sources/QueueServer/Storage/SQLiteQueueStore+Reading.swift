import KioskProtocol
import KioskSQLite

/// Reading tickets back with their position in the queue and estimated wait.
extension SQLiteQueueStore {
    /// The ticket's row (``SQLiteSchema/ticketColumns``), if stored.
    func find(_ database: SQLiteDatabase, _ ticketID: String) throws -> [SQLValue]? {
        try database.query("SELECT \(SQLiteSchema.ticketColumns) FROM tickets WHERE ticket_id = ?", [.text(ticketID)]).first
    }

    /// The ticket's row, which must exist.
    func found(_ database: SQLiteDatabase, _ ticketID: String) throws -> [SQLValue] {
        guard let row = try find(database, ticketID) else { throw StorageFailure("ticket \(ticketID) vanished") }
        return row
    }

    /// The wire form of a row: people ahead and estimated wait for a waiting ticket.
    func view(_ database: SQLiteDatabase, _ row: [SQLValue]) throws -> QueueTicket {
        let ticketID = try row.text(0)
        let queueService = try row.text(2)
        let site = try row.text(16)
        let queuedAt = try row.int64(7)
        guard let state = TicketState(rawValue: try row.text(9)) else { throw StorageFailure("bad state for \(ticketID)") }
        var peopleAhead: Int?
        var wait: Int?
        if state == .waiting {
            let count = try SQLiteCounts.peopleAhead(
                database, site: site, queue: queueService, day: try row.text(4), queuedAt: queuedAt, ticketID: ticketID)
            peopleAhead = count
            wait = WaitEstimate.minutes(peopleAhead: count, recentServiceSeconds: try recentServiceSeconds(database, site: site, queueService))
        }
        return QueueTicket(
            ticketId: ticketID, serviceId: queueService, agencyId: try row.text(3), day: try row.text(4),
            sequence: try row.optionalInt(5), number: try row.text(6), queuedAt: queuedAt, priority: try row.int(8) == 1,
            state: state, peopleAhead: peopleAhead, estimatedWaitMinutes: wait, counterId: try row.optionalText(10),
            statusPath: QueueAPI.citizenPage(ticketID),
            // A priority a kiosk gave (not a booking's) is checked by staff at the counter.
            priorityToCheck: try row.int(8) == 1 && row.optionalText(15) == nil, printUncertain: try row.int(17) == 1)
    }

    /// Seconds from start to done of the site's service's most recent tickets.
    private func recentServiceSeconds(_ database: SQLiteDatabase, site: String, _ service: String) throws -> [Int] {
        try database.query(
            """
            SELECT (finished_at - started_at) / 1000 FROM tickets
            WHERE site_id = ? AND queue_service_id = ? AND finished_at IS NOT NULL AND state = 'done'
            ORDER BY finished_at DESC LIMIT ?
            """, [.text(site), .text(service), .int(WaitEstimate.window)]
        ).map { try $0.int(0) }
    }
}
