/// The technician's way in: the hidden gesture or a badge (only between citizens), the PIN pad
/// with its lockout, and leaving diagnostics (by Exit, or by itself when nobody touches it).
///
/// PIN digits are never logged: only attempt numbers and outcomes are.
extension KioskFlow {
    /// No citizen is mid-journey: the first screen, fresh, with nothing pending.
    static func isBetweenCitizens(_ state: KioskState) -> Bool {
        state.screen == .home && state.history.isEmpty && state.idlePromptLeft == nil && state.priority == nil
            && state.pendingNumber == nil
    }

    /// A long hold: the top-left corner arms the hidden gesture, the top-right one then opens the PIN pad.
    static func touchHeld(
        x: Int, y: Int, milliseconds: Int, _ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings
    ) -> [Effect] {
        let gesture = settings.diagnostics
        guard milliseconds >= gesture.holdMilliseconds, y >= 0, y < gesture.cornerPixels else {
            state.technician.firstCornerAt = nil
            return []
        }
        if x >= 0, x < gesture.cornerPixels {
            state.technician.firstCornerAt = now
            return []
        }
        guard x >= gesture.screenWidth - gesture.cornerPixels, let first = state.technician.firstCornerAt else { return [] }
        state.technician.firstCornerAt = nil
        let window = gesture.secondCornerWithinSeconds.addingReportingOverflow(gesture.holdMilliseconds / 1000 + 1)
        guard !window.overflow, now <= first.adding(seconds: window.partialValue) else { return [] }
        return openPINPad(by: "the hidden gesture", &state, now)
    }

    /// A technician's badge at the scanner opens the PIN pad between citizens.
    static func badgeScanned(_ badge: String, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let opening = isBetweenCitizens(state)
        let effects = openPINPad(by: "technician badge \(ScanClassifier.escapedForLog(Array(badge.utf8)))", &state, now)
        guard opening else { return effects }
        state.technician.badge = badge
        return effects + [.technician(.lookUpBadge(badge))]
    }

    /// Whose the badge that opened the PIN pad is, for the log lines of who entered.
    static func badgeOwner(_ badge: String, _ owner: String?, _ state: inout KioskState) -> [Effect] {
        guard state.technician.badge == badge else { return [] }
        state.technician.badgeOwner = owner
        let shown = ScanClassifier.escapedForLog(Array(badge.utf8))
        return [.log(.info, owner.map { "technician badge \(shown) is \($0)'s" } ?? "technician badge \(shown) is in no line of the technicians file")]
    }

    /// What the log says of the badge when `name` enters: whose it is, or that it is someone else's.
    private static func badgeWords(entering name: String, _ session: TechnicianSession) -> (String, LogLevel) {
        guard let badge = session.badge.map({ ScanClassifier.escapedForLog(Array($0.utf8)) }) else { return ("", .info) }
        switch session.badgeOwner {
        case name?: return (" with their badge \(badge)", .info)
        case let other?: return (" with badge \(badge), which is \(other)'s", .warning)
        case nil: return (" with badge \(badge), which is nobody's in the technicians file", .warning)
        }
    }

    private static func openPINPad(by what: String, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        guard isBetweenCitizens(state) else {
            if case .diagnostics = state.screen { return [.log(.info, "\(what) ignored: diagnostics is open")] }
            return [.log(.info, "\(what) ignored: a citizen is mid-journey")]
        }
        state.screen = .diagnostics(.pinPad)
        state.technician.badge = nil
        state.technician.badgeOwner = nil
        state.technician.digits = []
        state.technician.message = nil
        state.lastActivity = now
        return [.log(.info, "PIN pad opened by \(what)")]
    }

    /// Presses on the PIN pad and the diagnostics screens.
    static func diagnosticsPress(
        _ action: Action, on screen: DiagnosticsScreen, _ state: inout KioskState, _ now: Timestamp,
        _ settings: FlowSettings
    ) -> [Effect] {
        switch (screen, action) {
        case (_, .chooseLanguage(let language)):
            state.language = language
            state.languageChosen = true
        case (_, .leaveDiagnostics):
            return leaveDiagnostics(why: "Exit was touched", &state, now)
        case (.pinPad, .pinDigit(let digit)) where digit < 10 && state.technician.digits.count < 8:
            state.technician.digits.append(digit)
            state.technician.message = nil
        case (.pinPad, .pinErase):
            _ = state.technician.digits.popLast()
        case (.pinPad, .pinEnter):
            return submitPIN(&state, now)
        case (_, .openDiagnostics(let target)) where screen != .pinPad && target != .pinPad:
            openDiagnosticsScreen(target, &state)
            return [.log(.info, "technician \(state.technician.technician ?? "?") opened the \(target) screen")]
        case (.printer, .printTestPage):
            return [.log(.info, "technician \(state.technician.technician ?? "?") printed a test page"), .printTestPage]
        case (.printer, .newPaperRoll):
            return [.log(.info, "technician \(state.technician.technician ?? "?") put in a new paper roll"), .resetPaperCounter]
        case (.pinPad, _):
            break
        default:
            return technicianPress(action, on: screen, &state, settings)
        }
        return []
    }

