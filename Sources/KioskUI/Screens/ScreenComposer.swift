import KioskCore

/// Builds the ``ScreenPlan`` of one state: the shared chrome (header, footer buttons, page
/// indicator) and the text-fitting helpers every screen uses. The screens themselves are in
/// the `ScreenComposer+…` files.
struct ScreenComposer {
    let geometry: ScreenGeometry
    let typesetter: Typesetter
    let mallName: LocalizedText
    let kioskID: String
    let state: KioskState
    let settings: FlowSettings
    let now: Timestamp
    var plan = ScreenPlan()

    var language: Language { state.language }
    var localTime: LocalTime { LocalTime(now, zone: settings.timeZone) }

    /// The whole plan for `state.screen`.
    mutating func compose() -> ScreenPlan {
        switch state.screen {
        case .home:
            composeHeader(languageSwitch: true)
            composeHome()
        case .agencies(let page):
            composeHeader(languageSwitch: true)
            composeAgencies(page: page)
        case .category(let index):
            composeHeader(languageSwitch: true)
            composeCategory(index)
        case .letter(let letter):
            composeHeader(languageSwitch: true)
            composeLetter(letter)
        case .services(let agencyID, let page):
            composeHeader(languageSwitch: true)
            composeServices(of: agencyID, page: page)
        case .ticket(let ticket, let printState):
            composeHeader()
            composeTicket(ticket, printState)
        case .notice(let key, _):
            composeHeader(languageSwitch: true)
            composeNotice(key)
        case .unavailable(let serviceID):
            composeHeader(languageSwitch: true)
            composeUnavailable(serviceID)
        case .priorityChoice:
            composeHeader(languageSwitch: true)
            composeScanning()
        case .checking, .booking, .ticketStatus, .scanNotice:
            composeHeader()
            composeScanning()
        case .survey(let step):
            composeHeader(languageSwitch: true)
            composeSurvey(step)
        case .outOfService(let reason):
            composeOutOfService(reason: reason)
        case .diagnostics(let screen):
            composeHeader(languageSwitch: true)
            composeDiagnostics(screen)
        }
        if let left = state.idlePromptLeft { composeIdlePrompt(secondsLeft: left) }
        return plan
    }

    func text(_ key: TextKey, _ values: [String: String] = [:]) -> String {
        Translations.text(key, language, values)
    }

    func px(_ designPixels: Double) -> Int { geometry.px(designPixels) }

    // MARK: Chrome

    /// The deep blue band: the mall's name on the left, the local time on the right, and after it
    /// the ID | EN switch where the citizen may change language.
    mutating func composeHeader(languageSwitch: Bool = false) {
        let header = geometry.header
        plan.paints.append(.box(header, Theme.header, radius: 0))
        var inner = Rect(
            x: geometry.margin, y: header.y, width: header.width - 2 * geometry.margin, height: header.height)
        if languageSwitch {
            let switchWidth = addLanguageSwitch(right: inner.maxX)
            inner = Rect(x: inner.x, y: inner.y, width: inner.width - switchWidth - geometry.gap, height: inner.height)
        }
        let clock = localTime.timeText + " " + settings.timeZone.abbreviation
        let clockStyle = TextStyle(face: .regular, size: px(38))
        let clockWidth = typesetter.width(clock, clockStyle)
        addLines(
            [clock], clockStyle,
            in: Rect(x: inner.maxX - clockWidth, y: inner.y, width: clockWidth, height: inner.height),
            align: .leading, color: Theme.headerDetail)
        let nameBox = Rect(x: inner.x, y: inner.y, width: inner.width - clockWidth - geometry.gap, height: inner.height)
        addText(mallName(language), .bold, px(46), minimum: px(30), maxLines: 1, in: nameBox, color: Theme.headerText)
    }

    /// "ID" and "EN" side by side, the citizen's language filled; returns their width.
    private mutating func addLanguageSwitch(right: Int) -> Int {
        let header = geometry.header
        let size = Rect(x: 0, y: 0, width: px(120), height: header.height - 2 * px(10))
        let languages: [(Language, String)] = [(.indonesian, "ID"), (.english, "EN")]
        let total = languages.count * size.width + px(10)
        for (index, (language, label)) in languages.enumerated() {
            let frame = Rect(
                x: right - total + index * (size.width + px(10)), y: header.y + px(10), width: size.width, height: size.height)
            let chosen = language == state.language
            plan.buttons.append(.init(frame: frame, action: .chooseLanguage(language)))
            plan.paints.append(.box(frame, Theme.headerText, radius: geometry.cornerRadius))
            if !chosen {
                plan.paints.append(.box(frame.inset(by: max(2, px(4))), Theme.header, radius: geometry.cornerRadius - max(2, px(4))))
            }
            addText(
                label, .bold, px(44), minimum: px(24), maxLines: 1, in: frame.inset(by: px(8)), align: .center,
                color: chosen ? Theme.navigationText : Theme.headerText)
        }
        return total
    }

    /// A one-line title, left-aligned in the title band.
    mutating func composeTitle(_ title: String) {
        addText(title, .bold, px(64), minimum: px(36), maxLines: 2, in: geometry.title, color: Theme.title)
    }

    /// White button with a blue outline, for Back, Previous and Next.
    mutating func addNavigationButton(_ frame: Rect, _ action: Action, label: TextKey) {
        addNavigationButton(frame, action, text: text(label))
    }

