/// One thing said aloud, in one language (the voice follows it).
public struct Utterance: Sendable, Hashable {
    public var text: String
    public var language: Language

    public init(_ text: String, _ language: Language) {
        self.text = text
        self.language = language
    }
}

/// What the speech guidance says for a screen (issue 18, item 7), decided here and nowhere else:
/// the runtime only synthesises the utterances.
///
/// A screen is read as its introduction (title and message) then each button, in the order the
/// UI lays them out; the button under the citizen's finger is read alone with ``label(_:_:settings:now:)``.
public enum SpeechScript {
    /// The introduction, then every button of `buttons` (the actions of the screen's layout, in order).
    /// A first screen with a letter index reads its letters and leaves its agencies out (31 agencies in
    /// two languages take minutes): a letter's screen reads the agencies under it.
    public static func utterances(
        _ state: KioskState, buttons: [Action], settings: FlowSettings, now: Timestamp
    ) -> [Utterance] {
        var read = buttons
        var hint: [Utterance] = []
        if state.screen == .home, buttons.contains(where: { if case .chooseLetter = $0 { true } else { false } }) {
            read.removeAll { if case .chooseAgency = $0 { true } else { false } }
            hint = spokenLanguages(state).map { Utterance(Translations.text(.speechLetters, $0), $0) }
        }
        return introduction(state, settings: settings, now: now) + hint
            + read.compactMap { label($0, state, settings: settings, now: now) }
    }

    /// The chosen language, or Indonesian then English before a choice.
    static func spokenLanguages(_ state: KioskState) -> [Language] {
        state.languageChosen ? [state.language] : [.indonesian, .english]
    }

    /// The screen's title and message in the citizen's language, or in Indonesian then English
    /// where the screen shows both (before a language is chosen). Technician screens say nothing.
    public static func introduction(_ state: KioskState, settings: FlowSettings, now: Timestamp) -> [Utterance] {
        let catalogue = settings.catalogue
        var keys: [TextKey] = []
        var spoken: [(Language) -> String] = []
        switch state.screen {
        case .home:
            if let closed = state.closedBuilding(now: now, settings: settings) {
                let availability = Availability.closed(closed.reason ?? .outsideHours, next: closed.next)
                let today = CalendarDate(LocalTime(now, zone: settings.timeZone))
                spoken.append { Translations.availabilityText(availability, today: today, $0) ?? "" }
            } else if !state.printer.canPrint && !settings.allowScreenOnlyTickets {
                keys.append(.printerDown)
            } else if settings.linked && state.link.cannotNumber {
                keys.append(.noNumberOffline)
            } else {
                if !state.printer.canPrint { keys.append(.printerDownNumberOnScreen) }
                keys.append(.chooseAgency)
            }
        case .agencies:
            keys.append(.chooseAgency)
        case .category(let index):
            if catalogue.categories.indices.contains(index) { spoken.append(catalogue.categories[index].name.callAsFunction) }
            keys.append(.chooseAgency)
        case .letter(let letter):
            spoken.append { Translations.letterTitle(letter, $0) }
        case .services(let agencyID, _):
            if let agency = catalogue.agency(agencyID) { spoken.append(agency.name.callAsFunction) }
            keys.append(.chooseService)
        case .ticket(let ticket, let printState):
            return ticketSpeech(ticket, printState, state.language, settings)
        case .notice(let key, _), .scanNotice(let key):
            keys.append(key)
        case .unavailable(let serviceID):
            guard let service = catalogue.service(serviceID) else { break }
            let availability = state.availability(of: service, now: now, settings: settings)
            let today = CalendarDate(LocalTime(now, zone: settings.timeZone))
            spoken.append(service.name.callAsFunction)
            spoken.append { Translations.availabilityText(availability, today: today, $0) ?? "" }
            spoken.append { Translations.hoursTodayText(service, on: today, schedule: catalogue.schedule, $0) }
        case .checking(let lookup):
            switch lookup {
            case .booking: keys.append(.checkingBooking)
            case .ticket: keys.append(.checkingTicket)
            case .number: keys.append(.gettingNumber)
            }
        case .booking(let booking):
            keys.append(.bookingTitle)
            if let service = catalogue.service(booking.serviceID) { spoken.append(service.name.callAsFunction) }
            spoken.append { _ in "\(booking.window.start.text)–\(booking.window.end.text)" }
        case .priorityChoice:
            keys.append(.priorityChoose)
        case .ticketStatus(let ticket):
            return [Utterance(Translations.text(.ticketStatusTitle, ticket.language), ticket.language)]
                + numberSpeech(ticket, ticket.language)
        case .outOfService:
            return [.indonesian, .english].flatMap { language in
                [TextKey.outOfServiceTitle, .outOfServiceHelp].map { Utterance(Translations.text($0, language), language) }
            }
        case .diagnostics:
            return []
        case .survey(let step):
            keys += surveyKeys(step)
            spoken += surveySpoken(step)
        }
        var result: [Utterance] = []
        for language in spokenLanguages(state) {
            result += spoken.map { Utterance($0(language), language) }.filter { !$0.text.isEmpty }
            result += keys.map { Utterance(Translations.text($0, language), language) }
        }
        if let left = state.idlePromptLeft { result += idlePrompt(left, state.language) }
        return result
    }

