import Testing

@testable import KioskCore

/// Issue 17: refusal vs offline is the core's decision. The network worker reports what the queue
/// server said within the deadline (``ServerAnswer``); the core prints the server's number, tells the
/// citizen a refusal, or asks for the ticket to be numbered offline under the same id.
@Suite struct ServerAnswerTests {
    typealias Linked = LinkedFlowTests

    /// The state after choosing the service, and the request the core made.
    static func asked() throws -> (KioskState, NumberRequest) {
        let (state, effects) = Linked.run([Linked.choose])
        let request = try #require(effects.compactMap { if case .requestNumber(let r) = $0 { r } else { nil } }.first)
        return (state, request)
    }

    static func step(_ state: KioskState, _ event: Event) -> (KioskState, [Effect]) {
        KioskFlow.step(state, event, StepContext(now: Linked.now, freshTicketID: Linked.id), settings: Linked.settings)
    }

    static func isOffline(_ effect: Effect) -> Bool { if case .numberOffline = effect { true } else { false } }

    @Test func theServersNumberIsPrintedAsTheServerGaveIt() throws {
        let (state, request) = try Self.asked()
        let numbered = NumberedTicket(number: "A-012", sequence: 12, peopleAhead: 4, estimatedWaitMinutes: 18, offline: false)
        let (next, effects) = Self.step(state, .serverAnswered(request, .numbered(numbered)))
        let ticket = try #require(effects.compactMap { if case .issue(let t) = $0 { t } else { nil } }.first)
        #expect(ticket.number == "A-012" && !ticket.offline && ticket.id == request.id)
        #expect(next.screen == .ticket(ticket, .printing) && !effects.contains(where: Self.isOffline))
    }

    @Test(arguments: [("quota-exhausted", NumberRefusal.full), ("closed", .closed), ("unknown-service", .closed)])
    func aRefusalIsToldToTheCitizenAndTheAskForgotten(_ kind: String, _ refusal: NumberRefusal) throws {
        let (state, request) = try Self.asked()
        let (next, effects) = Self.step(state, .serverAnswered(request, .problem(kind: kind, status: 409)))
        #expect(effects.contains(.forgetNumber(request.id)), "no ticket exists: \(effects)")
        #expect(!effects.contains(where: Self.isOffline), "a refusal is never numbered offline")
        let returnTo = ReturnPoint.services(Linked.service.agencyID, page: 0)
        #expect(next.screen == .notice(refusal == .full ? .serviceFull : .serviceClosed, returnTo: returnTo))
        #expect(next.pendingNumber == nil)
    }

    @Test(arguments: [
        ServerAnswer.none(reason: "timeout after 500 ms"), .problem(kind: "internal", status: 500),
        .problem(kind: "unauthorized", status: 401), .problem(kind: "conflict", status: 409),
    ])
    func anythingElseIsNumberedOfflineUnderTheSameID(_ answer: ServerAnswer) throws {
        let (state, request) = try Self.asked()
        var (next, effects) = Self.step(state, .serverAnswered(request, answer))
        #expect(effects == [.numberOffline(request)], "the same request, so the same ticket id: \(effects)")
        #expect(next.screen == .checking(.number(request.id)) && next.pendingNumber == request, "the citizen still waits")
        let offline = NumberedTicket(number: "A-507", sequence: 507, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)
        (next, effects) = Self.step(next, .ticketNumbered(request.id, offline))
        let ticket = try #require(effects.compactMap { if case .issue(let t) = $0 { t } else { nil } }.first)
        #expect(ticket.offline && ticket.number == "A-507" && ticket.id == request.id)
    }

    @Test func aCitizenWhoLeftHasTheTicketNumberedOfflineThenVoided() throws {
        let (asked, request) = try Self.asked()
        var state = asked
        state.screen = .home  // Gone before the deadline passed.
        var effects: [Effect]
        (state, effects) = Self.step(state, .serverAnswered(request, .none(reason: "timeout")))
        #expect(effects.contains(.numberOffline(request)), "a copy the server stored late must meet its offline twin")
        let offline = NumberedTicket(number: "A-508", sequence: 508, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)
        (state, effects) = Self.step(state, .ticketNumbered(request.id, offline))
        #expect(effects.contains(.voidNumber(request.id, reason: "numbered after the citizen left")))
        #expect(!effects.contains { if case .issue = $0 { true } else { false } })
    }
}
