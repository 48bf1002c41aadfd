import KioskCore
import KioskProtocol
import KioskSQLite

/// Print state, durable before the first byte goes to the printer (issue 11 #3), and the outcome
/// the server must hear for every ticket the kiosk printed, tried to print or may have printed.
extension SyncStore {
    /// Records, before ticket `ticketID` is asked of the server (or numbered offline), that no byte of it
    /// has gone to the printer yet. A ticket still asked when kioskd starts again never reached the
    /// printer: it is reported not printed (``settleInterruptedPrints(reason:)``), so the server voids a
    /// number no paper carries instead of letting a counter call it.
    public func markAsked(_ ticketID: String, at milliseconds: Int64) throws {
        try database.query(
            "INSERT OR REPLACE INTO asked (ticket_id, asked_at_ms) VALUES (?, ?)", [.text(ticketID), .integer(milliseconds)])
    }

    /// Forgets an asked ticket that was refused: no ticket exists, nothing is to be reported.
    public func forgetAsked(_ ticketID: String) throws {
        try database.query("DELETE FROM asked WHERE ticket_id = ?", [.text(ticketID)])
    }

    /// Records, before the first byte of ticket `ticketID` goes to the printer, that it is printing.
    /// A ticket still printing when kioskd starts again is reported uncertain (``settleInterruptedPrints(reason:)``).
    public func markPrinting(_ ticketID: String, at milliseconds: Int64) throws {
        try transaction {
            try database.query("DELETE FROM asked WHERE ticket_id = ?", [.text(ticketID)])
            try database.query(
                "INSERT OR REPLACE INTO printing (ticket_id, started_at_ms) VALUES (?, ?)", [.text(ticketID), .integer(milliseconds)])
        }
    }

    /// Tickets whose print job started and has no outcome yet.
    public func printing() throws -> [String] {
        try database.query("SELECT ticket_id FROM printing ORDER BY started_at_ms, ticket_id").compactMap { row in
            if case .text(let id) = row.first { return id }
            return nil
        }
    }

    /// Tickets an earlier run (killed or crashed) left without an outcome: `uncertain` were printing (a
    /// citizen may hold the paper, so the server keeps them for staff to confirm, never voids them and
    /// never counts them printed); `unprinted` were numbered but never reached the printer (reported
    /// not printed, so the server voids them). Reports each once; returns their ids.
    public func settleInterruptedPrints(reason: String) throws -> (uncertain: [String], unprinted: [String]) {
        let interrupted = try printing()
        for id in interrupted { try recordPrintOutcome(ticketID: id, .uncertain(reason: reason)) }
        let asked = try database.query("SELECT ticket_id FROM asked ORDER BY asked_at_ms, ticket_id").compactMap { row -> String? in
            if case .text(let id) = row.first { return id }
            return nil
        }
        for id in asked { try recordPrintOutcome(ticketID: id, .failed(reason: "kioskd stopped before printing it")) }
        return (interrupted, asked)
    }

    /// Records how ticket `ticketID` printed, and that it is no longer printing. An unsent offline
    /// ticket's outbox entry is rewritten: `printed: false` when it failed (the server keeps it
    /// voided, so its number is never reused). A ticket the server already holds gets its outcome
    /// queued: `printed` releases a late answer the server held, `failed` voids it. An uncertain
    /// ticket always gets an `uncertain` report: the server keeps it for staff to confirm.
    public func recordPrintOutcome(ticketID: String, _ outcome: PrintJobOutcome) throws {
        let reason = outcome.reason.map { String($0.prefix(200)) }
        try transaction {
            try database.query("DELETE FROM printing WHERE ticket_id = ?", [.text(ticketID)])
            try database.query("DELETE FROM asked WHERE ticket_id = ?", [.text(ticketID)])
            var queueReport: PrintReport.Outcome?
            if var known = try storedTicket(ticketID) {
                if case .failed = outcome { known.printed = false } else { known.printed = true }
                try database.query(
                    "UPDATE outbox SET body = ? WHERE ticket_id = ? AND kind = 'ticket'", [.text(try Self.json(known)), .text(ticketID)])
                if case .uncertain = outcome { queueReport = .uncertain }
            } else {
                switch outcome {
                case .printed: queueReport = .printed
                case .failed: queueReport = .failed
                case .uncertain: queueReport = .uncertain
                }
            }
            if let queueReport {
                let report = PrintReport(printed: queueReport == .printed, outcome: queueReport, reason: reason)
                try database.query(
                    "INSERT INTO outbox (ticket_id, kind, body) VALUES (?, 'print', ?)", [.text(ticketID), .text(try Self.json(report))])
            }
        }
    }
}
