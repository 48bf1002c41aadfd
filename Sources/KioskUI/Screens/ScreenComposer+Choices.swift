import KioskCore

extension ScreenComposer {
    /// Two big buttons, one per language, under a bilingual title.
    mutating func composeLanguageChoice() {
        let title = Rect(
            x: geometry.title.x, y: geometry.title.y, width: geometry.title.width,
            height: max(geometry.title.height, px(150)))
        addBilingual(
            .chooseLanguage, in: title, sizes: (64, 42), align: .leading, colors: (Theme.title, Theme.secondaryText),
            maxLines: 1)
        let gap = px(48)
        let content = Rect(
            x: geometry.content.x, y: title.maxY + gap, width: geometry.content.width,
            height: geometry.content.maxY - title.maxY - gap)
        let languages = Language.allCases
        let frames: [Rect]
        if geometry.isPortrait {
            let buttonHeight = min(px(260), (content.height - gap) / 2)
            let top = content.y + (content.height - 2 * buttonHeight - gap) / 2
            frames = languages.indices.map {
                Rect(x: content.x, y: top + $0 * (buttonHeight + gap), width: content.width, height: buttonHeight)
            }
        } else {
            let buttonWidth = (content.width - gap) / 2
            let buttonHeight = min(px(300), content.height)
            let top = content.y + (content.height - buttonHeight) / 2
            frames = languages.indices.map {
                Rect(x: content.x + $0 * (buttonWidth + gap), y: top, width: buttonWidth, height: buttonHeight)
            }
        }
        for (language, frame) in zip(languages, frames) {
            addButton(frame, .chooseLanguage(language), enabled: true)
            addText(
                language.endonym, .bold, px(68), minimum: px(28), maxLines: 2, in: frame.inset(by: px(24)),
                align: .center, color: Theme.buttonText)
        }
        addBackButton()
    }

    /// One page of the agency grid.
    mutating func composeAgencies(page requested: Int) {
        composeTitle(text(.chooseAgency))
        let agencies = settings.catalogue.agencies
        let (page, pages, onPage) = slice(agencies, page: requested, perPage: settings.agenciesPerPage)
        let padding = px(20)
        for (agency, frame) in zip(onPage, geometry.agencyCells(count: onPage.count)) {
            addButton(frame, .chooseAgency(agency.id), enabled: true)
            addText(
                agency.name(language), .bold, px(36), minimum: px(26), maxLines: 3,
                in: frame.inset(by: padding), align: .center, color: Theme.buttonText)
        }
        addBackButton()
        addPaging(page: page, pages: pages)
    }

    /// One page of an agency's services; closed and full services are greyed, with their status.
    mutating func composeServices(of agencyID: AgencyID, page requested: Int) {
        let agency = settings.catalogue.agency(agencyID)
        let titleBox = addPriorityButton(in: geometry.title)
        let captionHeight = titleBox.height * 32 / 100
        addText(
            text(.chooseService), .regular, px(32), minimum: px(18), maxLines: 1,
            in: Rect(x: titleBox.x, y: titleBox.y, width: titleBox.width, height: captionHeight),
            color: Theme.secondaryText)
        addText(
            agency?.name(language) ?? "", .bold, px(52), minimum: px(30), maxLines: 2,
            in: Rect(
                x: titleBox.x, y: titleBox.y + captionHeight, width: titleBox.width,
                height: titleBox.height - captionHeight),
            color: Theme.title)

        let (page, pages, onPage) = slice(agency?.services ?? [], page: requested, perPage: settings.servicesPerPage)
        for (service, frame) in zip(onPage, geometry.serviceCells(count: onPage.count)) {
            let availability = state.availability(of: service, now: now, settings: settings)
            addServiceButton(service, availability, frame)
        }
        addBackButton()
        addPaging(page: page, pages: pages)
    }

    private mutating func addServiceButton(_ service: Service, _ availability: Availability, _ frame: Rect) {
        let enabled = availability == .open
        addButton(frame, .chooseService(service.id), enabled: enabled)
        let inner = Rect(
            x: frame.x + px(32), y: frame.y + px(14), width: frame.width - px(64), height: frame.height - px(28))
        // Why it takes no ticket now, and when it does again ("Tutup: Hari Suci Nyepi · Buka lagi …").
        guard let status = Translations.availabilityText(availability, today: CalendarDate(localTime), language) else {
            addText(
                service.name(language), .bold, px(38), minimum: px(26), maxLines: 2, in: inner, color: Theme.buttonText)
            return
        }
        let statusBlock = fitted(status, .bold, px(28), minimum: px(18), maxLines: 2, in: inner)
        let nameBox = Rect(
            x: inner.x, y: inner.y, width: inner.width, height: inner.height - statusBlock.height - px(6))
        let name = fitted(service.name(language), .bold, px(38), minimum: px(26), maxLines: 2, in: nameBox)
        addStack(
            [(name, Theme.disabledText), (statusBlock, Theme.disabledStatus)], spacing: px(6), in: inner,
            align: .leading)
    }

    /// The page actually shown (clamped), the page count, and the items on it.
    private func slice<Item>(_ items: [Item], page: Int, perPage: Int) -> (page: Int, pages: Int, items: [Item]) {
        let pages = FlowSettings.pageCount(items.count, perPage: perPage)
        let page = min(max(0, page), pages - 1)
        let start = min(items.count, page * perPage)
        return (page, pages, Array(items[start..<min(items.count, start + perPage)]))
    }
}
