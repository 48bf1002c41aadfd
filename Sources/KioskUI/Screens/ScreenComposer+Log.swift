import KioskCore

extension ScreenComposer {
    /// The last lines of kioskd's log, newest at the bottom, scrolled back by Older and Newer;
    /// Restart kioskd, which asks first.
    mutating func composeLog() {
        composeTitle(DiagnosticsText.logTitle(language))
        let technician = state.technician
        let lines = technician.facts?.logLines ?? []
        let buttonsTop: Int
        if technician.confirmingRestart {
            buttonsTop = addDiagnosticButtons(
                [(DiagnosticsText.yesRestart(language), .confirmRestart(true)), (DiagnosticsText.cancel(language), .confirmRestart(false))],
                columns: 2)
            addText(
                DiagnosticsText.restartConfirm(language), .bold, px(44), minimum: px(24), maxLines: 1,
                in: Rect(x: (diagnosticsSide ?? geometry.content).x, y: buttonsTop - px(100), width: (diagnosticsSide ?? geometry.content).width, height: px(90)),
                align: .center, color: Theme.warning)
        } else {
            let offset = min(technician.logOffset, max(0, lines.count - 1))
            var disabled: Set<Action> = []
            if offset + 1 >= lines.count { disabled.insert(.scrollLog(older: true)) }
            if offset == 0 { disabled.insert(.scrollLog(older: false)) }
            buttonsTop = addDiagnosticButtons(
                [
                    (DiagnosticsText.olderLines(language), .scrollLog(older: true)),
                    (DiagnosticsText.newerLines(language), .scrollLog(older: false)),
                    (DiagnosticsText.restart(language), .restartKioskd),
                    (DiagnosticsText.backToOverview(language), .openDiagnostics(.overview)),
                ], columns: 2,
                disabled: disabled)
        }
        let content = diagnosticsMain
        let bottom = diagnosticsMainBottom(buttonsTop: buttonsTop) - (technician.confirmingRestart && diagnosticsSide == nil ? px(100) : 0)
        let panel = Rect(x: content.x, y: content.y, width: content.width, height: bottom - content.y)
        plan.paints.append(.box(panel, Theme.panel, radius: geometry.cornerRadius))
        let inner = panel.inset(by: px(16))
        let rowHeight = px(58)
        let rows = max(1, inner.height / rowHeight)
        let end = max(0, lines.count - min(technician.logOffset, max(0, lines.count - 1)))
        let shown = lines[max(0, end - rows)..<end]
        if shown.isEmpty {
            addText(DiagnosticsText.noLogLines(language), .regular, px(30), minimum: px(18), maxLines: 1, in: inner, color: Theme.secondaryText)
        }
        for (index, line) in shown.enumerated() {
            addText(
                line, .regular, px(24), minimum: px(16), maxLines: 2,
                in: Rect(x: inner.x, y: inner.y + index * rowHeight, width: inner.width, height: rowHeight),
                color: line.contains(" error: ") ? Theme.warning : Theme.title)
        }
        addTechnicianExit()
    }
}
