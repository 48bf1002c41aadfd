import Testing

@testable import KioskCore

/// A small catalogue: one agency open on weekdays, one closed on Tuesdays, one with a quota of 2,
/// and one with a single service.
private func testCatalogue() -> Catalogue {
    let weekdays = OpeningHours(
        Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            ($0, [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 15, minute: 0))])
        }))
    let mondaysOnly = OpeningHours([.monday: [TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 1440))]])
    func service(_ id: String, _ agency: String, _ prefix: String, hours: OpeningHours = weekdays, quota: Int? = nil)
        -> Service
    {
        Service(
            id: ServiceID(id), agencyID: AgencyID(agency), name: LocalizedText(indonesian: id, english: id),
            prefix: prefix, hours: hours, dailyQuota: quota)
    }
    return Catalogue(agencies: [
        Agency(
            id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
            services: [service("ktp-el", "disdukcapil", "A"), service("kk", "disdukcapil", "B")]),
        Agency(
            id: AgencyID("samsat"), name: LocalizedText(indonesian: "Samsat", english: "Vehicle Tax"),
            services: [service("pajak", "samsat", "C", hours: mondaysOnly), service("mutasi", "samsat", "D")]),
        Agency(
            id: AgencyID("imigrasi"), name: LocalizedText(indonesian: "Imigrasi", english: "Immigration"),
            services: [service("paspor", "imigrasi", "P", quota: 2), service("visa", "imigrasi", "V")]),
        Agency(
            id: AgencyID("dispar"), name: LocalizedText(indonesian: "Dinas Pariwisata", english: "Tourism Office"),
            services: [service("izin-usaha", "dispar", "T")]),
    ])
}

/// Drives the flow like the runtime does, with a controllable clock and predictable ids.
private struct Harness {
    var state = KioskState()
    var now: Timestamp
    var effects: [Effect] = []
    var idCounter: UInt8 = 0
    var settings = FlowSettings(
        catalogue: testCatalogue(), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
        agenciesPerPage: 2, servicesPerPage: 1)

    /// Tuesday 2026-12-01 10:15 WITA.
    init(now: Timestamp = Timestamp(secondsSinceEpoch: 1_796_091_300)) { self.now = now }

    mutating func send(_ event: Event) {
        idCounter += 1
        let id = TicketID(randomBytes: [UInt8](repeating: idCounter, count: 16))
        (state, effects) = KioskFlow.step(state, event, StepContext(now: now, freshTicketID: id), settings: settings)
    }

    mutating func press(_ action: Action) { send(.press(action)) }

    var issued: [Ticket] {
        effects.compactMap { if case .issue(let ticket) = $0 { ticket } else { nil } }
    }

    /// Walks from the first screen to the service screen of `agency` (on the first page of agencies).
    mutating func goToServices(of agency: String, language: Language = .indonesian) {
        if language != .indonesian { press(.chooseLanguage(language)) }
        if agency == "imigrasi" || agency == "dispar" { press(.nextPage) }
        press(.chooseAgency(AgencyID(agency)))
    }
}

@Test func harnessClockIsATuesdayMorningInBali() {
    let local = LocalTime(Harness().now, zone: .wita)
    #expect(local.weekday == .tuesday)
    #expect(local.dayKey == "2026-12-01")
    #expect(local.timeText == "10:15")
}

@Test func citizenTakesATicketEndToEnd() throws {
    var kiosk = Harness()
    kiosk.send(.restored(day: "2026-12-01", lastSequence: [:]))
    #expect(kiosk.state.screen == .home)

    kiosk.press(.chooseLanguage(.english))
    #expect(kiosk.state.screen == .home)
    #expect(kiosk.state.language == .english)
    #expect(kiosk.effects == [.show(.home)], "the same screen, redrawn in English")

    kiosk.press(.chooseAgency(AgencyID("disdukcapil")))
    #expect(kiosk.state.screen == .services(AgencyID("disdukcapil"), page: 0))

    kiosk.press(.chooseService(ServiceID("ktp-el")))
    let ticket = try #require(kiosk.issued.first)
    #expect(kiosk.issued.count == 1)
    #expect(ticket.number == "A-001")
    #expect(ticket.day == "2026-12-01")
    #expect(ticket.language == .english)
    #expect(kiosk.state.screen == .ticket(ticket, .printing))

    kiosk.press(.done)
    #expect(kiosk.state.screen == .ticket(ticket, .printing), "no way out until the ticket is printed")

    kiosk.send(.ticketPrinted(ticket.id))
    #expect(kiosk.state.screen == .ticket(ticket, .printed))
    kiosk.press(.done)
    #expect(kiosk.state.screen == .home)
    #expect(kiosk.state.language == .indonesian, "the next citizen starts in Indonesian")
}

