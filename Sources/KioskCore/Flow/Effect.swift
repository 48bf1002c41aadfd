/// What the core asks the runtime to do. The outcome of each comes back as an ``Event``.
public enum Effect: Sendable, Hashable {
    /// Draw this screen.
    case show(Screen)
    /// Write the ticket durably, then print it; answer with `ticketPrinted`, `ticketPrintFailed`
    /// or `ticketNotRecorded`.
    case issue(Ticket)
    /// Write the ticket durably but do not print it: the printer cannot print and the operator
    /// allows numbers shown on screen only. Answer `ticketNotRecorded` if it cannot be written.
    case recordScreenOnly(Ticket)
    /// Write a line to the kiosk's log.
    case log(LogLevel, String)
}

/// Severity of a log line.
public enum LogLevel: String, Sendable, Hashable {
    case info, warning, error
}
