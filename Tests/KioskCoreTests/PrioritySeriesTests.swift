import KioskCore
import Testing

/// Issue 18 item 5: a service's priority series (`prioritySeries` in the catalogue), read and validated
/// with file, line and fix, and numbered by the standalone kiosk beside the service's general series.
@Suite("Priority number series")
struct PrioritySeriesTests {
    typealias F = ConfigFixtures

    /// The fixture catalogue with line 9 (service `akta-lahir`, prefix `B`) given `series`.
    private static func aktaLine(_ series: String) -> String {
        #"    {"id": "akta-lahir", "agency": "disdukcapil", "name": {"id": "Akta Kelahiran", "en": "Birth certificate"}, "prefix": "B", "dailyQuota": 3, "prioritySeries": "#
            + series + "},"
    }

    private static func catalogue(_ series: String) throws -> Catalogue {
        try ConfigParser.catalogue(text: F.text(F.catalogueLines, replacing: 9, with: aktaLine(series)), path: F.cataloguePath)
    }

    private static func error(_ series: String) throws -> ConfigError {
        try F.catalogueError(F.text(F.catalogueLines, replacing: 9, with: aktaLine(series)))
    }

    @Test func theCatalogueGivesAServiceItsPrioritySeries() throws {
        let catalogue = try Self.catalogue(#"{"prefix": "BP"}"#)
        let akta = try #require(catalogue.service(ServiceID("akta-lahir")))
        #expect(akta.priorityPrefix == "BP")
        #expect(akta.series(for: .elderly) == .priority && akta.series(for: nil) == .general)
        #expect(Ticket.number(for: akta, sequence: 3, series: .priority) == "BP-003")
        let ktp = try #require(catalogue.service(ServiceID("ktp-el")))
        #expect(ktp.priorityPrefix == nil && ktp.series(for: .pregnant) == .general, "without the setting priority takes the general series")
    }

    @Test(arguments: [#"{"prefix": "bp"}"#, #"{"prefix": "BPXX"}"#, #"{"prefix": ""}"#, #"{"prefix": "9P"}"#, #"{"prefix": "B-P"}"#])
    func aBadPrefixIsRefusedWithWhereAndHow(series: String) throws {
        let error = try Self.error(series)
        #expect(error.line == 9 && error.jsonPath == "$.services[1].prioritySeries.prefix")
        #expect(error.problem.contains("is not 1 to 3 capital letters or digits starting with a letter"))
        #expect(error.fix.contains("\"A\""))
    }

    @Test func aPrefixOfAnotherSeriesIsRefused() throws {
        let others = try Self.error(#"{"prefix": "A"}"#)
        #expect(others.jsonPath == "$.services[1].prioritySeries.prefix")
        #expect(others.problem == #"prefix "A" of service "akta-lahir" is already used by service "ktp-el" (line 8)"#)
        #expect(others.fix.contains("own prefix"))
        let own = try Self.error(#"{"prefix": "B"}"#)
        #expect(own.problem == #"prefix "B" of service "akta-lahir" is already used by this service (line 9)"#)
        let later = try Self.error(#"{"prefix": "P"}"#)
        #expect(later.jsonPath == "$.services[2].prefix", "a later service's prefix may not take a priority series' prefix")
        #expect(later.problem == #"prefix "P" of service "paspor" is already used by service "akta-lahir" (line 9)"#)
    }

    @Test func theSeriesObjectTakesOnlyAPrefix() throws {
        let unknown = try Self.error(#"{"prefix": "BP", "width": 4}"#)
        #expect(unknown.jsonPath == "$.services[1].prioritySeries.width")
        let missing = try Self.error("{}")
        #expect(missing.problem == #"missing required field "prefix""#)
        let text = try Self.error(#""BP""#)
        #expect(text.jsonPath == "$.services[1].prioritySeries" && text.problem.contains("expected an object"))
    }

    /// Tuesday 2026-12-01 10:15 WITA.
    private static let tuesday = Timestamp(secondsSinceEpoch: 1_796_091_300)

    /// Issues one standalone ticket of `akta-lahir` from the home screen, with `priority` chosen first; nil when none was issued.
    private static func issue(
        _ state: inout KioskState, priority: TicketPriority?, now: Timestamp = tuesday, settings: FlowSettings, id: UInt8
    ) -> Ticket? {
        var effects: [Effect] = []
        func send(_ event: Event) {
            (state, effects) = KioskFlow.step(
                state, event, StepContext(now: now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: id, count: 16))),
                settings: settings)
        }
        if let priority {
            send(.press(.askPriority))
            send(.press(.choosePriority(priority)))
        }
        send(.press(.chooseAgency(AgencyID("disdukcapil"))))
        send(.press(.chooseService(ServiceID("akta-lahir"))))
        let ticket = effects.compactMap { if case .issue(let ticket) = $0 { ticket } else { nil } }.first
        if let ticket {
            send(.ticketPrinted(ticket.id))
            send(.press(.done))
        } else {
            // A full service leaves the citizen on its screen: the next one starts from the first screen.
            state.screen = .home
            state.history = []
            state.priority = nil
        }
        return ticket
    }

    private static func settings() throws -> FlowSettings {
        FlowSettings(
            catalogue: try catalogue(#"{"prefix": "BP"}"#), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
            agenciesPerPage: 4, servicesPerPage: 4, alwaysOpen: true)
    }

    @Test func priorityTicketsTakeTheirOwnSeriesAndTheQuotaCountsBoth() throws {
        let settings = try Self.settings()
        var state = KioskState()
        let first = try #require(Self.issue(&state, priority: nil, settings: settings, id: 1))
        let priority = try #require(Self.issue(&state, priority: .elderly, settings: settings, id: 2))
        let second = try #require(Self.issue(&state, priority: nil, settings: settings, id: 3))
        #expect([first.number, priority.number, second.number] == ["B-001", "BP-001", "B-002"])
        #expect(priority.series == .priority && priority.sequence == 1 && priority.priority == .elderly)
        #expect(first.series == .general && second.sequence == 2, "the general series was not consumed by the priority ticket")
        let akta = try #require(settings.catalogue.service(ServiceID("akta-lahir")))
        #expect(state.issuedToday(akta.id, now: Self.tuesday, zone: .wita) == 3)
        #expect(state.availability(of: akta, now: Self.tuesday, settings: settings) == .full(next: nil), "dailyQuota 3 counts both series")
        #expect(Self.issue(&state, priority: .disability, settings: settings, id: 4) == nil)
    }

    @Test func bothSeriesResumeAfterARestartAndStartAfreshNextDay() throws {
        let settings = try Self.settings()
        var state = KioskState()
        (state, _) = KioskFlow.step(
            state,
            .restored(day: "2026-12-01", lastSequence: [ServiceID("akta-lahir"): 1], prioritySequence: [ServiceID("akta-lahir"): 1]),
            StepContext(now: Self.tuesday, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 0, count: 16))), settings: settings)
        #expect(Self.issue(&state, priority: .pregnant, settings: settings, id: 1)?.number == "BP-002")
        #expect(Self.issue(&state, priority: nil, settings: settings, id: 2) == nil, "1 + 1 restored and 1 new use the quota of 3")
        let wednesday = Self.tuesday.adding(seconds: 86_400)
        #expect(Self.issue(&state, priority: .pregnant, now: wednesday, settings: settings, id: 3)?.number == "BP-001")
        #expect(Self.issue(&state, priority: nil, now: wednesday, settings: settings, id: 4)?.number == "B-001")
    }
}