@Test func anAgencyWithOneServiceGivesItsTicketAtOnce() throws {
    var kiosk = Harness()
    kiosk.press(.nextPage)
    kiosk.press(.chooseAgency(AgencyID("dispar")))
    #expect(try #require(kiosk.issued.first).number == "T-001")
}

@Test func numbersFollowTheRestoredSequenceAndRestartNextDay() throws {
    var kiosk = Harness()
    kiosk.send(.restored(day: "2026-12-01", lastSequence: [ServiceID("ktp-el"): 41]))
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.first?.number == "A-042")
    kiosk.send(.ticketPrinted(try #require(kiosk.issued.first).id))
    kiosk.press(.done)

    kiosk.now = kiosk.now.adding(seconds: 86_400)  // Wednesday.
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.first?.number == "A-001")
    #expect(kiosk.issued.first?.day == "2026-12-02")
}

@Test func closedAndFullServicesIssueNothing() throws {
    var kiosk = Harness()
    kiosk.goToServices(of: "samsat")
    kiosk.press(.chooseService(ServiceID("pajak")))  // Open on Mondays only.
    #expect(kiosk.issued.isEmpty)
    #expect(kiosk.state.screen == .unavailable(ServiceID("pajak")))
    kiosk.press(.back)
    #expect(kiosk.state.screen == .services(AgencyID("samsat"), page: 0))

    var numbers: [String] = []
    for _ in 0..<3 {
        kiosk.state.screen = .home
        kiosk.goToServices(of: "imigrasi")
        kiosk.press(.chooseService(ServiceID("paspor")))
        numbers += kiosk.issued.map(\.number)
    }
    #expect(numbers == ["P-001", "P-002"])
    #expect(kiosk.state.screen == .unavailable(ServiceID("paspor")))
}

@Test func backFromAClosedServiceReturnsWhereItWasTouchedInTheSameLanguage() {
    var kiosk = Harness(now: Timestamp(secondsSinceEpoch: 1_796_126_400))  // Tuesday 20:00 WITA: all closed.
    kiosk.press(.chooseLanguage(.english))
    kiosk.press(.nextPage)
    kiosk.press(.chooseAgency(AgencyID("dispar")))  // One service, closed: it explains itself.
    #expect(kiosk.state.screen == .unavailable(ServiceID("izin-usaha")) && kiosk.issued.isEmpty)
    kiosk.press(.back)
    #expect(kiosk.state.screen == .agencies(page: 1) && kiosk.state.language == .english)
}

@Test func alwaysOpenIgnoresHoursButNotQuotas() {
    var kiosk = Harness()
    kiosk.settings.alwaysOpen = true
    kiosk.goToServices(of: "samsat")
    kiosk.press(.chooseService(ServiceID("pajak")))  // Open on Mondays only; today is a Tuesday.
    #expect(kiosk.issued.map(\.number) == ["C-001"])
    kiosk.state.lastSequence[ServiceID("paspor")] = 2
    kiosk.state.screen = .home
    kiosk.goToServices(of: "imigrasi")
    kiosk.press(.chooseService(ServiceID("paspor")))
    #expect(kiosk.issued.isEmpty)
}

@Test func aServiceOfAnotherAgencyCannotBeChosenFromThisOne() {
    var kiosk = Harness()
    kiosk.goToServices(of: "samsat")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.isEmpty)
    #expect(kiosk.state.screen == .services(AgencyID("samsat"), page: 0))
}

@Test func backReturnsToTheScreenSeenBefore() {
    var kiosk = Harness()
    kiosk.goToServices(of: "imigrasi")
    kiosk.press(.nextPage)
    #expect(kiosk.state.screen == .services(AgencyID("imigrasi"), page: 1))
    kiosk.press(.back)
    #expect(kiosk.state.screen == .services(AgencyID("imigrasi"), page: 0))
    kiosk.press(.back)
    #expect(kiosk.state.screen == .agencies(page: 1), "back returns to the page that shows the agency")
    kiosk.press(.back)
    #expect(kiosk.state.screen == .home)
    #expect(kiosk.state.history.isEmpty)
}

