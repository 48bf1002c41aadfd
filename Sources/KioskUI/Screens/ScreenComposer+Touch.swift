import KioskCore

extension ScreenComposer {
    /// The drawing test: every touch point as read, on a panel that is the touch surface; the target
    /// grid, the calibration, Undo and Clear below it.
    mutating func composeTouch() {
        composeTitle(DiagnosticsText.touchTitle(language))
        let touch = state.technician.touch
        let content = diagnosticsMain
        let line = px(60)
        addText(
            DiagnosticsText.touchHelp(language), .regular, px(34), minimum: px(20), maxLines: 1,
            in: Rect(x: content.x, y: content.y, width: content.width, height: line), color: Theme.secondaryText)
        var top = content.y + line
        if let note = touch.note {
            addText(
                note(language), .bold, px(34), minimum: px(20), maxLines: 2,
                in: Rect(x: content.x, y: top, width: content.width, height: 2 * line),
                color: note.isProblem ? Theme.warning : Theme.success)
            top += 2 * line
        }
        let canUndo = state.technician.facts?.canUndoCalibration ?? false
        let buttonsTop = addDiagnosticButtons(
            [
                (DiagnosticsText.targetTest(language), .openDiagnostics(.touchTargets)),
                (DiagnosticsText.calibrate(language), .openDiagnostics(.calibration)),
                (DiagnosticsText.undoCalibration(language), .undoCalibration),
                (DiagnosticsText.clear(language), .clearTouchTest),
                (DiagnosticsText.backToOverview(language), .openDiagnostics(.overview)),
            ], columns: 2, disabled: canUndo ? [] : [.undoCalibration])
        let surface = Rect(x: content.x, y: top + px(10), width: content.width, height: diagnosticsMainBottom(buttonsTop: buttonsTop) - top - px(10))
        plan.paints.append(.box(surface, Theme.panel, radius: geometry.cornerRadius))
        let dot = max(2, px(8))
        for stroke in touch.strokes {
            for spot in stroke where surface.contains(x: spot.x, y: spot.y) {
                plan.paints.append(.box(Rect(x: spot.x - dot / 2, y: spot.y - dot / 2, width: dot, height: dot), Theme.header, radius: 0))
            }
        }
        plan.buttons.append(.init(frame: surface, action: .touchSurface))
        addTechnicianExit()
    }

    /// A 3 × 3 grid of targets to touch: hit ones turn green, misses are marked red where they landed.
    mutating func composeTouchTargets() {
        let touch = state.technician.touch
        let targets = TouchCheck.gridTargets(settings.diagnostics)
        composeTitle(
            DiagnosticsText.targetsHelp(
                language,
                ["hits": String(touch.gridHits.count), "total": String(targets.count), "misses": String(touch.gridMisses.count)]))
        let top = geometry.title.maxY
        let surface = Rect(x: geometry.margin, y: top, width: geometry.width - 2 * geometry.margin, height: geometry.footer.y - geometry.gap - top)
        plan.paints.append(.box(surface, Theme.panel, radius: geometry.cornerRadius))
        let radius = px(Double(TouchCheck.hitRadius))
        for (index, target) in targets.enumerated() {
            let hit = touch.gridHits.contains(index)
            addTarget(at: target, radius: radius, color: hit ? Theme.success : Theme.header, fill: Theme.panel)
        }
        let mark = max(4, px(18))
        for miss in touch.gridMisses {
            plan.paints.append(.box(Rect(x: miss.x - mark / 2, y: miss.y - mark / 2, width: mark, height: mark), Theme.warning, radius: 0))
        }
        addNavigationButton(geometry.nextButton, .openDiagnostics(.touch), text: DiagnosticsText.backToTouch(language))
        addNavigationButton(geometry.previousButton, .clearTouchTest, text: DiagnosticsText.clear(language))
        plan.buttons.append(.init(frame: surface, action: .touchSurface))
        addTechnicianExit()
    }

