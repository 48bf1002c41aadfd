import Testing

@testable import KioskCore

/// The link's decisions in the core (issue 17): the link's workers report facts as events and carry
/// out effects; whether a number can be given at all, voiding a number nobody holds, and when a
/// server's catalogue takes effect are decided here.
@Suite struct LinkDecisionTests {
    typealias Linked = LinkedFlowTests

    static func step(_ state: KioskState, _ event: Event, settings: FlowSettings = Linked.settings) -> (KioskState, [Effect]) {
        KioskFlow.step(state, event, StepContext(now: Linked.now, freshTicketID: Linked.id), settings: settings)
    }

    static func requests(_ effects: [Effect]) -> [NumberRequest] {
        effects.compactMap { if case .requestNumber(let request) = $0 { request } else { nil } }
    }

    @Test func aSilentServerWithNoLeaseOrMarkClosesTheFirstScreenBeforeAnyoneTouchesIt() {
        var state = KioskState()
        var effects: [Effect]
        (state, effects) = Self.step(state, .linkReported(serverAnswers: false, canNumberOffline: false))
        #expect(state.link.cannotNumber && state.screen == .home)
        #expect(effects.first == .show(.home), "the first screen redraws at once: \(effects)")
        #expect(effects.contains { if case .log(.warning, _) = $0 { true } else { false } })

        // A citizen who got to a service anyway (a booking, a screen drawn just before) asks for nothing.
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        (state, effects) = Self.step(state, Linked.choose)
        #expect(Self.requests(effects).isEmpty && state.pendingNumber == nil, "no number asked: \(effects)")
        #expect(state.screen == .notice(.noNumberOffline, returnTo: .home))
        (state, _) = Self.step(state, .press(.back))
        #expect(state.screen == .home)

        // The same report again changes nothing: no redraw, no log.
        (state, effects) = Self.step(state, .linkReported(serverAnswers: false, canNumberOffline: false))
        #expect(effects.isEmpty)
    }

    @Test(arguments: [(true, false), (false, true), (true, true)])
    func theServerAnsweringOrALeaseArrivingOpensTheFirstScreenAgain(_ answers: Bool, _ canNumberOffline: Bool) {
        var (state, _) = Self.step(KioskState(), .linkReported(serverAnswers: false, canNumberOffline: false))
        var effects: [Effect]
        (state, effects) = Self.step(state, .linkReported(serverAnswers: answers, canNumberOffline: canNumberOffline))
        #expect(!state.link.cannotNumber)
        #expect(effects.first == .show(.home), "redrawn with its agencies: \(effects)")
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        (state, effects) = Self.step(state, Linked.choose)
        #expect(Self.requests(effects).count == 1, "a number is asked again")
    }

    @Test func beforeTheFirstRoundEndsTheKioskAsksTheServerAsBefore() {
        // Nothing reported yet (kioskd just started): trusted, as an unknown printer is.
        var state = KioskState()
        state.link.canNumberOffline = false
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        let (_, effects) = Self.step(state, Linked.choose)
        #expect(Self.requests(effects).count == 1)
    }

    @Test func aNumberThatComesAfterTheCitizenLeftIsVoidedAndNeverPrinted() {
        var (state, _) = Linked.run([Linked.choose])
        #expect(state.pendingNumber != nil)
        state.screen = .home  // The citizen gave up (the idle timeout) before the answer came.
        let numbered = NumberedTicket(number: "A-031", sequence: 31, peopleAhead: 2, estimatedWaitMinutes: 5, offline: false)
        let (_, effects) = Self.step(state, .ticketNumbered(Linked.id, numbered))
        #expect(effects.contains(.voidNumber(Linked.id, reason: "numbered after the citizen left")), "\(effects)")
        #expect(!effects.contains { if case .issue = $0 { true } else { false } })
    }

    @Test func aNumberTheCitizenWaitsForIsNeverVoided() {
        let numbered = NumberedTicket(number: "A-031", sequence: 31, peopleAhead: 2, estimatedWaitMinutes: 5, offline: false)
        let (_, effects) = Linked.run([Linked.choose, .ticketNumbered(Linked.id, numbered)])
        #expect(!effects.contains { if case .voidNumber = $0 { true } else { false } })
    }

    @Test func aCatalogueFromTheServerTakesEffectOnlyOnTheFirstScreen() {
        var state = KioskState()
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        state.history = [.home]
        state.lastActivity = Linked.now  // A citizen choosing, not an idle kiosk.
        var effects: [Effect]
        (state, effects) = Self.step(state, .catalogueArrived(version: "\"v2\""))
        #expect(!effects.contains { if case .useCatalogue = $0 { true } else { false } }, "not mid-journey")
        (state, effects) = Self.step(state, .tick)
        #expect(effects.isEmpty)
        (state, effects) = Self.step(state, .press(.back))
        #expect(state.screen == .home)
        #expect(effects.contains(.useCatalogue(version: "\"v2\"")), "\(effects)")
        (state, effects) = Self.step(state, .tick)
        #expect(effects.isEmpty, "taken up once")
        (state, effects) = Self.step(state, .catalogueArrived(version: "\"v3\""))
        #expect(effects == [.useCatalogue(version: "\"v3\"")], "on the first screen at once")
    }

    @Test func aStandaloneKioskIsNeverClosedByALinkReport() {
        var settings = Linked.settings
        settings.linked = false
        var state = KioskState()
        state.link.serverAnswers = false
        state.link.canNumberOffline = false
        state.screen = .services(AgencyID("disdukcapil"), page: 0)
        let (next, _) = Self.step(state, Linked.choose, settings: settings)
        #expect(next.lastSequence[Linked.service.id] == 1, "a standalone kiosk numbers on")
    }
}
