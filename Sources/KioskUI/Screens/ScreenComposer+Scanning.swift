import KioskCore

extension ScreenComposer {
    /// The screens a scan leads to, and the priority choice.
    mutating func composeScanning() {
        switch state.screen {
        case .checking(let pending):
            composeChecking(pending)
        case .booking(let booking):
            composeBooking(booking)
        case .priorityChoice:
            composePriorityChoice()
        case .ticketStatus(let ticket):
            composeTicketStatus(ticket)
        case .scanNotice(let key):
            composeScanNotice(key)
        default:
            break
        }
    }

    /// The priority button at the right of the service screen's title band (showing the choice
    /// once made); returns what is left of `title` for the agency name.
    mutating func addPriorityButton(in title: Rect) -> Rect {
        let width = px(geometry.isPortrait ? 320 : 380)
        let frame = Rect(x: title.maxX - width, y: title.y + px(4), width: width, height: title.height - px(8))
        let label: String
        if let priority = state.priority {
            addButton(frame, .askPriority, enabled: true)
            label = text(.priorityChosen, ["priority": text(priority.label)])
        } else {
            let border = max(2, px(4))
            plan.buttons.append(.init(frame: frame, action: .askPriority))
            plan.paints.append(.box(frame, Theme.navigationText, radius: geometry.cornerRadius))
            plan.paints.append(.box(frame.inset(by: border), Theme.navigation, radius: geometry.cornerRadius - border))
            label = text(.priorityButton)
        }
        addText(
            label, .bold, px(34), minimum: px(18), maxLines: 2, in: frame.inset(by: px(12)), align: .center,
            color: state.priority == nil ? Theme.navigationText : Theme.buttonText)
        return Rect(x: title.x, y: title.y, width: title.width - width - geometry.gap, height: title.height)
    }

    /// Between the header and the footer, with a margin.
    private var body: Rect {
        Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
    }

    /// "Checking your booking…", large and centred; no buttons (the answer comes at once).
    private mutating func composeChecking(_ pending: PendingLookup) {
        let key: TextKey =
            switch pending {
            case .booking: .checkingBooking
            case .ticket: .checkingTicket
            case .number: .gettingNumber
            }
        addBilingual(
            key, in: body, sizes: (72, 48), align: .center, colors: (Theme.progress, Theme.secondaryText), maxLines: 3)
    }

    /// The booking: agency, service, day and time (and priority), with Cancel and Take ticket.
    private mutating func composeBooking(_ booking: Booking) {
        composeTitle(text(.bookingTitle))
        let catalogue = settings.catalogue
        let service = catalogue.service(booking.serviceID)
        let agency = service.flatMap { catalogue.agency($0.agencyID) }
        let day = booking.day.split(separator: "-").reversed().joined(separator: "-")
        let time = "\(booking.window.start.text)–\(booking.window.end.text) \(settings.timeZone.abbreviation)"
        var rows: [(TextKey, String)] = [
            (.bookingAgency, agency?.name(language) ?? ""),
            (.bookingService, service?.name(language) ?? ""),
            (.bookingTime, day + "  " + time),
        ]
        if let priority = booking.priority { rows.append((.priorityButton, text(priority.label))) }
        let panel = geometry.content
        plan.paints.append(.box(panel, Theme.panel, radius: px(36)))
        let inner = panel.inset(by: px(40))
        let rowHeight = min(inner.height / rows.count, px(260))
        var top = inner.y + (inner.height - rowHeight * rows.count) / 2
        for (label, value) in rows {
            let labelBlock = fitted(text(label), .regular, px(36), minimum: px(18), maxLines: 1, in: inner)
            let valueBox = Rect(x: inner.x, y: top, width: inner.width, height: rowHeight - labelBlock.height - px(16))
            let valueBlock = fitted(value, .bold, px(52), minimum: px(24), maxLines: 2, in: valueBox)
            addStack(
                [(labelBlock, Theme.secondaryText), (valueBlock, Theme.title)], spacing: px(6),
                in: Rect(x: inner.x, y: top, width: inner.width, height: rowHeight), align: .leading)
            top += rowHeight
        }
        addNavigationButton(geometry.backButton, .back, label: .cancel)
        let back = geometry.backButton
        let take = Rect(
            x: back.maxX + geometry.gap, y: back.y, width: geometry.footer.maxX - back.maxX - geometry.gap,
            height: back.height)
        addButton(take, .takeBookedTicket, enabled: true)
        addText(
            text(.takeTicket), .bold, px(48), minimum: px(24), maxLines: 1, in: take.inset(by: px(16)), align: .center,
            color: Theme.buttonText)
    }

