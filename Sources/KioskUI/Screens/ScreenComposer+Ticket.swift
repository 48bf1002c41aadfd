import KioskCore

extension ScreenComposer {
    /// The issued number, very large, with its service and agency and how printing went.
    mutating func composeTicket(_ ticket: Ticket, _ printState: PrintState) {
        let area = Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
        let numberColumn: Rect, detailColumn: Rect
        if geometry.isPortrait {
            numberColumn = Rect(x: area.x, y: area.y, width: area.width, height: area.height * 45 / 100)
            detailColumn = Rect(x: area.x, y: numberColumn.maxY + px(24), width: area.width, height: area.height * 55 / 100 - px(24))
        } else {
            let columnWidth = (area.width - geometry.gap * 2) / 2
            numberColumn = Rect(x: area.x, y: area.y, width: columnWidth, height: area.height)
            detailColumn = Rect(x: area.maxX - columnWidth, y: area.y, width: columnWidth, height: area.height)
        }
        composeNumber(ticket.number, in: numberColumn)
        composeTicketDetails(ticket, printState, in: detailColumn)
        if printState != .printing {
            addButton(geometry.doneButton, .done, enabled: true)
            addText(
                text(.done), .bold, px(46), minimum: px(24), maxLines: 1, in: geometry.doneButton.inset(by: px(16)),
                align: .center, color: Theme.buttonText)
        }
    }

    /// "Your queue number" over the number in a light panel.
    private mutating func composeNumber(_ number: String, in box: Rect) {
        let label = fitted(text(.yourNumber), .bold, px(54), minimum: px(28), maxLines: 2, in: box)
        let spacing = px(20)
        let panelHeight = min(px(geometry.isPortrait ? 420 : 400), box.height - label.height - spacing)
        let top = box.y + (box.height - label.height - spacing - panelHeight) / 2
        addLines(label, top: top, in: box, align: .center, color: Theme.title)
        let panel = Rect(x: box.x, y: top + label.height + spacing, width: box.width, height: panelHeight)
        plan.paints.append(.box(panel, Theme.panel, radius: px(36)))
        // Digits and capitals stand on the baseline and reach about 73% of the em: centre that.
        let inner = panel.inset(by: px(28))
        let block = fitted(number, .bold, px(320), minimum: px(60), maxLines: 1, in: inner)
        let capHeight = block.style.size * 73 / 100
        let baseline = inner.y + (inner.height + capHeight) / 2
        let width = typesetter.width(block.lines.first ?? "", block.style)
        plan.paints.append(
            .text(block.lines.first ?? "", block.style, x: inner.x + (inner.width - width) / 2, baseline: baseline, Theme.number))
    }

    /// Service, agency, and the print status line.
    private mutating func composeTicketDetails(_ ticket: Ticket, _ printState: PrintState, in box: Rect) {
        let catalogue = settings.catalogue
        let serviceName = catalogue.service(ticket.serviceID)?.name(language) ?? ""
        let agencyName = catalogue.agency(ticket.agencyID)?.name(language) ?? ""
        let (statusKey, statusColor): (TextKey, Color) =
            switch printState {
            case .printing: (.printing, Theme.progress)
            case .printed: (.takeYourTicket, Theme.success)
            case .failed: (.printFailed, Theme.warning)
            }
        let service = fitted(serviceName, .bold, px(48), minimum: px(30), maxLines: 2, in: sized(box, 26))
        let agency = fitted(agencyName, .regular, px(38), minimum: px(24), maxLines: 2, in: sized(box, 22))
        let status = fitted(text(statusKey), .bold, px(48), minimum: px(28), maxLines: 4, in: sized(box, 40))
        addStack(
            [(service, Theme.title), (agency, Theme.secondaryText), (status, statusColor)], spacing: px(28), in: box,
            align: .center)
    }

    /// A notice: a warning mark over the message, large, and Back.
    mutating func composeNotice(_ key: TextKey) {
        let area = Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
        let markSize = px(150), spacing = px(40)
        let messageBox = Rect(x: area.x + px(20), y: area.y, width: area.width - px(40), height: area.height - markSize - spacing)
        let message = fitted(text(key), .bold, px(64), minimum: px(30), maxLines: 8, in: messageBox)
        let top = area.y + (area.height - markSize - spacing - message.height) / 2
        let mark = Rect(x: area.x + (area.width - markSize) / 2, y: top, width: markSize, height: markSize)
        plan.paints.append(.box(mark, Theme.warning, radius: markSize / 2))
        addText("!", .bold, markSize * 7 / 10, minimum: markSize / 2, maxLines: 1, in: mark, align: .center, color: .white)
        addLines(message, top: mark.maxY + spacing, in: messageBox, align: .center, color: Theme.title)
        addBackButton()
    }

    /// `box` cut to `percent` of its height, for fitting one part of a stack.
    private func sized(_ box: Rect, _ percent: Int) -> Rect {
        Rect(x: box.x, y: box.y, width: box.width, height: box.height * percent / 100)
    }
}
