import KioskCore

/// The citizen's bars measured on the panel fitted (`display.panelMillimetres`): touch targets and the
/// number on the ticket screen, each at least 15 mm (issue 18).
public struct PanelMeasure: Sendable, Equatable {
    /// The bar both must reach.
    public static let barMillimetres = 15.0
    /// The narrower side of the smallest touch target of the screens measured, and which button it is.
    public var smallestTargetMillimetres: Double
    public var smallestTarget: String
    /// The inked height of the tallest character of the number on the ticket screen.
    public var ticketNumberMillimetres: Double

    /// True when both reach ``barMillimetres``.
    public var meetsBars: Bool {
        smallestTargetMillimetres >= Self.barMillimetres && ticketNumberMillimetres >= Self.barMillimetres
    }

    /// One line for the log: "panel 268 × 477 mm: smallest touch target 15.9 mm (…), ticket number 43.0 mm".
    public func summary(_ panel: PanelSize) -> String {
        func mm(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) mm"
        }
        return "panel \(Int(panel.widthMillimetres.rounded())) × \(Int(panel.heightMillimetres.rounded())) mm: smallest touch target "
            + "\(mm(smallestTargetMillimetres)) (\(smallestTarget)), ticket number \(mm(ticketNumberMillimetres)); bars 15 mm"
    }
}

extension ScreenRenderer {
    /// Measures the first screen in both languages, each letter's and the first agency's screens, the
    /// priority choice and a ticket of the first service, on `panel`.
    public func measure(on panel: PanelSize, settings: FlowSettings, now: Timestamp) -> PanelMeasure {
        var screens: [Screen] = [.home, .priorityChoice]
        let catalogue = settings.catalogue
        screens += Language.allCases.flatMap { catalogue.agencyLetters($0).map(Screen.letter) }
        if let agency = catalogue.agencies.first { screens.append(.services(agency.id, page: 0)) }
        var smallest = (pixels: Int.max, what: "none")
        for screen in screens {
            for language in Language.allCases {
                var state = KioskState()
                state.screen = screen
                state.language = language
                state.languageChosen = language == .english
                for button in layout(state, settings: settings, now: now).buttons
                where min(button.frame.width, button.frame.height) < smallest.pixels {
                    smallest = (min(button.frame.width, button.frame.height), "\(button.action)")
                }
            }
        }
        return PanelMeasure(
            smallestTargetMillimetres: panel.millimetres(smallest.pixels, on: size), smallestTarget: smallest.what,
            ticketNumberMillimetres: panel.millimetres(ticketNumberPixels(settings: settings, now: now), on: size))
    }

    /// The inked height in pixels of the tallest character of a ticket number on the ticket screen.
    private func ticketNumberPixels(settings: FlowSettings, now: Timestamp) -> Int {
        guard let service = settings.catalogue.allServices.first else { return 0 }
        let sequence = 1
        let ticket = Ticket(
            id: TicketID(randomBytes: [UInt8](repeating: 0, count: 16)), serviceID: service.id, agencyID: service.agencyID,
            day: "", sequence: sequence, number: Ticket.number(for: service, sequence: sequence), issuedAt: now,
            peopleAhead: nil, language: .indonesian)
        var state = KioskState()
        state.screen = .ticket(ticket, .printed)
        var tallest = 0
        for paint in plan(state, settings, now).paints {
            guard case .text(let line, let style, _, _, _) = paint, line == ticket.number else { continue }
            for scalar in line.unicodeScalars where scalar != "-" {
                tallest = max(tallest, glyphHeight(scalar, style))
            }
        }
        return tallest
    }
}