@Test func pagesStayWithinTheCatalogue() {
    var kiosk = Harness()
    kiosk.press(.previousPage)
    #expect(kiosk.state.screen == .home)
    kiosk.press(.nextPage)
    kiosk.press(.nextPage)
    kiosk.press(.nextPage)
    #expect(kiosk.state.screen == .agencies(page: 1), "4 agencies at 2 a page make 2 pages")
    kiosk.press(.previousPage)
    #expect(kiosk.state.screen == .home, "the first page is the first screen")
    kiosk.press(.nextPage)
    kiosk.press(.chooseAgency(AgencyID("disdukcapil")))
    kiosk.press(.nextPage)
    #expect(kiosk.state.screen == .services(AgencyID("disdukcapil"), page: 1))
    kiosk.press(.nextPage)
    #expect(kiosk.state.screen == .services(AgencyID("disdukcapil"), page: 1))
}

@Test func idleKioskAsksStillThereThenStartsAfreshInIndonesian() {
    var kiosk = Harness()
    kiosk.goToServices(of: "disdukcapil", language: .english)
    kiosk.now = kiosk.now.adding(seconds: 29)
    kiosk.send(.tick)
    #expect(kiosk.state.idlePromptLeft == nil)
    kiosk.now = kiosk.now.adding(seconds: 1)
    kiosk.send(.tick)
    #expect(kiosk.state.idlePromptLeft == 10, "\"Still there?\" counts down from 10 s")
    #expect(kiosk.effects == [.show(.services(AgencyID("disdukcapil"), page: 0))])
    kiosk.now = kiosk.now.adding(seconds: 4)
    kiosk.send(.tick)
    #expect(kiosk.state.idlePromptLeft == 6)

    // A touch answers it: the citizen stays where they were, and the countdown starts again later.
    kiosk.press(.stillHere)
    #expect(kiosk.state.idlePromptLeft == nil && kiosk.state.screen == .services(AgencyID("disdukcapil"), page: 0))
    #expect(kiosk.issued.isEmpty)

    kiosk.now = kiosk.now.adding(seconds: 39)
    kiosk.send(.tick)
    #expect(kiosk.state.idlePromptLeft == 1)
    kiosk.now = kiosk.now.adding(seconds: 1)
    kiosk.send(.tick)
    #expect(kiosk.state.screen == .home && kiosk.state.history.isEmpty)
    #expect(kiosk.state.language == .indonesian && kiosk.state.idlePromptLeft == nil)
    #expect(kiosk.effects == [.show(.home)])
}

@Test func theIdlePromptCanBeTurnedOff() {
    var kiosk = Harness()
    kiosk.settings.idlePromptSeconds = 0
    kiosk.goToServices(of: "disdukcapil")
    kiosk.now = kiosk.now.adding(seconds: 30)
    kiosk.send(.tick)
    #expect(kiosk.state.screen == .home && kiosk.state.idlePromptLeft == nil)
}

@Test func ticketScreenTimesOutOnlyAfterPrinting() throws {
    var kiosk = Harness()
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("kk")))
    let ticket = try #require(kiosk.issued.first)
    kiosk.now = kiosk.now.adding(seconds: 120)
    kiosk.send(.tick)
    #expect(kiosk.state.screen == .ticket(ticket, .printing))
    kiosk.send(.ticketPrinted(ticket.id))
    kiosk.now = kiosk.now.adding(seconds: 9)
    kiosk.send(.tick)
    #expect(kiosk.state.screen == .ticket(ticket, .printed))
    kiosk.now = kiosk.now.adding(seconds: 1)
    kiosk.send(.tick)
    #expect(kiosk.state.screen == .home)
}

@Test(
    "a failed or uncertain ticket shows its number only where the operator allows it and the number stays valid",
    arguments: [
        // (screen-only numbers allowed, linked, uncertain) -> the number is shown
        (false, false, false, false), (true, false, false, true), (true, true, false, false),
        (false, false, true, false), (true, false, true, true), (true, true, true, true), (false, true, true, false),
    ])
