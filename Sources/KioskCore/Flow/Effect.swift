/// What the core asks the runtime to do. The outcome of each comes back as an ``Event``.
public enum Effect: Sendable, Hashable {
    /// Draw this screen.
    case show(Screen)
    /// Write the ticket durably (with its booking's check-in, in one transaction, when it has a
    /// booking code), then print it; answer with `ticketPrinted`, `ticketPrintFailed` or `ticketNotRecorded`.
    case issue(Ticket)
    /// Write the ticket durably but do not print it: the printer cannot print and the operator
    /// allows numbers shown on screen only. Answer `ticketNotRecorded` if it cannot be written.
    case recordScreenOnly(Ticket)
    /// Linked kiosks: record durably that this ticket is asked, then ask the queue server to number it
    /// within the deadline; answer `serverAnswered`, or `ticketNotRecorded` when the record cannot be written,
    /// and `numberDeadlinePassed` once the request's `deadlineMilliseconds` have passed without either.
    case requestNumber(NumberRequest)
    /// Linked kiosks: the server gave no number in time: number the ticket from a lease (else under the
    /// server's fallback mark) with the same id, durably in the outbox; answer `ticketNumbered` (offline)
    /// or `ticketNotRecorded` (no lease and no mark: the core then gives `voidNumber`, for a copy the server stored late).
    case numberOffline(NumberRequest)
    /// Linked kiosks: the server refused the ticket, so none exists: forget that it was asked.
    case forgetNumber(TicketID)
    /// Linked kiosks: the ticket was numbered but never handed out (the citizen left): tell the queue
    /// server it was not printed, so it voids a number no paper carries.
    case voidNumber(TicketID, reason: String)
    /// Linked kiosks: put the catalogue `version` from the server in use (the kiosk is between citizens).
    case useCatalogue(version: String)
    /// Keep a survey answer durably in the outbox, then send it within the server deadline; answer
    /// with `surveySubmitted` (queued when the server is away: the outbox sends it later, once).
    case submitSurvey(SurveyAnswer)
    /// Write a line to the kiosk's log.
    case log(LogLevel, String)
    /// Ask the booking directory about `code`; answer with `bookingLookedUp`.
    case lookUpBooking(BookingCode)
    /// Read the ticket with this id from the ticket store; answer with `ticketLookedUp`.
    case lookUpTicket(TicketID)
    /// Check a PIN against the technicians file (slowly, off the loop); answer with `pinChecked`.
    case checkPIN(PINAttempt)
    /// Print the test page, marked TEST: not in the ledger, not sent to the server, not a ticket.
    case printTestPage
    /// Set the paper counter back to a full roll.
    case resetPaperCounter
    /// Technician work: a cut test, saving or undoing a calibration, a sync now, a restart.
    case technician(TechnicianWork)
}

/// Severity of a log line.
public enum LogLevel: String, Sendable, Hashable {
    case info, warning, error
}
