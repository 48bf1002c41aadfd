import KioskCore

extension ScreenComposer {
    /// Mall name, bilingual welcome and "touch to take a number", the local date and time, and
    /// the SAMPLE marker for demonstration catalogues. The whole screen is one `.start` button.
    mutating func composeAttract() {
        plan.buttons.append(.init(frame: geometry.bounds, action: .start))
        let header = geometry.header
        plan.paints.append(.box(header, Theme.header, radius: 0))
        addText(
            mallName.indonesian, .bold, px(50), minimum: px(30), maxLines: 1, in: header.inset(by: geometry.margin / 2),
            align: .center, color: Theme.headerText)

        let margin = geometry.margin
        let bottomStrip = px(isSample ? 150 : 80)
        let area = Rect(
            x: margin, y: header.maxY + px(40), width: geometry.width - 2 * margin,
            height: geometry.height - header.maxY - px(40) - bottomStrip)
        if geometry.isPortrait {
            let welcome = Rect(x: area.x, y: area.y, width: area.width, height: area.height * 22 / 100)
            let prompt = Rect(
                x: area.x, y: area.y + area.height * 25 / 100, width: area.width, height: area.height * 40 / 100)
            let clock = Rect(
                x: area.x, y: area.y + area.height * 68 / 100, width: area.width, height: area.height * 32 / 100)
            composeWelcome(in: welcome)
            composePrompt(in: prompt)
            composeClock(in: clock)
        } else {
            let columnWidth = (area.width - geometry.gap * 2) / 2
            let left = Rect(x: area.x, y: area.y, width: columnWidth, height: area.height)
            let prompt = Rect(x: area.maxX - columnWidth, y: area.y, width: columnWidth, height: area.height)
            composeWelcome(in: Rect(x: left.x, y: left.y, width: left.width, height: left.height * 42 / 100))
            composeClock(
                in: Rect(
                    x: left.x, y: left.y + left.height * 48 / 100, width: left.width, height: left.height * 52 / 100))
            composePrompt(in: prompt)
        }
        composeAttractFooter(top: geometry.height - bottomStrip)
    }

    private var isSample: Bool { settings.catalogue.isSample }

    private mutating func composeWelcome(in box: Rect) {
        addBilingual(
            .attractTitle, in: box, sizes: (110, 56), align: .center, colors: (Theme.title, Theme.secondaryText))
    }

    /// The big blue panel that invites a touch; when no service takes tickets, a panel that says why
    /// (the holiday's name) and when the building opens next, in both languages.
    private mutating func composePrompt(in box: Rect) {
        if let closed = state.closedBuilding(now: now, settings: settings) {
            plan.paints.append(.box(box, Theme.panel, radius: px(36)))
            let availability = Availability.closed(closed.reason ?? .outsideHours, next: closed.next)
            let today = CalendarDate(localTime)
            let inner = box.inset(by: px(48))
            let indonesian = fitted(
                Translations.availabilityText(availability, today: today, .indonesian) ?? "", .bold, px(64), minimum: px(30),
                maxLines: 4, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height * 60 / 100))
            let english = fitted(
                Translations.availabilityText(availability, today: today, .english) ?? "", .regular,
                min(px(44), indonesian.style.size * 2 / 3), minimum: px(22), maxLines: 3,
                in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height * 36 / 100))
            addStack([(indonesian, Theme.warning), (english, Theme.secondaryText)], spacing: px(24), in: inner, align: .center)
            return
        }
        plan.paints.append(.box(box, Theme.button, radius: px(36)))
        addBilingual(
            .attractPrompt, in: box.inset(by: px(48)), sizes: (78, 48), align: .center,
            colors: (Theme.buttonText, Theme.buttonSecondaryText), maxLines: 4)
    }

    /// "10:15 WITA" large, the date below.
    private mutating func composeClock(in box: Rect) {
        let time = localTime.timeText
        let zone = " " + settings.timeZone.abbreviation
        // The zone, at 30% of the time's size, takes about a fifth of the line.
        let timeBox = Rect(x: box.x, y: box.y, width: box.width * 78 / 100, height: box.height * 70 / 100)
        let timeBlock = fitted(time, .bold, px(170), minimum: px(40), maxLines: 1, in: timeBox)
        let zoneStyle = TextStyle(face: .regular, size: timeBlock.style.size * 3 / 10)
        let date = fitted(localTime.dateText, .regular, px(56), minimum: px(24), maxLines: 1, in: box)
        let spacing = px(12)
        let top = box.y + (box.height - timeBlock.height - spacing - date.height) / 2
        let timeWidth = typesetter.width(time, timeBlock.style)
        let zoneWidth = typesetter.width(zone, zoneStyle)
        let x = box.x + (box.width - timeWidth - zoneWidth) / 2
        let baseline = top + timeBlock.ascent
        plan.paints.append(.text(time, timeBlock.style, x: x, baseline: baseline, Theme.title))
        plan.paints.append(.text(zone, zoneStyle, x: x + timeWidth, baseline: baseline, Theme.secondaryText))
        addLines(date, top: top + timeBlock.height + spacing, in: box, align: .center, color: Theme.secondaryText)
    }

    /// The SAMPLE band (when the catalogue is a demonstration one) and the kiosk's id.
    private mutating func composeAttractFooter(top: Int) {
        let margin = geometry.margin
        let idLine = Rect(x: margin, y: geometry.height - px(60), width: geometry.width - 2 * margin, height: px(44))
        let kiosk = Translations.text(.ticketKiosk, .indonesian) + " " + kioskID
        let style = TextStyle(face: .regular, size: px(26))
        let kioskWidth = min(idLine.width, typesetter.width(kiosk, style))
        addLines(
            [typesetter.ellipsize(kiosk, style, width: idLine.width)], style,
            in: Rect(x: idLine.maxX - kioskWidth, y: idLine.y, width: kioskWidth, height: idLine.height),
            align: .leading, color: Theme.secondaryText)
        guard isSample else { return }
        let band = Rect(x: margin, y: top + px(10), width: geometry.width - 2 * margin, height: px(72))
        plan.paints.append(.box(band, Theme.sampleBand, radius: px(12)))
        let entry = Translations.entry(.sampleCatalogue)
        addText(
            entry(.indonesian) + "  ·  " + entry(.english), .bold, px(30), minimum: px(16), maxLines: 1,
            in: band.inset(by: px(12)), align: .center, color: Theme.sampleText)
    }
}
