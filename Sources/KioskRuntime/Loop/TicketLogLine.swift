import KioskCore

/// The one log line written per ticket: who, what, and how long from tap to the last printed byte.
enum TicketLogLine {
    /// `ticket id=… number=A-001 service=… day=… printed=yes tap_to_last_byte_ms=0.9 tap_to_print_ms=1.234`
    /// (`printed=no` when it failed, `printed=uncertain` when it was not confirmed; `offline=yes`
    /// for a ticket a linked kiosk numbered itself). `tap_to_print_ms` runs to the outcome: the
    /// printer's confirmation, or the deadline.
    static func format(_ ticket: Ticket, result: PrintResult, tapAt: UInt64?) -> String {
        var line = "ticket id=\(ticket.id) number=\(ticket.number) service=\(ticket.serviceID)"
            + " day=\(ticket.day) issued_at_ms=\(ticket.issuedAt.millisecondsSinceEpoch)"
            + " printed=\(word(result.outcome))"
            + (ticket.priority.map { " priority=\($0.rawValue)" } ?? "")
            + (ticket.bookingCode.map { " booking=\($0)" } ?? "")
            + (ticket.offline ? " offline=yes" : "")
        if let tapAt, let lastByte = result.lastByteAt, lastByte >= tapAt {
            line += " tap_to_last_byte_ms=" + milliseconds(lastByte - tapAt)
        }
        if let tapAt, result.finishedAt >= tapAt {
            line += " tap_to_print_ms=" + milliseconds(result.finishedAt - tapAt)
        }
        if let reason = result.outcome.reason { line += " reason=\"\(reason)\"" }
        return line
    }

    private static func word(_ outcome: PrintJobOutcome) -> String {
        switch outcome {
        case .printed: "yes"
        case .failed: "no"
        case .uncertain: "uncertain"
        }
    }

    /// Nanoseconds as milliseconds with three decimals.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = (nanoseconds + 500) / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
