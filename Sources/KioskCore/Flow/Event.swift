/// Everything that can happen to the kiosk. Time comes separately, with each step.
public enum Event: Sendable, Hashable {
    /// Durable state read at start: the last sequence issued per service on `day` in its general series and
    /// in its priority series, and when each of that day's tickets was issued (for quota sessions).
    case restored(
        day: String, lastSequence: [ServiceID: Int], prioritySequence: [ServiceID: Int] = [:], issuedAt: [ServiceID: [Timestamp]] = [:])
    /// A citizen pressed a button.
    case press(Action)
    /// Time passed (the runtime ticks a few times a second).
    case tick
    /// The speech guidance's citizen touched the screen to explore it (no button pressed): they are there.
    case explored
    /// The ticket was written durably and the printer took every byte.
    case ticketPrinted(TicketID)
    /// The ticket was written durably but printing failed: no ticket came out.
    case ticketPrintFailed(TicketID, reason: String)
    /// The ticket was written durably and its bytes left, but the printer did not confirm it in
    /// time: a ticket may or may not have come out.
    case ticketPrintUncertain(TicketID, reason: String)
    /// The ticket could not be written durably, so it was not printed and does not exist.
    case ticketNotRecorded(TicketID, reason: String)
    /// The answer to ``Effect/requestNumber(_:)``: what the queue server said within the deadline to `request`.
    case serverAnswered(NumberRequest, ServerAnswer)
    /// The request's ``NumberRequest/deadlineMilliseconds`` passed since the runtime asked the server
    /// for ticket `TicketID`'s number (the runtime's timer; the core decides what follows).
    case numberDeadlinePassed(TicketID)
    /// The answer to ``Effect/numberOffline(_:)`` (or a server's number): the ticket's number, durable on the
    /// server or in the outbox.
    case ticketNumbered(TicketID, NumberedTicket)
    /// Linked kiosks: the link's background round ended; whether the server answered it, and whether a
    /// leased number or the server's fallback mark lets the kiosk number offline.
    case linkReported(serverAnswers: Bool, canNumberOffline: Bool)
    /// Linked kiosks: the server sent a catalogue (`version`, its ETag) that differs from the one in use.
    case catalogueArrived(version: String)
    /// The answer to ``Effect/submitSurvey(_:)`` for the survey of ticket `TicketID`.
    case surveySubmitted(TicketID, SurveyOutcome)
    /// A scanner read these bytes (prefix, suffix and symbology id removed); the core classifies them.
    case scanned([UInt8])
    /// The booking directory's answer to ``Effect/lookUpBooking(_:)``.
    case bookingLookedUp(BookingCode, BookingLookup)
    /// The ticket store's answer to ``Effect/lookUpTicket(_:)``: nil when this kiosk has no such ticket.
    case ticketLookedUp(TicketID, Ticket?)
    /// The printer's condition, as the runtime last learned it (polled while idle, checked around each ticket).
    case printerStatus(PrinterCondition)
    /// A touch was held still for `milliseconds` at (`x`, `y`) and lifted (the technician's hidden gesture).
    case touchHeld(x: Int, y: Int, milliseconds: Int)
    /// The answer to ``Effect/checkPIN(_:)`` for attempt `attempt`.
    case pinChecked(attempt: Int, PINCheck)
    /// What the runtime knows of the devices, sent while diagnostics is open.
    case diagnosticsFacts(DiagnosticsFacts)
    /// The PIN pad's lockout as kept in the state directory, read at start.
    case pinLockoutRestored(PINLockout)
    /// A touch point while a diagnostics Touch screen is open, in screen pixels as the calibration
    /// in use reads it (a tap's, then its press; or a drag's, for the drawing test's trail).
    case touchPoint(x: Int, y: Int, TouchPointKind)
    /// The answer to ``TechnicianWork/saveCalibration(correction:)`` and ``TechnicianWork/undoCalibration``.
    case calibrationChanged(CalibrationChange)
    /// `kioskctl` asked for `request` through the control socket; `from` names the caller for the log.
    case technicianRequest(TechnicianRequest, from: String)
    /// The answer to ``TechnicianWork/lookUpBadge(_:)``: the technician the file gives the badge to, if any.
    case badgeOwner(String, technician: String?)
}

/// What the runtime supplies with every event: the time, and a fresh id in case one is needed.
public struct StepContext: Sendable {
    public var now: Timestamp
    /// A new random ticket id; the core uses it only when it issues a ticket.
    public var freshTicketID: TicketID

    public init(now: Timestamp, freshTicketID: TicketID) {
        self.now = now
        self.freshTicketID = freshTicketID
    }
}
