import KioskCore

extension ScreenComposer {
    /// The apology in both languages, what to do instead, and for the technician the reason and the
    /// kiosk's id. No buttons: nothing a citizen touches changes it.
    mutating func composeOutOfService(reason: String) {
        let header = geometry.header
        plan.paints.append(.box(header, Theme.header, radius: 0))
        addText(
            mallName.indonesian, .bold, px(50), minimum: px(30), maxLines: 1, in: header.inset(by: geometry.margin / 2),
            align: .center, color: Theme.headerText)
        let margin = geometry.margin
        let width = geometry.width - 2 * margin
        let top = header.maxY + px(60)
        let technicianHeight = px(260)
        let body = Rect(x: margin, y: top, width: width, height: geometry.height - top - technicianHeight - px(60))
        addBilingual(
            .outOfServiceTitle, in: Rect(x: body.x, y: body.y, width: body.width, height: body.height * 55 / 100),
            sizes: (84, 52), align: .center, colors: (Theme.warning, Theme.secondaryText), maxLines: 3)
        addBilingual(
            .outOfServiceHelp,
            in: Rect(x: body.x, y: body.y + body.height * 58 / 100, width: body.width, height: body.height * 42 / 100),
            sizes: (60, 40), align: .center, colors: (Theme.title, Theme.secondaryText), maxLines: 3)

        let panel = Rect(x: margin, y: body.maxY + px(20), width: width, height: technicianHeight)
        plan.paints.append(.box(panel, Theme.panel, radius: px(24)))
        let inner = panel.inset(by: px(24))
        let caption = Translations.text(.outOfServiceTechnician, .indonesian) + " / "
            + Translations.text(.outOfServiceTechnician, .english) + " · " + Translations.text(.ticketKiosk, .indonesian)
            + " " + kioskID
        addText(
            caption, .bold, px(28), minimum: px(18), maxLines: 1,
            in: Rect(x: inner.x, y: inner.y, width: inner.width, height: px(40)), color: Theme.secondaryText)
        addText(
            reason, .regular, px(28), minimum: px(16), maxLines: 5,
            in: Rect(x: inner.x, y: inner.y + px(48), width: inner.width, height: inner.height - px(48)), color: Theme.title)
    }
}
