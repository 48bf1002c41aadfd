import KioskCore

extension ScreenComposer {
    /// The issued number, very large, with its service and agency and how printing went.
    /// Portrait stacks it all in one centred column; landscape puts the details beside the number.
    mutating func composeTicket(_ ticket: Ticket, _ printState: PrintState) {
        let area = Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
        let labelSpacing = px(20)
        if geometry.isPortrait {
            let label = fitted(text(.yourNumber), .bold, px(54), minimum: px(28), maxLines: 2, in: area)
            let panelHeight = min(px(420), area.height * 45 / 100)
            let detailSpacing = px(56)
            let details = ticketDetails(
                ticket, printState,
                in: Rect(
                    x: area.x, y: area.y, width: area.width,
                    height: area.height - label.height - labelSpacing - panelHeight - detailSpacing))
            let top =
                area.y + (area.height - label.height - labelSpacing - panelHeight - detailSpacing - details.height) / 2
            addLines(label, top: top, in: area, align: .center, color: Theme.title)
            let panel = Rect(x: area.x, y: top + label.height + labelSpacing, width: area.width, height: panelHeight)
            composeNumber(ticket.number, in: panel)
            addStack(
                details.blocks, spacing: details.spacing,
                in: Rect(
                    x: area.x, y: panel.maxY + detailSpacing, width: area.width, height: details.height), align: .center
            )
        } else {
            // The number gets the wider column.
            let numberWidth = area.width * 57 / 100
            let detailsWidth = area.width - numberWidth - geometry.gap * 2
            let left = Rect(x: area.x, y: area.y, width: numberWidth, height: area.height)
            let right = Rect(x: area.maxX - detailsWidth, y: area.y, width: detailsWidth, height: area.height)
            let label = fitted(text(.yourNumber), .bold, px(54), minimum: px(28), maxLines: 2, in: left)
            let panelHeight = min(px(400), left.height - label.height - labelSpacing)
            let top = left.y + (left.height - label.height - labelSpacing - panelHeight) / 2
            addLines(label, top: top, in: left, align: .center, color: Theme.title)
            composeNumber(
                ticket.number,
                in: Rect(x: left.x, y: top + label.height + labelSpacing, width: left.width, height: panelHeight))
            let details = ticketDetails(ticket, printState, in: right)
            addStack(details.blocks, spacing: details.spacing, in: right, align: .center)
        }
        if ticket.offline {
            // Small, for staff: the kiosk numbered this ticket itself (the queue server did not answer in time).
            let mark = Rect(x: area.x, y: area.y, width: px(240), height: px(40))
            addText(
                text(.offlineMark), .bold, px(30), minimum: px(16), maxLines: 1, in: mark,
                color: Theme.secondaryText)
        }
        if printState != .printing {
            addButton(geometry.doneButton, .done, enabled: true)
            addText(
                text(.done), .bold, px(46), minimum: px(24), maxLines: 1, in: geometry.doneButton.inset(by: px(16)),
                align: .center, color: Theme.buttonText)
        }
    }

    /// The number, as large as fits, centred in a light panel.
    mutating func composeNumber(_ number: String, in panel: Rect) {
        plan.paints.append(.box(panel, Theme.panel, radius: px(36)))
        // Digits and capitals stand on the baseline and reach about 73% of the em: centre that.
        let inner = panel.inset(by: px(28))
        let block = fitted(number, .bold, px(320), minimum: px(60), maxLines: 1, in: inner)
        let line = block.lines.first ?? ""
        let capHeight = block.style.size * 73 / 100
        let baseline = inner.y + (inner.height + capHeight) / 2
        let width = typesetter.width(line, block.style)
        plan.paints.append(
            .text(line, block.style, x: inner.x + (inner.width - width) / 2, baseline: baseline, Theme.number))
    }

    /// Service, agency, and the print status line, each fitted into its share of `box`.
    private func ticketDetails(_ ticket: Ticket, _ printState: PrintState, in box: Rect)
        -> (blocks: [(TextBlock, Color)], spacing: Int, height: Int)
    {
        let catalogue = settings.catalogue
        let serviceName = catalogue.service(ticket.serviceID)?.name(language) ?? ""
        let agencyName = catalogue.agency(ticket.agencyID)?.name(language) ?? ""
        let (statusKey, statusColor): (TextKey, Color) =
            switch printState {
            case .printing: (.printing, Theme.progress)
            case .printed: (.takeYourTicket, Theme.success)
            case .failed: (.printFailed, Theme.warning)
            case .uncertain: (.printUncertain, Theme.warning)
            case .screenOnly: (.screenOnlyNumber, Theme.warning)
            }
        let spacing = px(28)
        var blocks = [
            (fitted(serviceName, .bold, px(48), minimum: px(28), maxLines: 2, in: sized(box, 24)), Theme.title),
            (
                fitted(agencyName, .regular, px(38), minimum: px(22), maxLines: 2, in: sized(box, 18)),
                Theme.secondaryText
            ),
        ]
        if let priority = ticket.priority {
            // The priority, in words, so the citizen sees it was applied.
            let chosen = text(.priorityChosen, ["priority": text(priority.label)])
            blocks.append((fitted(chosen, .bold, px(44), minimum: px(24), maxLines: 2, in: sized(box, 14)), Theme.title))
        }
        blocks.append((fitted(text(statusKey), .bold, px(48), minimum: px(26), maxLines: 4, in: sized(box, 34)), statusColor))
        return (blocks, spacing, blocks.reduce(0) { $0 + $1.0.height } + spacing * (blocks.count - 1))
    }

    /// A notice: a warning mark over the message, large (in both languages until the citizen
    /// chose one), and Back.
    mutating func composeNotice(_ key: TextKey) {
        let area = Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
        let markSize = px(150)
        let spacing = px(40)
        let messageBox = Rect(
            x: area.x + px(20), y: area.y, width: area.width - px(40), height: area.height - markSize - spacing)
        var blocks = [(fitted(text(key), .bold, px(64), minimum: px(30), maxLines: 8, in: messageBox), Theme.title)]
        if !state.languageChosen {
            blocks[0].0 = fitted(text(key), .bold, px(56), minimum: px(28), maxLines: 6, in: sized(messageBox, 58))
            let english = Translations.text(key, .english)
            blocks.append((fitted(english, .regular, px(40), minimum: px(22), maxLines: 5, in: sized(messageBox, 38)), Theme.secondaryText))
        }
        let messageHeight = blocks.reduce(0) { $0 + $1.0.height } + px(24) * (blocks.count - 1)
        let top = area.y + (area.height - markSize - spacing - messageHeight) / 2
        let mark = Rect(x: area.x + (area.width - markSize) / 2, y: top, width: markSize, height: markSize)
        plan.paints.append(.box(mark, Theme.warning, radius: markSize / 2))
        addText(
            "!", .bold, markSize * 7 / 10, minimum: markSize / 2, maxLines: 1, in: mark, align: .center, color: .white)
        addStack(
            blocks, spacing: px(24),
            in: Rect(x: messageBox.x, y: mark.maxY + spacing, width: messageBox.width, height: messageHeight),
            align: .center)
        addBackButton()
    }

    /// `box` cut to `percent` of its height, for fitting one part of a stack.
    func sized(_ box: Rect, _ percent: Int) -> Rect {
        Rect(x: box.x, y: box.y, width: box.width, height: box.height * percent / 100)
    }
}