    /// The 5-point calibration: one target at a time; then the fit's residual with Save, Again and
    /// Cancel, or why the taps were refused.
    mutating func composeCalibration() {
        let run = state.technician.touch.calibration
        let targets = TouchCheck.calibrationTargets(settings.diagnostics)
        guard let outcome = run.outcome else {
            // No title, no footer: the corners' targets sit where they would be.
            let step = min(run.taps.count, targets.count - 1)
            addTarget(at: targets[step], radius: px(44), color: Theme.warning)
            let middle = Rect(x: geometry.margin, y: geometry.height * 30 / 100, width: geometry.width - 2 * geometry.margin, height: px(140))
            addText(
                DiagnosticsText.calibrationStep(language, ["step": String(step + 1)]), .bold, px(48), minimum: px(26),
                maxLines: 2, in: middle, align: .center, color: Theme.title)
            let cancel = Rect(
                x: (geometry.width - px(420)) / 2, y: geometry.height * 66 / 100, width: px(420), height: px(120))
            addNavigationButton(cancel, .openDiagnostics(.touch), text: DiagnosticsText.cancel(language))
            let top = geometry.header.maxY
            plan.buttons.append(.init(frame: Rect(x: 0, y: top, width: geometry.width, height: geometry.height - top), action: .touchSurface))
            return
        }
        // The five targets stay in the open, as they were tapped: the message between the top targets and the
        // centre one, the buttons in a row between the centre one and the bottom ones; no title and no Exit over
        // them (Cancel leads back to the Touch screen, which has Exit).
        for (target, tap) in zip(targets, run.taps) {
            addTarget(at: target, radius: px(30), color: Theme.header)
            let mark = max(4, px(16))
            plan.paints.append(.box(Rect(x: tap.x - mark / 2, y: tap.y - mark / 2, width: mark, height: mark), Theme.warning, radius: 0))
        }
        let bands = calibrationBands(targets)
        let again = (DiagnosticsText.again(language), Action.openDiagnostics(.calibration))
        let cancel = (DiagnosticsText.cancel(language), Action.openDiagnostics(.touch))
        var buttons: [(label: String, action: Action)] = []
        let message: (String, Color)
        switch outcome {
        case .fitted(_, let residual):
            message = (DiagnosticsText.calibrationFitted(language, ["px": TouchCheck.pixelText(residual)]), Theme.title)
            buttons = [(DiagnosticsText.save(language), .acceptCalibration), again, cancel]
        case .refused(let note):
            message = (note(language), Theme.warning)
            buttons = [again, cancel]
        case .saving:
            message = (DiagnosticsText.calibrationSaving(language), Theme.secondaryText)
        }
        let textHeight = min(px(200), bands.upper.height)
        let text = Rect(x: bands.upper.x, y: (bands.upper.y + bands.upper.height / 2) - textHeight / 2, width: bands.upper.width, height: textHeight)
        addText(message.0, .bold, px(44), minimum: px(24), maxLines: 3, in: text, align: .center, color: message.1)
        if !buttons.isEmpty {
            addDiagnosticButtons(buttons, columns: buttons.count, bottom: bands.lower.y + bands.lower.height / 2 + px(110) / 2 + geometry.gap)
        }
    }

    /// The room between the calibration targets (kept ``calibrationClearance`` away from them): `upper` between
    /// the top targets and the centre one, `lower` between the centre one and the bottom ones.
    private func calibrationBands(_ targets: [TouchSpot]) -> (upper: Rect, lower: Rect) {
        let clear = calibrationClearance
        let top = targets[0].y + clear, middle = targets[4].y, bottom = targets[2].y - clear
        let x = geometry.margin, width = geometry.width - 2 * geometry.margin
        return (Rect(x: x, y: top, width: width, height: max(1, middle - clear - top)),
                Rect(x: x, y: middle + clear, width: width, height: max(1, bottom - middle - clear)))
    }

    /// How far the fitted screen's text and buttons keep from a target's centre: the tapping ring and a gap.
    var calibrationClearance: Int { px(44) + geometry.gap }

    /// A round target: a ring of `radius` around a centre dot.
    private mutating func addTarget(at spot: TouchSpot, radius: Int, color: Color, fill: Color = Theme.background) {
        let ring = max(2, px(6))
        plan.paints.append(.box(Rect(x: spot.x - radius, y: spot.y - radius, width: 2 * radius, height: 2 * radius), color, radius: radius))
        let inner = radius - ring
        plan.paints.append(
            .box(Rect(x: spot.x - inner, y: spot.y - inner, width: 2 * inner, height: 2 * inner), fill, radius: inner))
        let dot = max(3, px(10))
        plan.paints.append(.box(Rect(x: spot.x - dot, y: spot.y - dot, width: 2 * dot, height: 2 * dot), color, radius: dot))
    }
}
