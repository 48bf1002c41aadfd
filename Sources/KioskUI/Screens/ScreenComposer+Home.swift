import KioskCore

extension ScreenComposer {
    /// The first screen: "Pilih instansi / Choose an agency" and "Prioritas" over every agency
    /// by its short name (or the categories, or the first page, when they do not all fit). When no
    /// service takes tickets, or no number can be given, a panel says so in both languages instead.
    mutating func composeHome() {
        let area = geometry.agencyArea
        let closed = state.closedBuilding(now: now, settings: settings)
        let printerDown = !state.printer.canPrint && !settings.allowScreenOnlyTickets
        // A linked kiosk whose server does not answer and that has no lease nor mark to number offline.
        let noNumber = settings.linked && state.link.cannotNumber
        // No Prioritas where nothing can be chosen.
        composeChoiceTitle(
            .chooseAgency, in: closed == nil && !printerDown && !noNumber ? addPriorityButton(in: geometry.title) : geometry.title)
        // A linked kiosk's one way into the survey, at the footer's left end, open also when no ticket can be taken.
        if settings.linked { addSurveyButton(geometry.backButton) }
        if let closed {
            composeClosedPanel(closed, in: area)
        } else if printerDown || noNumber {
            composeBilingualPanel(printerDown ? .printerDown : .noNumberOffline, in: area)
        } else {
            var grid = area
            if !state.printer.canPrint {
                // Numbers may still be given, on screen only: say so before anyone chooses.
                let band = Rect(x: area.x, y: area.y, width: area.width, height: px(110))
                composeBilingualPanel(.printerDownNumberOnScreen, in: band)
                grid = Rect(x: area.x, y: band.maxY + geometry.gap, width: area.width, height: area.maxY - band.maxY - geometry.gap)
            }
            grid = addLetterIndex(in: grid)
            if settings.homeShowsCategories {
                let names = settings.catalogue.categories.map { $0.name(language) }
                for (index, frame) in geometry.agencyCells(count: names.count, in: grid).enumerated() {
                    addChoiceButton(frame, .chooseCategory(index), label: names[index])
                }
            } else {
                addAgencyButtons(Array(settings.catalogue.agencies.prefix(settings.agenciesPerPage)), in: grid)
                let pages = FlowSettings.pageCount(settings.catalogue.agencies.count, perPage: settings.agenciesPerPage)
                addPaging(page: 0, pages: pages)
                if pages > 1 { return }
            }
        }
        composeHomeFooter()
    }

    /// A later page of the agency choice.
    mutating func composeAgencies(page requested: Int) {
        let titleBox = addPriorityButton(in: geometry.title)
        composeChoiceTitle(.chooseAgency, in: titleBox)
        let agencies = settings.catalogue.agencies
        let (page, pages, onPage) = slice(agencies, page: requested, perPage: settings.agenciesPerPage)
        addAgencyButtons(onPage, in: geometry.agencyArea)
        addBackButton()
        addPaging(page: page, pages: pages)
    }

    /// The agencies of one category.
    mutating func composeCategory(_ index: Int) {
        let titleBox = addPriorityButton(in: geometry.title)
        let name = settings.catalogue.categories.indices.contains(index) ? settings.catalogue.categories[index].name(language) : ""
        addText(name, .bold, px(64), minimum: px(36), maxLines: 2, in: titleBox, color: Theme.title)
        addAgencyButtons(settings.catalogue.agencies(inCategory: index), in: geometry.agencyArea)
        addBackButton()
    }

    /// The agencies filed under one letter of the index.
    mutating func composeLetter(_ letter: Character) {
        let titleBox = addPriorityButton(in: geometry.title)
        addText(Translations.letterTitle(letter, language), .bold, px(64), minimum: px(36), maxLines: 2, in: titleBox, color: Theme.title)
        addAgencyButtons(settings.catalogue.agencies(startingWith: letter, language), in: geometry.agencyArea)
        addBackButton()
    }

    /// The letter index's keys (only letters some agency starts with) across the top of `area`, in
    /// the paging colour so they never look like an agency; returns what is left below them.
    private mutating func addLetterIndex(in area: Rect) -> Rect {
        let letters = settings.catalogue.agencyLetters(language)
        let (keys, rest) = geometry.letterIndex(count: letters.count, in: area)
        for (letter, frame) in zip(letters, keys) {
            plan.buttons.append(.init(frame: frame, action: .chooseLetter(letter)))
            plan.paints.append(.box(frame, Theme.paging, radius: geometry.cornerRadius))
            addText(
                String(letter), .bold, px(44), minimum: px(24), maxLines: 1, in: frame.inset(by: px(8)), align: .center,
                color: Theme.navigationText)
        }
        return rest
    }

    /// A title in the citizen's language, or in both before they chose one.
    mutating func composeChoiceTitle(_ key: TextKey, in box: Rect) {
        if state.languageChosen {
            addText(text(key), .bold, px(64), minimum: px(36), maxLines: 2, in: box, color: Theme.title)
        } else {
            addBilingual(key, in: box, sizes: (60, 40), align: .leading, colors: (Theme.title, Theme.secondaryText), maxLines: 1)
        }
    }