    private static func submitPIN(_ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        var session = state.technician
        defer { state.technician = session }
        guard session.checking == nil else { return [] }
        let digits = session.digits
        session.digits = []
        if session.isLocked(at: now), let until = session.lockedUntil {
            session.attemptNumber += 1
            session.counts.attempts += 1
            session.message = .pinLocked
            return [.log(.warning, "PIN attempt \(session.attemptNumber) refused unchecked: the PIN pad is locked until \(until.millisecondsSinceEpoch / 1000) (Unix time)")]
        }
        guard (4...8).contains(digits.count) else {
            session.message = .pinTooShort
            return []
        }
        session.attemptNumber += 1
        session.counts.attempts += 1
        session.checking = session.attemptNumber
        session.message = .pinChecking
        return [.log(.info, "PIN attempt \(session.attemptNumber): checking"),
                .checkPIN(PINAttempt(digits: digits, number: session.attemptNumber))]
    }

    /// A scan while diagnostics is open is only shown on the Scanner screen (escaped), never acted on.
    static func diagnosticsScan(_ bytes: [UInt8], _ code: ScannedCode, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let kind: String
        switch code {
        case .booking: kind = "booking"
        case .ownTicket: kind = "ticket"
        case .technicianBadge: kind = "technician badge"
        case .unknown: kind = "unknown"
        case .rejected(let rejection): kind = "refused (\(describe(rejection)))"
        }
        state.technician.lastScan = ScanRecord(
            escaped: ScanClassifier.escapedForLog(bytes), length: bytes.count, kind: kind, at: now)
        state.lastActivity = now
        return [.log(.info, "diagnostics: scanned \(bytes.count) bytes, \(kind): \(ScanClassifier.escapedForLog(bytes))")]
    }

    /// The technicians file's answer to a PIN: enter diagnostics, count a wrong PIN, or lock the pad.
    static func pinChecked(
        _ attempt: Int, _ check: PINCheck, _ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings
    ) -> [Effect] {
        guard state.technician.checking == attempt else { return [] }
        var session = state.technician
        defer { state.technician = session }
        session.checking = nil
        let onPad = state.screen == .diagnostics(.pinPad)
        switch check {
        case .accepted(let name):
            session.wrongInARow = 0
            session.lockouts = 0
            session.lockedUntil = nil
            session.message = nil
            guard onPad else { return [.log(.info, "PIN attempt \(attempt) accepted for \(name) after the PIN pad closed")] }
            session.technician = name
            session.counts.entries += 1
            state.screen = .diagnostics(.overview)
            state.lastActivity = now
            let (badge, level) = badgeWords(entering: name, session)
            return [.log(level, "PIN attempt \(attempt) accepted: technician \(name) entered diagnostics\(badge)")]
        case .rejected:
            session.counts.rejected += 1
            session.wrongInARow += 1
            let limit = max(1, settings.diagnostics.wrongPINsBeforeLockout)
            guard session.wrongInARow >= limit else {
                session.message = .pinWrong
                return [.log(.warning, "PIN attempt \(attempt) wrong (\(session.wrongInARow) of \(limit))")]
            }
            session.lockouts += 1
            session.counts.lockouts += 1
            let seconds = settings.diagnostics.lockoutLength(session.lockouts)
            session.lockedUntil = now.adding(seconds: seconds)
            session.wrongInARow = 0
            session.message = .pinLocked
            return [.log(.warning, "PIN attempt \(attempt) wrong (\(limit) of \(limit)): PIN pad locked for \(seconds) s (lockout \(session.lockouts))")]
        case .unavailable(let reason):
            session.message = .pinUnavailable
            return [.log(.error, "PIN attempt \(attempt) could not be checked: \(reason)")]
        }
    }

    /// Diagnostics closes after `idleExitSeconds` without a touch; a lockout that ran out is cleared.
    static func diagnosticsTimeout(_ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings) -> [Effect] {
        if let until = state.technician.lockedUntil, now >= until {
            state.technician.lockedUntil = nil
            if state.technician.message == .pinLocked { state.technician.message = nil }
        }
        guard now >= state.lastActivity.adding(seconds: settings.diagnostics.idleExitSeconds) else { return [] }
        return leaveDiagnostics(why: "\(settings.diagnostics.idleExitSeconds) s without a touch", &state, now)
    }

    static func leaveDiagnostics(why: String, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let line: String
        if let name = state.technician.technician {
            state.technician.counts.exits += 1
            line = "technician \(name) left diagnostics: \(why)"
        } else {
            line = "PIN pad closed: \(why)"
        }
        state.technician.technician = nil
        state.technician.facts = nil
        state.technician.lastScan = nil
        state.technician.touch = TouchCheck()
        state.technician.badge = nil
        state.technician.badgeOwner = nil
        state.technician.note = nil
        state.technician.confirmingRestart = false
        state.technician.digits = []
        state.technician.message = nil
        startAfresh(&state)
        state.lastActivity = now
        return [.log(.info, line)]
    }
}
