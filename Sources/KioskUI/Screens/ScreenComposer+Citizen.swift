import KioskCore

extension ScreenComposer {
    /// A closed or full service the citizen touched: its name, why it takes no ticket (and when
    /// it does again), its hours today, and Back.
    mutating func composeUnavailable(_ serviceID: ServiceID) {
        guard let service = settings.catalogue.service(serviceID) else { return addBackButton() }
        let availability = state.availability(of: service, now: now, settings: settings)
        let today = CalendarDate(localTime)
        let area = Rect(
            x: geometry.margin, y: geometry.header.maxY + px(32), width: geometry.width - 2 * geometry.margin,
            height: geometry.footer.y - geometry.header.maxY - px(64))
        let why = Translations.availabilityText(availability, today: today, language) ?? text(.serviceClosed)
        let hours = Translations.hoursTodayText(service, on: today, schedule: settings.catalogue.schedule, language)
        var blocks: [(TextBlock, Color)] = [
            (fitted(service.name(language), .bold, px(56), minimum: px(28), maxLines: 3, in: sized(area, 28)), Theme.title),
            (fitted(why, .bold, px(52), minimum: px(26), maxLines: 4, in: sized(area, 30)), Theme.warning),
            (fitted(hours, .regular, px(44), minimum: px(22), maxLines: 3, in: sized(area, 18)), Theme.title),
        ]
        if !state.languageChosen {
            let english = Translations.availabilityText(availability, today: today, .english) ?? ""
            blocks.append(
                (fitted(english, .regular, px(36), minimum: px(20), maxLines: 3, in: sized(area, 16)), Theme.secondaryText))
        }
        addStack(blocks, spacing: px(32), in: area, align: .center)
        addBackButton()
    }

    /// "Masih di sini? / Still there?" (or the chosen language alone) over a dark screen, with the seconds left; the whole
    /// screen becomes one button that answers it.
    mutating func composeIdlePrompt(secondsLeft: Int) {
        plan.buttons = [.init(frame: geometry.bounds, action: .stillHere)]
        plan.paints.append(.box(geometry.bounds, Theme.scrim, radius: 0))
        let width = min(geometry.width - 2 * geometry.margin, px(900))
        let height = min(geometry.height - 2 * geometry.margin, px(640))
        let panel = Rect(x: (geometry.width - width) / 2, y: (geometry.height - height) / 2, width: width, height: height)
        plan.paints.append(.box(panel, Theme.background, radius: px(36)))
        let inner = panel.inset(by: px(40))
        let count = String(max(0, secondsLeft))
        // Both languages until the citizen chose one, then theirs alone.
        func both(_ key: TextKey, _ values: [String: String] = [:]) -> String {
            if state.languageChosen { return text(key, values) }
            return Translations.text(key, .indonesian, values) + " / " + Translations.text(key, .english, values)
        }
        addStack(
            [
                (fitted(both(.stillThere), .bold, px(64), minimum: px(30), maxLines: 2, in: sized(inner, 30)), Theme.title),
                (fitted(count, .bold, px(180), minimum: px(60), maxLines: 1, in: sized(inner, 34)), Theme.number),
                (
                    fitted(both(.stillThereCountdown, ["seconds": count]), .regular, px(36), minimum: px(20), maxLines: 2, in: sized(inner, 16)),
                    Theme.secondaryText
                ),
                (fitted(both(.stillThereTouch), .bold, px(38), minimum: px(20), maxLines: 2, in: sized(inner, 16)), Theme.progress),
            ], spacing: px(20), in: inner, align: .center)
    }
}
