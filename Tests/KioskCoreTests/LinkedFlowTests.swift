import Testing

@testable import KioskCore

/// The citizen flow of a kiosk linked to a queue server: the core asks for a number instead of
/// counting, waits on a short screen, then prints the ticket as numbered (online or offline).
@Suite struct LinkedFlowTests {
    static let always = OpeningHours(
        Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
            ($0, [TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 1440))])
        }))
    static let service = Service(
        id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "KTP", english: "ID"),
        prefix: "A", hours: always, dailyQuota: nil)
    static let settings = FlowSettings(
        catalogue: Catalogue(agencies: [
            Agency(id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "D", english: "C"), services: [service])
        ]),
        timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10, agenciesPerPage: 4, servicesPerPage: 4,
        linked: true)
    static let now = Timestamp(secondsSinceEpoch: 1_796_091_300)
    static let id = TicketID(randomBytes: [UInt8](repeating: 9, count: 16))

    /// Steps `events` from the service screen (English); returns the final state and the last effects.
    static func run(_ events: [Event], printer: PrinterCondition = .ready) -> (KioskState, [Effect]) {
        var state = KioskState()
        state.language = .english
        state.printer = printer
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        var effects: [Effect] = []
        for event in events {
            (state, effects) = KioskFlow.step(state, event, StepContext(now: now, freshTicketID: id), settings: settings)
        }
        return (state, effects)
    }

    static let choose = Event.press(.chooseService(service.id))
    /// What choosing the service asks the server.
    static let request = NumberRequest(
        id: id, serviceID: service.id, agencyID: service.agencyID, day: "2026-12-01", issuedAt: now,
        language: .english, priority: nil, bookingCode: nil)

    @Test func choosingAServiceAsksForANumberAndNumbersNothingItself() {
        let (state, effects) = Self.run([Self.choose])
        #expect(effects == [.show(.checking(.number(Self.id))), .requestNumber(Self.request)])
        #expect(state.lastSequence.isEmpty, "a linked kiosk keeps no standalone count")
        let (_, again) = KioskFlow.step(
            state, Self.choose, StepContext(now: Self.now, freshTicketID: Self.id), settings: Self.settings)
        #expect(again.isEmpty, "a second tap while waiting asks for nothing")
    }

    @Test func anOfflineNumberIsPrintedWithItsMarkAndNoWait() throws {
        let numbered = NumberedTicket(number: "A-507", sequence: 507, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)
        let (state, effects) = Self.run([Self.choose, .ticketNumbered(Self.id, numbered)])
        let ticket = try #require(effects.compactMap { if case .issue(let t) = $0 { t } else { nil } }.first)
        #expect(ticket.number == "A-507" && ticket.offline && ticket.sequence == 507 && ticket.language == .english)
        #expect(state.screen == .ticket(ticket, .printing))
        #expect(state.pendingNumber == nil)
        let document = TicketLayout.document(
            for: ticket, agency: Self.settings.catalogue.agencies[0], service: Self.service,
            mallName: LocalizedText(indonesian: "M", english: "M"), kioskID: "K", zone: .wita)
        #expect(document.blocks.contains(.text("Issued offline", .heading)))
        #expect(!document.blocks.contains { if case .text(let s, _) = $0 { s.hasPrefix("Estimated wait") } else { false } })
    }

    @Test func anOnlineNumberCarriesTheServersPlaceAndWait() throws {
        let numbered = NumberedTicket(number: "A-012", sequence: 12, peopleAhead: 4, estimatedWaitMinutes: 18, offline: false)
        let (_, effects) = Self.run([Self.choose, .ticketNumbered(Self.id, numbered)])
        let ticket = try #require(effects.compactMap { if case .issue(let t) = $0 { t } else { nil } }.first)
        #expect(!ticket.offline && ticket.peopleAhead == 4 && ticket.estimatedWaitMinutes == 18)
        let document = TicketLayout.document(
            for: ticket, agency: Self.settings.catalogue.agencies[0], service: Self.service,
            mallName: LocalizedText(indonesian: "M", english: "M"), kioskID: "K", zone: .wita)
        #expect(document.blocks.contains(.text("Estimated wait: 18 minutes", .centered)))
        #expect(document.blocks.contains(.text("Perkiraan waktu tunggu: 18 menit", .centered)))
        #expect(!document.blocks.contains(.text("Issued offline", .heading)))
    }

    @Test func aFallbackNumberIsShownOnScreenOnlyWhenThePrinterCannotPrint() {
        var settings = Self.settings
        settings.allowScreenOnlyTickets = true
        var state = KioskState()
        state.printer = .paperOut
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        let context = StepContext(now: Self.now, freshTicketID: Self.id)
        (state, _) = KioskFlow.step(state, Self.choose, context, settings: settings)
        let numbered = NumberedTicket(number: "A-K01-0001", sequence: nil, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)
        let (next, effects) = KioskFlow.step(state, .ticketNumbered(Self.id, numbered), context, settings: settings)
        guard case .ticket(let ticket, .screenOnly) = next.screen else {
            Issue.record("expected the screen-only ticket, got \(next.screen)")
            return
        }
        #expect(ticket.number == "A-K01-0001" && ticket.sequence == 0)
        #expect(effects.contains(.recordScreenOnly(ticket)))
    }

    /// The printer's idle watch hears a paper end while the server numbers the ticket: no paper and no
    /// screen (the operator allows no numbers on screen) can carry it, so the server voids it.
    @Test(arguments: [false, true])
    func aNumberArrivingAfterThePrinterWentDownIsVoided(offline: Bool) {
        let numbered = NumberedTicket(number: "A-012", sequence: 12, peopleAhead: nil, estimatedWaitMinutes: nil, offline: offline)
        let (state, effects) = Self.run([Self.choose, .printerStatus(.paperOut), .ticketNumbered(Self.id, numbered)])
        #expect(state.screen == .notice(.printerDown, returnTo: .home))
        #expect(state.pendingNumber == nil)
        #expect(effects.contains(.voidNumber(Self.id, reason: "printer paper-out before printing")))
        #expect(!effects.contains { if case .issue = $0 { true } else if case .recordScreenOnly = $0 { true } else { false } })
        let (answered, answerEffects) = Self.run([
            Self.choose, .printerStatus(.coverOpen), .serverAnswered(Self.request, .numbered(numbered)),
        ])
        #expect(answered.screen == .notice(.printerDown, returnTo: .home))
        #expect(answerEffects.contains(.voidNumber(Self.id, reason: "printer cover-open before printing")))
    }

    @Test func aRefusalTellsTheCitizenAndAFailureSaysNoNumberExists() {
        let (closed, _) = Self.run([Self.choose, .serverAnswered(Self.request, .problem(kind: "quota-exhausted", status: 409))])
        #expect(closed.screen == .notice(.serviceFull, returnTo: .services(AgencyID("disdukcapil"), page: 0)))
        #expect(closed.pendingNumber == nil)
        let (failed, _) = Self.run([Self.choose, .ticketNotRecorded(Self.id, reason: "disk full")])
        #expect(failed.screen == .notice(.notRecorded, returnTo: .home))
    }

    @Test func aLateAnswerForAnotherTicketChangesNothing() {
        let other = TicketID(randomBytes: [UInt8](repeating: 3, count: 16))
        let numbered = NumberedTicket(number: "A-001", sequence: 1, peopleAhead: nil, estimatedWaitMinutes: nil, offline: false)
        let (state, effects) = Self.run([Self.choose, .ticketNumbered(other, numbered)])
        #expect(state.screen == .checking(.number(Self.id)))
        #expect(!effects.contains { if case .issue = $0 { true } else { false } })
    }
}
