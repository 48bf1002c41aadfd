import KioskCore

extension ScreenComposer {
    /// The technician's screens, under the same header as the citizen's (with the ID | EN switch).
    mutating func composeDiagnostics(_ screen: DiagnosticsScreen) {
        switch screen {
        case .pinPad: composePINPad()
        case .overview: composeOverview()
        case .printer: composePrinter()
        case .scanner: composeScanner()
        case .touch: composeTouch()
        case .touchTargets: composeTouchTargets()
        case .calibration: composeCalibration()
        case .network: composeNetwork()
        case .log: composeLog()
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
        addDiagnosticRows(rows, rowHeight: 88)
        addDiagnosticButtons(
            [
                (DiagnosticsText.printerTitle(language), .openDiagnostics(.printer)),
                (DiagnosticsText.scannerTitle(language), .openDiagnostics(.scanner)),
                (DiagnosticsText.touchTitle(language), .openDiagnostics(.touch)),
                (DiagnosticsText.networkTitle(language), .openDiagnostics(.network)),
                (DiagnosticsText.logTitle(language), .openDiagnostics(.log)),
            ], columns: 2)
        addTechnicianExit()
    }

    /// The printer's condition with its reason, paper left, and the test page and new roll buttons.
    mutating func composePrinter() {
        composeTitle(DiagnosticsText.printerTitle(language))
        let level = DiagnosticsFacts.level(of: state.printer)
        let paper = state.technician.facts?.paperLeftMillimetres.map { "\($0 / 10) cm" }
        addDiagnosticRows([
            (
                DiagnosticsText.condition(language),
                levelWord(level) + " · " + DiagnosticsFacts.words(for: state.printer)(language), levelColor(level)
            ),
            (DiagnosticsText.paperLeft(language), paper ?? DiagnosticsText.paperNotCounted(language), Theme.title),
        ] + noteRow(state.technician.note))
        addDiagnosticButtons([
            (DiagnosticsText.testPage(language), .printTestPage), (DiagnosticsText.cutTest(language), .cutTest),
            (DiagnosticsText.newRoll(language), .newPaperRoll),
            (DiagnosticsText.backToOverview(language), .openDiagnostics(.overview)),
        ])
        addTechnicianExit()
    }

    /// The last code scanned, escaped, with its length, kind, time and symbology.
    mutating func composeScanner() {
        composeTitle(DiagnosticsText.scannerTitle(language))
        let scan = state.technician.lastScan
        let none = DiagnosticsText.noScanYet(language)
        addDiagnosticRows([
            ("", DiagnosticsText.scanHelp(language), Theme.secondaryText),
            (DiagnosticsText.lastCode(language), scan?.escaped ?? none, Theme.title),
            (DiagnosticsText.codeLength(language), scan.map { "\($0.length) bytes" } ?? none, Theme.title),
            (DiagnosticsText.codeKind(language), scan?.kind ?? none, Theme.title),
            (DiagnosticsText.scannedAt(language), scan.map { clockText($0.at) } ?? none, Theme.title),
            (DiagnosticsText.symbology(language), DiagnosticsText.symbologyUnknown(language), Theme.title),
        ])
        addDiagnosticButtons([(DiagnosticsText.backToOverview(language), .openDiagnostics(.overview))])
        addTechnicianExit()
    }

    /// Buttons stacked upwards from just above the footer (or from `bottom`), the first on top: in `columns` columns,
    /// rows 130 design pixels high (110 with more than one column); in landscape without `bottom`, one column in
    /// ``diagnosticsSide``. Returns the top of the first row. A disabled button is greyed and takes no touch.
    @discardableResult
    mutating func addDiagnosticButtons(
        _ buttons: [(label: String, action: Action)], columns: Int = 1, disabled: Set<Action> = [], bottom: Int? = nil
    ) -> Int {
        let gap = geometry.gap
        var frames: [Rect]
        if bottom == nil, let side = diagnosticsSide {
            let height = min(px(110), (side.height + gap) / max(1, buttons.count) - gap)
            let top = side.maxY - buttons.count * (height + gap) + gap
            frames = buttons.indices.map { Rect(x: side.x, y: top + $0 * (height + gap), width: side.width, height: height) }
        } else {
            let content = geometry.content
            let height = px(columns > 1 ? 110 : 130)
            let rows = (buttons.count + columns - 1) / max(1, columns)
            let width = (content.width - (columns - 1) * gap) / max(1, columns)
            let top = (bottom ?? content.maxY) - rows * (height + gap)
            frames = buttons.indices.map {
                Rect(x: content.x + $0 % columns * (width + gap), y: top + $0 / columns * (height + gap), width: width, height: height)
            }
        }
        for ((label, action), frame) in zip(buttons, frames) {
            let enabled = !disabled.contains(action)
            addButton(frame, action, enabled: enabled)
            addText(
                label, .bold, px(columns > 1 ? 40 : 44), minimum: px(24), maxLines: 1, in: frame.inset(by: px(16)),
                align: .center, color: enabled ? Theme.buttonText : Theme.disabledText)
        }
        return frames.first?.y ?? geometry.content.maxY
    }

    /// In landscape, the right-hand column of the content area where a diagnostics screen's buttons go (the facts
    /// would not fit above them); nil in portrait, where the buttons go under the facts.
    var diagnosticsSide: Rect? {
        guard !geometry.isPortrait else { return nil }
        let content = geometry.content
        let width = content.width * 36 / 100
        return Rect(x: content.maxX - width, y: content.y, width: width, height: content.height)
    }

    /// The room for a diagnostics screen's facts, panels and lists: the content area, less ``diagnosticsSide``.
    var diagnosticsMain: Rect {
        let content = geometry.content
        guard let side = diagnosticsSide else { return content }
        return Rect(x: content.x, y: content.y, width: side.x - geometry.gap - content.x, height: content.height)
    }

    /// Where ``diagnosticsMain``'s panels end when the buttons begin at `buttonsTop`.
    func diagnosticsMainBottom(buttonsTop: Int) -> Int {
        diagnosticsSide == nil ? buttonsTop - geometry.gap : diagnosticsMain.maxY
    }

    /// A row for `note` (what the last request came to), or none.
    func noteRow(_ note: DiagnosticsNote?) -> [(label: String, value: String, color: Color)] {
        note.map { [("", $0(language), $0.isProblem ? Theme.warning : Theme.success)] } ?? []
    }

    func levelWord(_ level: DeviceLevel) -> String {
        switch level {
        case .ok: DiagnosticsText.deviceOK(language)
        case .warning: DiagnosticsText.deviceWarning(language)
        case .fault: DiagnosticsText.deviceFault(language)
        }
    }

    func levelColor(_ level: DeviceLevel) -> Color {
        switch level {
        case .ok: Theme.success
        case .warning: Theme.disabledStatus
        case .fault: Theme.warning
        }
    }

    /// Label and value lines from the top of ``diagnosticsMain``, one per row, squeezed (to 48 design pixels at
    /// least) when they would not all fit, as in landscape.
    mutating func addDiagnosticRows(_ rows: [(label: String, value: String, color: Color)], rowHeight designHeight: Double = 96) {
        let content = diagnosticsMain
        let rowHeight = max(px(48), min(px(designHeight), content.height / max(1, rows.count)))
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
