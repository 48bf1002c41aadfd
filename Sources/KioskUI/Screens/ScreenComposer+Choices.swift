import KioskCore

extension ScreenComposer {
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

        let services = agency.map { state.services(of: $0, now: now, settings: settings) } ?? []
        let (page, pages, onPage) = slice(services, page: requested, perPage: settings.servicesPerPage)
        for (service, frame) in zip(onPage, geometry.serviceCells(count: onPage.count)) {
            let availability = state.availability(of: service, now: now, settings: settings)
            addServiceButton(service, availability, frame)
        }
        addBackButton()
        addPaging(page: page, pages: pages)
    }

    private mutating func addServiceButton(_ service: Service, _ availability: Availability, _ frame: Rect) {
        // A closed or full service is greyed but still answers a touch: it explains itself.
        plan.buttons.append(.init(frame: frame, action: .chooseService(service.id)))
        plan.paints.append(.box(frame, availability == .open ? Theme.button : Theme.disabled, radius: geometry.cornerRadius))
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
    func slice<Item>(_ items: [Item], page: Int, perPage: Int) -> (page: Int, pages: Int, items: [Item]) {
        let pages = FlowSettings.pageCount(items.count, perPage: perPage)
        let page = min(max(0, page), pages - 1)
        let start = min(items.count, page * perPage)
        return (page, pages, Array(items[start..<min(items.count, start + perPage)]))
    }
}