    /// "Masih di sini?" with its countdown of `left` seconds, in `language`.
    public static func idlePrompt(_ left: Int, _ language: Language) -> [Utterance] {
        [TextKey.stillThere, .stillThereCountdown, .stillThereTouch].map {
            Utterance(Translations.text($0, language, ["seconds": String(left)]), language)
        }
    }

    /// What the button for `action` says on `state`'s screen; nil for the technician's buttons.
    public static func label(_ action: Action, _ state: KioskState, settings: FlowSettings, now: Timestamp) -> Utterance? {
        let language = state.language
        let catalogue = settings.catalogue
        func say(_ key: TextKey) -> Utterance { Utterance(plain(Translations.text(key, language)), language) }
        switch action {
        // Each language names itself, in its own voice.
        case .chooseLanguage(.indonesian): return Utterance("Bahasa Indonesia", .indonesian)
        case .chooseLanguage(.english): return Utterance("English", .english)
        case .chooseCategory(let index):
            guard catalogue.categories.indices.contains(index) else { return nil }
            return Utterance(catalogue.categories[index].name(language), language)
        case .chooseLetter(let letter):
            return Utterance(Translations.letterName(letter, language), language)
        case .chooseAgency(let id):
            return catalogue.agency(id).map { Utterance($0.shortName(language), language) }
        case .chooseService(let id):
            guard let service = catalogue.service(id) else { return nil }
            let availability = state.availability(of: service, now: now, settings: settings)
            let today = CalendarDate(LocalTime(now, zone: settings.timeZone))
            let why = Translations.availabilityText(availability, today: today, language).map { ". " + $0 } ?? ""
            return Utterance(service.name(language) + why, language)
        case .nextPage: return say(.next)
        case .previousPage: return say(.previous)
        case .back:
            if case .booking = state.screen { return say(.cancel) }
            if case .survey(.thanks) = state.screen { return say(.done) }
            if case .survey(.refused) = state.screen { return say(.done) }
            return say(.back)
        case .done: return say(.done)
        case .askPriority:
            guard let priority = state.priority else { return say(.priorityButton) }
            let name = Translations.text(priority.label, language)
            return Utterance(Translations.text(.priorityChosen, language, ["priority": name]), language)
        case .choosePriority(let priority?): return say(priority.label)
        case .choosePriority(nil): return say(.priorityNone)
        case .takeBookedTicket: return say(.takeTicket)
        case .stillHere: return say(.stillThereTouch)
        case .survey(let surveyAction): return surveyLabel(surveyAction, state)
        case .pinDigit, .pinErase, .pinEnter, .openDiagnostics, .leaveDiagnostics, .printTestPage, .newPaperRoll,
             .cutTest, .touchSurface, .clearTouchTest, .acceptCalibration, .undoCalibration, .syncNow, .scrollLog,
             .restartKioskd, .confirmRestart:
            return nil
        }
    }

    /// The number as it is read: "Nomor antrean Anda: B 0 0 7", each letter and digit apart.
    static func numberSpeech(_ ticket: Ticket, _ language: Language) -> [Utterance] {
        let spelled = ticket.number.filter { $0 != "-" }.map(String.init).joined(separator: " ")
        return [Utterance(Translations.text(.yourNumber, language) + ": " + spelled, language)]
    }

    private static func ticketSpeech(
        _ ticket: Ticket, _ printState: PrintState, _ language: Language, _ settings: FlowSettings
    ) -> [Utterance] {
        let status: TextKey =
            switch printState {
            case .printing: .printing
            case .printed: .takeYourTicket
            case .failed: .printFailed
            case .uncertain: .printUncertain
            case .screenOnly: .screenOnlyNumber
            }
        var result = numberSpeech(ticket, language)
        if let service = settings.catalogue.service(ticket.serviceID) {
            result.append(Utterance(service.name(language), language))
            if let counter = service.counter {
                result.append(Utterance(Translations.text(.counter, language) + ": " + counter(language), language))
            }
        }
        if let priority = ticket.priority {
            let name = Translations.text(priority.label, language)
            result.append(Utterance(Translations.text(.priorityTicketLine, language, ["priority": name]), language))
        }
        return result + [Utterance(Translations.text(status, language), language)]
    }

    /// A button's text without the paging arrows the eye needs and the voice does not.
    static func plain(_ text: String) -> String {
        String(text.filter { $0 != "‹" && $0 != "›" }).split(separator: " ").joined(separator: " ")
    }
}
