/// What a technician asks for on the Touch, Printer, Network and Log screens, and through `kioskctl`.
extension KioskFlow {
    /// Presses on the diagnostics screens past the overview's own (the PIN pad's are in `diagnosticsPress`).
    static func technicianPress(
        _ action: Action, on screen: DiagnosticsScreen, _ state: inout KioskState, _ settings: FlowSettings
    ) -> [Effect] {
        let who = "technician \(state.technician.technician ?? "?")"
        switch (screen, action) {
        case (.touch, .touchSurface), (.touchTargets, .touchSurface), (.calibration, .touchSurface):
            return touchSurface(on: screen, &state, settings)
        case (.touch, .clearTouchTest), (.touchTargets, .clearTouchTest):
            state.technician.touch.strokes = []
            state.technician.touch.gridHits = []
            state.technician.touch.gridMisses = []
        case (.calibration, .acceptCalibration):
            return acceptCalibration(&state)
        case (.touch, .undoCalibration):
            state.technician.touch.note = nil
            return [.log(.info, "\(who) asked to undo the calibration"), .technician(.undoCalibration)]
        case (.printer, .cutTest):
            state.technician.note = DiagnosticsNote(.cutTestSent)
            return [.log(.info, "\(who) asked for a cut test"), .technician(.cutTest)]
        case (.network, .syncNow) where settings.linked:
            state.technician.note = DiagnosticsNote(.syncAsked)
            return [.log(.info, "\(who) asked for a sync now"), .technician(.syncNow)]
        case (.log, .scrollLog(let older)):
            let count = state.technician.facts?.logLines.count ?? 0
            let step = older ? logScrollStep : -logScrollStep
            state.technician.logOffset = min(max(0, state.technician.logOffset + step), max(0, count - 1))
        case (.log, .restartKioskd):
            state.technician.confirmingRestart = true
        case (.log, .confirmRestart(let yes)):
            state.technician.confirmingRestart = false
            guard yes else { break }
            return [.log(.info, "\(who) restarts kioskd")] + leaveDiagnostics(why: "Restart kioskd was touched", &state, state.lastActivity)
                + [.technician(.restartKioskd)]
        default:
            break
        }
        return []
    }

    /// Log lines one Older or Newer press scrolls.
    public static let logScrollStep = 10

    /// Opens diagnostics screen `target`, fresh: a new calibration run, the newest log lines, no note.
    static func openDiagnosticsScreen(_ target: DiagnosticsScreen, _ state: inout KioskState) {
        state.screen = .diagnostics(target)
        state.technician.note = nil
        state.technician.confirmingRestart = false
        state.technician.touch.lastTap = nil
        if target == .calibration { state.technician.touch.calibration = CalibrationRun() }
        if target == .calibration || target == .touchTargets { state.technician.touch.note = nil }
        if target == .log { state.technician.logOffset = 0 }
    }

    /// `kioskctl` through the control socket: acted on between citizens or in diagnostics, refused mid-ticket.
    static func technicianRequest(
        _ request: TechnicianRequest, from caller: String, _ state: inout KioskState, _ now: Timestamp,
        _ settings: FlowSettings
    ) -> [Effect] {
        let inDiagnostics = state.technician.technician != nil
        // A new roll changes nothing a citizen sees: it is counted at any time.
        if request == .resetPaper { return [.log(.info, "\(caller) put in a new paper roll"), .resetPaperCounter] }
        guard isBetweenCitizens(state) || inDiagnostics else {
            let why = state.screen == .diagnostics(.pinPad) ? "the PIN pad is open" : "a citizen is mid-journey"
            return [.log(.warning, "\(caller) asked for \(request): refused, \(why)")]
        }
        switch request {
        case .printTestPage:
            return [.log(.info, "\(caller) asked for a test page"), .printTestPage]
        case .cutTest:
            return [.log(.info, "\(caller) asked for a cut test"), .technician(.cutTest)]
        case .resetPaper:
            return []  // answered above
        case .syncNow:
            guard settings.linked else { return [.log(.warning, "\(caller) asked for a sync: this kiosk has no queue server")] }
            return [.log(.info, "\(caller) asked for a sync now"), .technician(.syncNow)]
        case .restart:
            let leaving = inDiagnostics ? leaveDiagnostics(why: "\(caller) restarts kioskd", &state, now) : []
            return [.log(.info, "\(caller) restarts kioskd")] + leaving + [.technician(.restartKioskd)]
        case .calibrate:
            if !inDiagnostics {
                state.technician.technician = caller
                state.technician.counts.entries += 1
            }
            openDiagnosticsScreen(.calibration, &state)
            state.lastActivity = now
            return [.log(.info, "\(caller) opened the 5-point calibration on the screen")]
        }
    }
}