    /// The four priority groups and "no priority", one per row, with a note that staff verify.
    private mutating func composePriorityChoice() {
        composeChoiceTitle(.priorityChoose, in: geometry.title)
        let content = geometry.content
        let noteHeight = px(90)
        addText(
            text(.priorityVerified), .regular, px(38), minimum: px(18), maxLines: 2,
            in: Rect(x: content.x, y: content.y, width: content.width, height: noteHeight), color: Theme.secondaryText)
        let choices: [TicketPriority?] = TicketPriority.allCases + [nil]
        let gap = px(20)
        let listTop = content.y + noteHeight + gap
        let rowHeight = min(px(170), (content.maxY - listTop - gap * (choices.count - 1)) / choices.count)
        for (index, choice) in choices.enumerated() {
            let frame = Rect(
                x: content.x, y: listTop + index * (rowHeight + gap), width: content.width, height: rowHeight)
            addButton(frame, .choosePriority(choice), enabled: true)
            let label = choice.map { text($0.label) } ?? text(.priorityNone)
            addText(
                label + (choice != nil && choice == state.priority ? "  ✓" : ""), .bold, px(44), minimum: px(20),
                maxLines: 1, in: frame.inset(by: px(24)), color: Theme.buttonText)
        }
        addBackButton()
    }

    /// A scanned ticket: its number, service, when it was taken, and an honest word on its place:
    /// a standalone kiosk cannot know it; a linked one points to the citizen page, with the count
    /// ahead the server gave when the ticket was taken.
    private mutating func composeTicketStatus(_ ticket: Ticket) {
        composeTitle(text(.ticketStatusTitle))
        let content = geometry.content
        let panelHeight = min(px(360), content.height * 40 / 100)
        let panel = Rect(x: content.x, y: content.y, width: content.width, height: panelHeight)
        composeNumber(ticket.number, in: panel)
        let local = LocalTime(ticket.issuedAt, zone: settings.timeZone)
        let details = Rect(
            x: content.x, y: panel.maxY + px(32), width: content.width, height: content.maxY - panel.maxY - px(32))
        let service = settings.catalogue.service(ticket.serviceID)?.name(language) ?? ""
        let issued = text(
            .ticketIssuedAt, ["date": local.dateText, "time": local.timeText + " " + settings.timeZone.abbreviation])
        var blocks = [
            (fitted(service, .bold, px(48), minimum: px(24), maxLines: 2, in: sized(details, 24)), Theme.title),
            (fitted(issued, .regular, px(38), minimum: px(20), maxLines: 2, in: sized(details, 16)), Theme.secondaryText),
        ]
        if settings.linked, let ahead = ticket.peopleAhead {
            let when = text(.positionWhenIssued, ["count": String(ahead)])
            blocks.append((fitted(when, .regular, px(38), minimum: px(20), maxLines: 2, in: sized(details, 14)), Theme.title))
        }
        let place = text(settings.linked ? .positionOnPhone : .queuePositionUnknown)
        blocks.append((fitted(place, .bold, px(42), minimum: px(20), maxLines: 5, in: sized(details, 36)), Theme.progress))
        addStack(blocks, spacing: px(28), in: details, align: .center)
        addButton(geometry.doneButton, .done, enabled: true)
        addText(
            text(.done), .bold, px(46), minimum: px(24), maxLines: 1, in: geometry.doneButton.inset(by: px(16)),
            align: .center, color: Theme.buttonText)
    }

    /// A warning mark over the message in Indonesian and, smaller, English; and Back.
    private mutating func composeScanNotice(_ key: TextKey) {
        let markSize = px(150)
        let spacing = px(40)
        let area = body
        let mark = Rect(x: area.x + (area.width - markSize) / 2, y: area.y + px(40), width: markSize, height: markSize)
        plan.paints.append(.box(mark, Theme.warning, radius: markSize / 2))
        addText(
            "!", .bold, markSize * 7 / 10, minimum: markSize / 2, maxLines: 1, in: mark, align: .center, color: .white)
        let message = Rect(
            x: area.x + px(20), y: mark.maxY + spacing, width: area.width - px(40),
            height: area.maxY - mark.maxY - spacing)
        addBilingual(
            key, in: message, sizes: (60, 44), align: .center, colors: (Theme.title, Theme.secondaryText), maxLines: 6)
        addBackButton()
    }
}