    /// The same with its label given as text.
    mutating func addNavigationButton(_ frame: Rect, _ action: Action, text label: String) {
        let border = max(2, px(4))
        plan.buttons.append(.init(frame: frame, action: action))
        plan.paints.append(.box(frame, Theme.navigationText, radius: geometry.cornerRadius))
        plan.paints.append(.box(frame.inset(by: border), Theme.navigation, radius: geometry.cornerRadius - border))
        addText(
            label, .bold, px(40), minimum: px(24), maxLines: 1, in: frame.inset(by: px(16)), align: .center,
            color: Theme.navigationText)
    }

    mutating func addBackButton() { addNavigationButton(geometry.backButton, .back, label: .back) }

    /// Previous/Next for `page` of `pages`, each only when there is a page to go to, and "Page 1 of 3".
    /// They are light blue, borderless and carry ‹ › so they never look like Back.
    mutating func addPaging(page: Int, pages: Int) {
        guard pages > 1 else { return }
        for (show, frame, action, label) in [
            (page > 0, geometry.previousButton, Action.previousPage, TextKey.previous),
            (page < pages - 1, geometry.nextButton, .nextPage, .next),
        ] where show {
            plan.buttons.append(.init(frame: frame, action: action))
            plan.paints.append(.box(frame, Theme.paging, radius: geometry.cornerRadius))
            addText(
                text(label), .bold, px(40), minimum: px(24), maxLines: 1, in: frame.inset(by: px(16)), align: .center,
                color: Theme.navigationText)
        }
        addText(
            text(.pageOf, ["page": String(page + 1), "pages": String(pages)]), .regular, px(38), minimum: px(22),
            maxLines: 1, in: geometry.pageIndicator, align: .center, color: Theme.secondaryText)
    }

    /// A filled button whose label the caller adds.
    mutating func addButton(_ frame: Rect, _ action: Action, enabled: Bool) {
        plan.buttons.append(.init(frame: frame, action: action, enabled: enabled))
        plan.paints.append(.box(frame, enabled ? Theme.button : Theme.disabled, radius: geometry.cornerRadius))
    }

    // MARK: Text

    enum Alignment { case leading, center }

    /// Fits `string` into `box` (shrinking from `size` to `minimum`, wrapping to `maxLines`,
    /// ellipsizing what still does not fit), centred vertically; returns the block it placed.
    @discardableResult
    mutating func addText(
        _ string: String, _ face: Typeface, _ size: Int, minimum: Int, maxLines: Int, in box: Rect,
        align: Alignment = .leading, color: Color
    ) -> TextBlock {
        let block = fitted(string, face, size, minimum: minimum, maxLines: maxLines, in: box)
        addLines(block, top: box.y + (box.height - block.height) / 2, in: box, align: align, color: color)
        return block
    }

    func fitted(_ string: String, _ face: Typeface, _ size: Int, minimum: Int, maxLines: Int, in box: Rect) -> TextBlock
    {
        typesetter.fit(
            string, face, preferred: size, minimum: minimum, width: box.width, height: box.height, maxLines: maxLines)
    }

    /// Places `block` with its first line's top at `top`.
    mutating func addLines(_ block: TextBlock, top: Int, in box: Rect, align: Alignment, color: Color) {
        for (index, line) in block.lines.enumerated() {
            let x: Int
            switch align {
            case .leading: x = box.x
            case .center: x = box.x + (box.width - typesetter.width(line, block.style)) / 2
            }
            plan.paints.append(
                .text(line, block.style, x: x, baseline: top + block.ascent + index * block.lineHeight, color))
        }
    }

    /// Places `lines` as they are, centred vertically in `box`.
    mutating func addLines(_ lines: [String], _ style: TextStyle, in box: Rect, align: Alignment, color: Color) {
        let font = typesetter.font(style.face)
        let block = TextBlock(
            lines: lines, style: style, lineHeight: typesetter.lineHeight(style),
            ascent: font.ascent(pixelSize: style.size))
        addLines(block, top: box.y + (box.height - block.height) / 2, in: box, align: align, color: color)
    }

    /// Stacks blocks top to bottom with `spacing` between them, the stack centred vertically in `box`.
    mutating func addStack(
        _ blocks: [(TextBlock, Color)], spacing: Int, in box: Rect, align: Alignment
    ) {
        let total = blocks.reduce(0) { $0 + $1.0.height } + spacing * max(0, blocks.count - 1)
        var top = box.y + (box.height - total) / 2
        for (block, color) in blocks {
            addLines(block, top: top, in: box, align: align, color: color)
            top += block.height + spacing
        }
    }

    /// Indonesian large over English smaller, for text shown before a language is chosen.
    mutating func addBilingual(
        _ key: TextKey, in box: Rect, sizes: (Double, Double), align: Alignment, colors: (Color, Color),
        maxLines: Int = 2
    ) {
        let entry = Translations.entry(key)
        let primaryBox = Rect(x: box.x, y: box.y, width: box.width, height: box.height * 60 / 100)
        let secondaryBox = Rect(x: box.x, y: box.y, width: box.width, height: box.height * 34 / 100)
        let primary = fitted(
            entry(.indonesian), .bold, px(sizes.0), minimum: px(sizes.0 / 2), maxLines: maxLines, in: primaryBox)
        // English stays smaller than Indonesian, however far the Indonesian had to shrink.
        let secondarySize = min(px(sizes.1), primary.style.size * 2 / 3)
        let secondary = fitted(
            entry(.english), .regular, secondarySize, minimum: secondarySize / 2, maxLines: maxLines, in: secondaryBox)
        addStack([(primary, colors.0), (secondary, colors.1)], spacing: box.height * 4 / 100, in: box, align: align)
    }
}
