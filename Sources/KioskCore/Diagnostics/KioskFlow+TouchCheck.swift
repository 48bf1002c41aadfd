/// The Touch screens: the drawing test's trail, the target grid, and the 5-point calibration, which
/// fits a correction to the calibration in use, shows its residual, and is saved only when accepted.
extension KioskFlow {
    /// A touch point while diagnostics is open: a drag draws the trail on the drawing test; a tap is
    /// kept for the touch-surface press that follows it (a tap on a button is only that button).
    static func touchPoint(x: Int, y: Int, _ kind: TouchPointKind, _ state: inout KioskState, _ now: Timestamp) {
        guard state.technician.technician != nil, case .diagnostics(let screen) = state.screen else { return }
        let spot = TouchSpot(x: x, y: y)
        switch kind {
        case .tap:
            state.technician.touch.lastTap = spot
        case .dragBegan, .dragMoved, .dragEnded:
            guard screen == .touch else { return }
            state.technician.touch.trace(spot, startsStroke: kind == .dragBegan)
            state.lastActivity = now
        }
    }

    /// A press on a Touch screen's surface, at the tap just read: a dot of the trail, a grid target
    /// hit or missed, or the next calibration tap.
    static func touchSurface(on screen: DiagnosticsScreen, _ state: inout KioskState, _ settings: FlowSettings) -> [Effect] {
        guard let spot = state.technician.touch.lastTap else { return [] }
        state.technician.touch.lastTap = nil
        switch screen {
        case .touch:
            state.technician.touch.trace(spot, startsStroke: true)
        case .touchTargets:
            let targets = TouchCheck.gridTargets(settings.diagnostics)
            let limit = TouchCheck.hitRadius * TouchCheck.hitRadius
            if let hit = targets.indices.first(where: { squaredDistance(targets[$0], spot) <= limit }) {
                state.technician.touch.gridHits.insert(hit)
            } else {
                state.technician.touch.gridMisses.append(spot)
                if state.technician.touch.gridMisses.count > TouchCheck.missLimit {
                    state.technician.touch.gridMisses.removeFirst()
                }
            }
        case .calibration:
            return calibrationTap(spot, &state, settings)
        default:
            break
        }
        return []
    }

    /// The next of the five taps; the fifth fits the correction, or refuses the taps and says why.
    private static func calibrationTap(_ spot: TouchSpot, _ state: inout KioskState, _ settings: FlowSettings) -> [Effect] {
        var run = state.technician.touch.calibration
        defer { state.technician.touch.calibration = run }
        guard run.outcome == nil else { return [] }
        run.taps.append(spot)
        guard run.taps.count == TouchCheck.calibrationTargets(settings.diagnostics).count else { return [] }
        let fit = fitCalibration(run.taps, settings.diagnostics)
        run.outcome = fit
        let taps = run.taps.map { "(\($0.x), \($0.y))" }.joined(separator: " ")
        switch fit {
        case .fitted(let correction, let residual):
            return [.log(.info, "calibration fitted from taps \(taps): correction \(correction), residual \(TouchCheck.pixelText(residual)) px")]
        case .refused(let note):
            return [.log(.warning, "calibration refused, taps \(taps): \(note(.english))")]
        case .saving:
            return []
        }
    }

    /// The correction that maps the taps (as the calibration in use reads them) onto the targets, by
    /// the least-squares solver; refused when the taps lie on a line or one spot, squash or stretch
    /// the screen more than fourfold, or miss the fit by more than the solver allows.
    static func fitCalibration(_ taps: [TouchSpot], _ settings: DiagnosticsSettings) -> CalibrationFit {
        let targets = TouchCheck.calibrationTargets(settings)
        let samples = zip(taps, targets).map {
            CalibrationSolver.Sample(device: (Int32(clamping: $0.x), Int32(clamping: $0.y)), target: ($1.x, $1.y))
        }
        let xRange = AxisRange(minimum: 0, maximum: Int32(clamping: max(settings.screenWidth - 1, 1)))
        let yRange = AxisRange(minimum: 0, maximum: Int32(clamping: max(settings.screenHeight - 1, 1)))
        let degenerate = CalibrationFit.refused(DiagnosticsNote(.calibrationDegenerate, isProblem: true))
        do {
            let result = try CalibrationSolver.solve(
                samples, xRange: xRange, yRange: yRange, screen: ScreenSize(width: settings.screenWidth, height: settings.screenHeight))
            let m = result.matrix.values
            guard (0.25...4).contains(abs(m[0] * m[4] - m[1] * m[3])) else { return degenerate }
            return .fitted(correction: result.matrix, residualPixels: result.residualPixels)
        } catch {
            guard case .sloppy(let residual, let limit) = error else { return degenerate }
            return .refused(
                DiagnosticsNote(.calibrationSloppy, ["px": TouchCheck.pixelText(residual), "limit": TouchCheck.pixelText(limit)], isProblem: true))
        }
    }

    /// Save pressed on a fit: the runtime saves it and answers ``Event/calibrationChanged(_:)``.
    static func acceptCalibration(_ state: inout KioskState) -> [Effect] {
        guard case .fitted(let correction, let residual) = state.technician.touch.calibration.outcome else { return [] }
        state.technician.touch.calibration.outcome = .saving(residualPixels: residual)
        return [
            .log(.info, "technician \(state.technician.technician ?? "?") accepted the calibration (residual \(TouchCheck.pixelText(residual)) px)"),
            .technician(.saveCalibration(correction: correction)),
        ]
    }

    /// The runtime saved, undid, or could not change the calibration: back to the drawing test, saying so.
    static func calibrationChanged(_ change: CalibrationChange, _ state: inout KioskState) -> [Effect] {
        var saving: Double?
        if case .saving(let residual) = state.technician.touch.calibration.outcome { saving = residual }
        state.technician.touch.calibration = CalibrationRun()
        let inDiagnostics = state.technician.technician != nil
        if inDiagnostics, state.screen == .diagnostics(.calibration) { state.screen = .diagnostics(.touch) }
        let note: DiagnosticsNote
        let line: Effect
        switch change {
        case .saved(let matrix):
            note = DiagnosticsNote(.calibrationSaved, ["px": saving.map(TouchCheck.pixelText) ?? "?"])
            line = .log(.info, "calibration saved and in use: \(matrix)")
        case .undone(let matrix):
            note = DiagnosticsNote(.calibrationUndone)
            line = .log(.info, "calibration undone: \(matrix.map { "\($0)" } ?? "the configured one") in use")
        case .failed(let reason):
            note = DiagnosticsNote(.calibrationFailed, ["reason": reason], isProblem: true)
            line = .log(.error, "calibration not changed: \(reason)")
        }
        if inDiagnostics { state.technician.touch.note = note }
        switch change {
        case .saved: state.technician.facts?.canUndoCalibration = true
        case .undone: state.technician.facts?.canUndoCalibration = false
        case .failed: break
        }
        return [line]
    }

    private static func squaredDistance(_ a: TouchSpot, _ b: TouchSpot) -> Int {
        let dx = a.x.subtractingReportingOverflow(b.x), dy = a.y.subtractingReportingOverflow(b.y)
        guard !dx.overflow, !dy.overflow, abs(dx.partialValue) < 1 << 20, abs(dy.partialValue) < 1 << 20 else { return .max }
        return dx.partialValue * dx.partialValue + dy.partialValue * dy.partialValue
    }
}
