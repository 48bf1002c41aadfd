import KioskCore

extension ScreenComposer {
    /// The technician's PIN pad: the digits typed as dots, why the last attempt failed (or until
    /// when the pad is locked), a 3 × 4 keypad, and Exit.
    mutating func composePINPad() {
        let session = state.technician
        let locked = session.isLocked(at: now)
        composeTitle(DiagnosticsText.pinTitle(language))
        // In landscape the keypad takes the right-hand column (keys big enough), the rest the left.
        let content = diagnosticsMain
        let lineHeight = px(90)
        addText(
            DiagnosticsText.pinHelp(language), .regular, px(40), minimum: px(24), maxLines: 1,
            in: Rect(x: content.x, y: content.y, width: content.width, height: lineHeight), align: .center,
            color: Theme.secondaryText)
        let dotsBox = Rect(x: content.x, y: content.y + lineHeight, width: content.width, height: px(120))
        plan.paints.append(.box(dotsBox, Theme.panel, radius: geometry.cornerRadius))
        let dots = String(repeating: "● ", count: session.digits.count).trimmingSuffixSpace
        addText(dots, .bold, px(64), minimum: px(32), maxLines: 1, in: dotsBox, align: .center, color: Theme.title)
        let messageBox = Rect(x: content.x, y: dotsBox.maxY + px(10), width: content.width, height: px(110))
        if let message = session.message {
            let values = [
                "count": String(session.wrongInARow), "limit": String(settings.diagnostics.wrongPINsBeforeLockout),
                "time": session.lockedUntil.map { LocalTime($0, zone: settings.timeZone).timeText } ?? "",
            ]
            addText(
                message(language, values), .bold, px(38), minimum: px(22), maxLines: 2, in: messageBox, align: .center,
                color: message == .pinChecking ? Theme.secondaryText : Theme.warning)
        }
        let keypad = diagnosticsSide ?? Rect(
            x: content.x, y: messageBox.maxY + px(10), width: content.width,
            height: content.maxY - messageBox.maxY - px(10))
        let labels: [(String, Action)] =
            (1...9).map { (String($0), Action.pinDigit(UInt8($0))) }
            + [(DiagnosticsText.erase(language), .pinErase), ("0", .pinDigit(0)), (DiagnosticsText.enter(language), .pinEnter)]
        let gap = geometry.gap
        let keyWidth = min(px(300), (keypad.width - 2 * gap) / 3)
        let keyHeight = min(px(170), (keypad.height - 3 * gap) / 4)
        let left = keypad.x + (keypad.width - 3 * keyWidth - 2 * gap) / 2
        for (index, (label, action)) in labels.enumerated() {
            let frame = Rect(
                x: left + (index % 3) * (keyWidth + gap), y: keypad.y + (index / 3) * (keyHeight + gap), width: keyWidth,
                height: keyHeight)
            let enabled = !locked && session.checking == nil
            addButton(frame, action, enabled: enabled)
            addText(
                label, .bold, px(action == .pinEnter || action == .pinErase ? 40 : 60), minimum: px(22), maxLines: 1,
                in: frame.inset(by: px(12)), align: .center, color: enabled ? Theme.buttonText : Theme.disabledText)
        }
        addTechnicianExit()
    }

    /// "Keluar / Exit" where Back is on the citizen's screens.
    mutating func addTechnicianExit() {
        addNavigationButton(geometry.backButton, .leaveDiagnostics, text: DiagnosticsText.exit(language))
    }
}

extension String {
    fileprivate var trimmingSuffixSpace: String { hasSuffix(" ") ? String(dropLast()) : self }
}
