import KioskCore

/// The one log line written per ticket: who, what, and how long from tap to the last printed byte.
enum TicketLogLine {
    /// `ticket id=… number=A-001 service=… day=… printed=yes tap_to_print_ms=1.234` (and
    /// `offline=yes` for a ticket a linked kiosk numbered itself).
    static func format(_ ticket: Ticket, result: PrintResult, tapAt: UInt64?) -> String {
        var line = "ticket id=\(ticket.id) number=\(ticket.number) service=\(ticket.serviceID)"
            + " day=\(ticket.day) issued_at_ms=\(ticket.issuedAt.millisecondsSinceEpoch)"
            + " printed=\(result.failure == nil ? "yes" : "no")"
            + (ticket.priority.map { " priority=\($0.rawValue)" } ?? "")
            + (ticket.bookingCode.map { " booking=\($0)" } ?? "")
            + (ticket.offline ? " offline=yes" : "")
        if let tapAt, result.finishedAt >= tapAt {
            line += " tap_to_print_ms=" + milliseconds(result.finishedAt - tapAt)
        }
        if let failure = result.failure { line += " reason=\"\(failure)\"" }
        return line
    }

    /// Nanoseconds as milliseconds with three decimals.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = (nanoseconds + 500) / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
