import KioskSQLite

/// Tickets that were issued but not printed, waiting to be reported to the queue server, so no
/// counter calls a number that nobody holds (QUEUE-PROTOCOL.md, "Print outcome").
extension TicketStore {
    /// Every ticket whose print failed and that the server has not been told about, oldest first.
    public func unreportedPrintFailures() throws -> [StoredTicket] {
        try database.query(
            """
            SELECT id, service_id, day, sequence, number, issued_at_ms, print_outcome, failure_reason
            FROM tickets WHERE print_outcome = 'failed' AND print_reported = 0 ORDER BY issued_at_ms, id
            """
        ).compactMap(Self.storedTicket)
    }

    /// The server has been told that ticket `id` was not printed.
    public func markPrintFailureReported(_ id: String) throws {
        try database.query("UPDATE tickets SET print_reported = 1 WHERE id = ?", [.text(id)])
    }

    /// Marks every ticket still `pending` (recorded, handed to the printer, no outcome: kioskd was
    /// killed or crashed mid-job) as `uncertain` with `reason`, so staff see it may be in a
    /// citizen's hand and it is never counted printed. Call once at start, before printing anything.
    /// Returns the numbers marked.
    public func settleInterruptedPrints(reason: String) throws -> [String] {
        try database.query(
            "UPDATE tickets SET print_outcome = 'uncertain', failure_reason = ? WHERE print_outcome = 'pending' RETURNING number",
            [.text(reason)]
        ).compactMap { row in if case .text(let number) = row.first { number } else { nil } }
    }
}
