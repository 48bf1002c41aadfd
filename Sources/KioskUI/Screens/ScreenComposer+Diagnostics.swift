import KioskCore

extension ScreenComposer {
    /// The technician's screens, under the same header as the citizen's (with the ID | EN switch).
    mutating func composeDiagnostics(_ screen: DiagnosticsScreen) {
        switch screen {
        case .pinPad: composePINPad()
        case .overview: composeOverview()
        }
    }

    /// Who is in, the kiosk, its software, and each device as ok, warning or fault with why; Exit.
    mutating func composeOverview() {
        composeTitle(DiagnosticsText.overviewTitle(language))
        let facts = state.technician.facts
        var rows: [(String, String, Color)] = [
            (DiagnosticsText.technician(language), state.technician.technician ?? "—", Theme.title),
            (DiagnosticsText.kioskID(language), kioskID, Theme.title),
        ]
        if let facts {
            let started = LocalTime(facts.startedAt, zone: settings.timeZone)
            rows += [
                (DiagnosticsText.version(language), facts.version, Theme.title),
                (DiagnosticsText.uptime(language), started.dayKey + " " + started.timeText, Theme.title),
                (DiagnosticsText.addresses(language), facts.addresses.isEmpty ? "—" : facts.addresses.joined(separator: ", "), Theme.title),
            ]
        }
        let printer = DeviceFact(
            level: DiagnosticsFacts.level(of: state.printer), detail: DiagnosticsFacts.words(for: state.printer)(language))
        var devices: [(DiagnosticsText, DeviceFact?)] = [(.printer, printer)]
        if let facts {
            devices += [
                (.touchscreen, facts.touch), (.display, facts.display),
                (.scanner, facts.scanner ?? DeviceFact(level: .ok, detail: DiagnosticsText.noScanner(language))),
                (.server, facts.server ?? DeviceFact(level: .ok, detail: DiagnosticsText.standalone(language))),
            ]
        }
        for (name, fact) in devices {
            guard let fact else { continue }
            rows.append((name(language), levelWord(fact.level) + " · " + fact.detail, levelColor(fact.level)))
        }
        addDiagnosticRows(rows)
        addTechnicianExit()
    }

    private func levelWord(_ level: DeviceLevel) -> String {
        switch level {
        case .ok: DiagnosticsText.deviceOK(language)
        case .warning: DiagnosticsText.deviceWarning(language)
        case .fault: DiagnosticsText.deviceFault(language)
        }
    }

    private func levelColor(_ level: DeviceLevel) -> Color {
        switch level {
        case .ok: Theme.success
        case .warning: Theme.disabledStatus
        case .fault: Theme.warning
        }
    }

    /// Label and value lines from the top of the content area, one per row.
    mutating func addDiagnosticRows(_ rows: [(label: String, value: String, color: Color)]) {
        let content = geometry.content
        let rowHeight = px(96)
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