func printFailureShowsTheNumberOnlyWhereValid(allowed: Bool, linked: Bool, uncertain: Bool, shown: Bool) throws {
    var kiosk = Harness()
    kiosk.settings.allowScreenOnlyTickets = allowed
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    let ticket = try #require(kiosk.issued.first)
    kiosk.settings.linked = linked  // (a linked kiosk's number comes from the server; only the outcome matters here)
    kiosk.send(uncertain ? .ticketPrintUncertain(ticket.id, reason: "no confirmation") : .ticketPrintFailed(ticket.id, reason: "paper out"))
    let expected: Screen =
        shown
        ? .ticket(ticket, uncertain ? .uncertain : .failed)
        : .notice(uncertain ? .printUncertainNoNumber : .printFailedNoNumber, returnTo: .home)
    #expect(kiosk.state.screen == expected)
    #expect(kiosk.effects.contains { if case .log(.error, _) = $0 { true } else { false } })
}

@Test func theNextCitizenIsWarnedBeforeChoosingOnceThePrinterStopsAnswering() throws {
    var kiosk = Harness()
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    let ticket = try #require(kiosk.issued.first)
    kiosk.send(.ticketPrintUncertain(ticket.id, reason: "no confirmation within 2.7 s"))
    kiosk.send(.printerStatus(.notAnswering))
    kiosk.press(.back)
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.state.screen == .notice(.printerDown, returnTo: .home), "no number made")
    #expect(kiosk.issued.isEmpty)
    kiosk.send(.printerStatus(.ready))
    kiosk.press(.back)
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.map(\.number) == ["A-002"], "the next good job prints the next number")
}

@Test func unrecordedTicketIsNeverShownAsANumber() throws {
    var kiosk = Harness()
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    let ticket = try #require(kiosk.issued.first)
    kiosk.send(.ticketNotRecorded(ticket.id, reason: "disk full"))
    #expect(kiosk.state.screen == .notice(.notRecorded, returnTo: .home))
    kiosk.press(.back)
    kiosk.goToServices(of: "disdukcapil")
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.first?.number == "A-002", "a number that may be on disk is never reused")
}

@Test func sameEventsGiveSameStates() {
    var first = Harness(), second = Harness()
    let script: [Event] = [
        .press(.chooseLanguage(.english)), .press(.nextPage), .press(.chooseAgency(AgencyID("imigrasi"))),
        .press(.chooseService(ServiceID("paspor"))), .tick,
    ]
    for event in script {
        first.send(event)
        second.send(event)
        #expect(first.state == second.state)
        #expect(first.effects == second.effects)
    }
}

@Test func aPrinterThatCannotPrintIsAnnouncedBeforeAServiceIsChosenAndIssuesNothing() {
    var kiosk = Harness()
    kiosk.send(.printerStatus(.paperOut))
    #expect(kiosk.state.printer == .paperOut && kiosk.state.screen == .home)
    #expect(kiosk.effects == [.show(.home), .log(.warning, "printer is paper-out")], "the first screen is drawn again at once")

    // It fails while a citizen is choosing: still no number is issued.
    kiosk.send(.printerStatus(.ready))
    kiosk.goToServices(of: "disdukcapil")
    kiosk.send(.printerStatus(.coverOpen))
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    #expect(kiosk.issued.isEmpty && kiosk.state.lastSequence.isEmpty)
    #expect(kiosk.state.screen == .notice(.printerDown, returnTo: .home))

    // Near end and unknown still print.
    for condition in [PrinterCondition.paperNearEnd, .unknown] {
        kiosk.send(.printerStatus(condition))
        kiosk.press(.back)
        kiosk.goToServices(of: "disdukcapil")
        kiosk.press(.chooseService(ServiceID("ktp-el")))
        #expect(kiosk.issued.count == 1, "\(condition)")
        kiosk.send(.ticketPrinted(kiosk.issued.first?.id ?? TicketID(randomBytes: [])))
        kiosk.press(.done)
    }
}

@Test func whereTheOperatorAllowsItTheNumberIsShownOnScreenInstead() throws {
    var kiosk = Harness()
    kiosk.settings.allowScreenOnlyTickets = true
    kiosk.send(.printerStatus(.offline))
    kiosk.press(.chooseLanguage(.english))
    kiosk.press(.chooseAgency(AgencyID("disdukcapil")))
    kiosk.press(.chooseService(ServiceID("ktp-el")))
    let effect = try #require(kiosk.effects.last)
    guard case .recordScreenOnly(let ticket) = effect else {
        Issue.record("expected a screen-only record, got \(kiosk.effects)")
        return
    }
    #expect(kiosk.issued.isEmpty && ticket.number == "A-001")
    #expect(kiosk.state.screen == .ticket(ticket, .screenOnly))
}
