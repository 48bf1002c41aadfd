import Testing

@testable import KioskCore

/// The flow honours the building's calendar: a day off, a session's quota, and counts restored after a restart.
@Suite("Calendar in the citizen flow")
struct CalendarFlowTests {
    private static func settings() throws -> FlowSettings {
        let file = try ConfigFixtures.shippedFile("kiosk-config/catalogue-badung-sample.json")
        return FlowSettings(
            catalogue: try ConfigParser.catalogue(text: file.text, path: file.path), timeZone: .wita, idleTimeoutSeconds: 30,
            ticketScreenSeconds: 10, agenciesPerPage: 6, servicesPerPage: 6)
    }

    /// `date` at `hour:minute` WITA.
    private static func moment(_ date: String, _ hour: Int, _ minute: Int) -> Timestamp {
        let days = Int64(CalendarDate(date)!.daysSinceEpoch)
        return Timestamp(secondsSinceEpoch: days * 86_400 + Int64(hour * 3600 + minute * 60) - 8 * 3600)
    }

    private static func issue(_ service: ServiceID, at now: Timestamp, _ state: inout KioskState, _ settings: FlowSettings, id: UInt8)
        -> [Effect]
    {
        let agency = settings.catalogue.service(service)!.agencyID
        var effects: [Effect] = []
        for action: Action in [.chooseAgency(agency), .chooseService(service)] {
            var more: [Effect]
            (state, more) = KioskFlow.step(
                state, .press(action), StepContext(now: now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: id, count: 16))),
                settings: settings)
            effects += more
        }
        // Back to the start for the next citizen.
        (state, _) = KioskFlow.step(state, .ticketPrinted(TicketID(randomBytes: [UInt8](repeating: id, count: 16))), StepContext(now: now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 0, count: 16))), settings: settings)
        state.screen = .home
        state.history = []
        return effects
    }

    @Test("on Nyepi no service takes a ticket, and each says why and when it opens")
    func nyepiTurnsNobodyIntoAGhostTicket() throws {
        let settings = try Self.settings()
        let state = KioskState()
        let now = Self.moment("2026-03-19", 10, 0)
        for service in settings.catalogue.allServices {
            guard case .closed(.dayOff(let entry), let next) = state.availability(of: service, now: now, settings: settings) else {
                Issue.record("\(service.id) is not closed on Nyepi")
                continue
            }
            #expect(entry.name.english.contains("Nyepi"))
            #expect(next.map { $0.date > CalendarDate("2026-03-19")! } ?? false, "\(service.id)")
        }
        var flow = KioskState()
        let effects = Self.issue(ServiceID("ktp-el"), at: now, &flow, settings, id: 1)
        #expect(!effects.contains { if case .issue = $0 { true } else { false } })
    }

    @Test("KTP-el takes 50 tickets in its first session, then is full until the next session, counted again after a restart")
    func sessionQuota() throws {
        let settings = try Self.settings()
        let ktp = ServiceID("ktp-el")
        var state = KioskState()
        let morning = Self.moment("2026-01-12", 9, 0)
        var issuedAt: [Timestamp] = []
        for n in 1...50 {
            let effects = Self.issue(ktp, at: morning, &state, settings, id: UInt8(n))
            #expect(effects.contains { if case .issue = $0 { true } else { false } }, "ticket \(n)")
            issuedAt.append(morning)
        }
        let service = settings.catalogue.service(ktp)!
        #expect(
            state.availability(of: service, now: morning, settings: settings)
                == .full(next: Opening(date: CalendarDate("2026-01-12")!, time: TimeOfDay(hour: 10, minute: 0))))
        let effects = Self.issue(ktp, at: morning, &state, settings, id: 51)
        #expect(!effects.contains { if case .issue = $0 { true } else { false } })
        #expect(state.availability(of: service, now: Self.moment("2026-01-12", 10, 5), settings: settings) == .open)

        // A restart: the ledger's issue times give the session counts back.
        var restarted = KioskState()
        (restarted, _) = KioskFlow.step(
            restarted, .restored(day: "2026-01-12", lastSequence: [ktp: 50], issuedAt: [ktp: issuedAt]),
            StepContext(now: morning, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 9, count: 16))), settings: settings)
        #expect(restarted.availability(of: service, now: morning, settings: settings) == .full(next: Opening(date: CalendarDate("2026-01-12")!, time: TimeOfDay(hour: 10, minute: 0))))
    }
}