    private mutating func addAgencyButtons(_ agencies: [Agency], in area: Rect) {
        for (agency, frame) in zip(agencies, geometry.agencyCells(count: agencies.count, in: area)) {
            addChoiceButton(frame, .chooseAgency(agency.id), label: agency.shortName(language))
        }
    }

    private mutating func addChoiceButton(_ frame: Rect, _ action: Action, label: String) {
        addButton(frame, action, enabled: true)
        addText(
            label, .bold, px(34), minimum: px(24), maxLines: 2, in: frame.inset(by: px(12)), align: .center,
            color: Theme.buttonText)
    }

    /// Why no service takes tickets (the holiday's name) and when the building opens, in both languages.
    private mutating func composeClosedPanel(_ closed: (reason: ClosedReason?, next: Opening?), in box: Rect) {
        plan.paints.append(.box(box, Theme.panel, radius: px(36)))
        let availability = Availability.closed(closed.reason ?? .outsideHours, next: closed.next)
        let today = CalendarDate(localTime)
        let inner = box.inset(by: px(48))
        let indonesian = fitted(
            Translations.availabilityText(availability, today: today, .indonesian) ?? "", .bold, px(64), minimum: px(30),
            maxLines: 4, in: sized(inner, 60))
        let english = fitted(
            Translations.availabilityText(availability, today: today, .english) ?? "", .regular,
            min(px(44), indonesian.style.size * 2 / 3), minimum: px(22), maxLines: 3, in: sized(inner, 36))
        addStack([(indonesian, Theme.warning), (english, Theme.secondaryText)], spacing: px(24), in: inner, align: .center)
    }

    /// The speech guidance's spot (the footer strip), marked small at its left in both languages, white
    /// on the header's blue; returns where the footer continues.
    private mutating func composeSpeechMark(in footer: Rect) -> Int {
        let entry = Translations.entry(.speechMark)
        let style = TextStyle(face: .bold, size: px(24))
        let width = min(
            footer.width / 3, max(typesetter.width(entry(.indonesian), style), typesetter.width(entry(.english), style)) + px(32))
        let mark = Rect(x: footer.x, y: footer.y + (footer.height - px(80)) / 2, width: width, height: px(80))
        plan.paints.append(.box(mark, Theme.header, radius: px(12)))
        let lines = [entry(.indonesian), entry(.english)].map { typesetter.ellipsize($0, style, width: width - px(16)) }
        addLines(lines, style, in: mark, align: .center, color: Theme.headerText)
        return mark.maxX + geometry.gap
    }

    /// `key` in Indonesian over English, in a light panel.
    private mutating func composeBilingualPanel(_ key: TextKey, in box: Rect) {
        plan.paints.append(.box(box, Theme.panel, radius: px(24)))
        addBilingual(
            key, in: box.inset(by: px(16)), sizes: (44, 32), align: .center, colors: (Theme.warning, Theme.title),
            maxLines: 4)
    }

    /// The survey button (linked kiosks), the speech guidance's mark (where it has one), the SAMPLE band
    /// (for demonstration catalogues) and the kiosk's id, in the footer.
    private mutating func composeHomeFooter() {
        let footer = geometry.footer
        // A linked kiosk's survey button takes the footer's left end; the speech mark and the band follow it.
        let start = settings.linked ? geometry.backButton.maxX + geometry.gap : footer.x
        let free = Rect(x: start, y: footer.y, width: footer.maxX - start, height: footer.height)
        let left = settings.speechGuidance ? composeSpeechMark(in: free) : start
        let kiosk = text(.ticketKiosk) + " " + kioskID
        let style = TextStyle(face: .regular, size: px(26))
        let kioskWidth = min(footer.width / 3, typesetter.width(kiosk, style))
        addLines(
            [typesetter.ellipsize(kiosk, style, width: kioskWidth)], style,
            in: Rect(x: footer.maxX - kioskWidth, y: footer.y, width: kioskWidth, height: footer.height),
            align: .leading, color: Theme.secondaryText)
        guard settings.catalogue.isSample else { return }
        let band = Rect(
            x: left, y: footer.y + (footer.height - px(72)) / 2, width: footer.maxX - kioskWidth - geometry.gap - left,
            height: px(72))
        plan.paints.append(.box(band, Theme.sampleBand, radius: px(12)))
        let entry = Translations.entry(.sampleCatalogue)
        guard settings.linked else {
            addText(
                entry(.indonesian) + "  ·  " + entry(.english), .bold, px(30), minimum: px(16), maxLines: 1,
                in: band.inset(by: px(12)), align: .center, color: Theme.sampleText)
            return
        }
        // Narrower beside the survey button: one line per language.
        let inner = band.inset(by: px(6))
        for (index, language) in [Language.indonesian, .english].enumerated() {
            let line = Rect(x: inner.x, y: inner.y + index * inner.height / 2, width: inner.width, height: inner.height / 2)
            addText(entry(language), .bold, px(26), minimum: px(14), maxLines: 1, in: line, align: .center, color: Theme.sampleText)
        }
    }
}
