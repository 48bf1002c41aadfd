import KioskCore

extension ScreenComposer {
    /// The technician's screens, under the same header as the citizen's (with the ID | EN switch).
    mutating func composeDiagnostics(_ screen: DiagnosticsScreen) {
        switch screen {
        case .pinPad: composePINPad()
        case .overview: composeOverview()
        }
    }

    /// Who is in, the kiosk and its printer, and Exit.
    mutating func composeOverview() {
        composeTitle(DiagnosticsText.overviewTitle(language))
        let rows: [(DiagnosticsText, String)] = [
            (.technician, state.technician.technician ?? "—"),
            (.kioskID, kioskID),
        ]
        addDiagnosticRows(rows.map { ($0.0(language), $0.1, Theme.title) })
        addTechnicianExit()
    }

    /// Label and value lines from the top of the content area, one per row.
    mutating func addDiagnosticRows(_ rows: [(label: String, value: String, color: Color)]) {
        let content = geometry.content
        let rowHeight = px(72)
        let labelWidth = content.width * 34 / 100
        for (index, row) in rows.enumerated() {
            let y = content.y + index * rowHeight
            guard y + rowHeight <= content.maxY else { break }
            addText(
                row.label, .bold, px(34), minimum: px(20), maxLines: 1,
                in: Rect(x: content.x, y: y, width: labelWidth - geometry.gap, height: rowHeight),
                color: Theme.secondaryText)
            addText(
                row.value, .regular, px(34), minimum: px(18), maxLines: 2,
                in: Rect(x: content.x + labelWidth, y: y, width: content.width - labelWidth, height: rowHeight),
                color: row.color)
        }
    }
}
