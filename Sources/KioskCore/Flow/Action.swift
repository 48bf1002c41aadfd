/// What a citizen asked for by pressing a button; the UI's hit-testing produces these.
public enum Action: Sendable, Hashable {
    /// The ID | EN switch, on every citizen screen: the same screen in `language`.
    case chooseLanguage(Language)
    /// A category of agencies on the first screen (its index in the catalogue).
    case chooseCategory(Int)
    /// A key of the first screen's letter index (``Catalogue/agencyLetters(_:)``).
    case chooseLetter(Character)
    case chooseAgency(AgencyID)
    /// A service; a closed or full one explains itself.
    case chooseService(ServiceID)
    case nextPage
    case previousPage
    /// Back to the screen the citizen saw before this one.
    case back
    /// Leave the ticket screen.
    case done
    /// Open the priority choice (from the first screen or a service screen).
    case askPriority
    /// Choose a priority group, or none.
    case choosePriority(TicketPriority?)
    /// Take the ticket for the booking shown.
    case takeBookedTicket
    /// "Masih di sini? / Still there?" answered: the citizen stays where they were.
    case stillHere
    /// The citizen satisfaction survey's buttons (KioskFlow+Survey.swift).
    case survey(SurveyAction)
    /// Technician: a digit (0–9) on the PIN pad.
    case pinDigit(UInt8)
    /// Technician: erase the last digit on the PIN pad.
    case pinErase
    /// Technician: check the PIN typed.
    case pinEnter
    /// Technician: open this diagnostics screen.
    case openDiagnostics(DiagnosticsScreen)
    /// Technician: leave the PIN pad or diagnostics for the first screen.
    case leaveDiagnostics
    /// Technician: print a test page (marked TEST, never a ticket).
    case printTestPage
    /// Technician: a new paper roll is in; the paper counter starts again.
    case newPaperRoll
    /// Technician: feed and cut a strip marked TEST.
    case cutTest
    /// Technician: a touch on a Touch screen's surface (where is the ``Event/touchPoint(x:y:_:)`` just before).
    case touchSurface
    /// Technician: clear the drawing test's trail and the target grid's marks.
    case clearTouchTest
    /// Technician: save the calibration just fitted.
    case acceptCalibration
    /// Technician: put the previous calibration back.
    case undoCalibration
    /// Technician: ask the queue server link to sync now.
    case syncNow
    /// Technician: show older (`true`) or newer log lines.
    case scrollLog(older: Bool)
    /// Technician: restart kioskd (asks to confirm first).
    case restartKioskd
    /// Technician: the answer to "restart kioskd?".
    case confirmRestart(Bool)
}
