import Testing

@testable import KioskCore

/// Issue 17: the number deadline passing is an event the core decides on. The runtime's timer says
/// the deadline passed; the core numbers the ticket offline under the same id if the server has not
/// answered, and an answer that comes after that changes nothing.
@Suite struct NumberDeadlineTests {
    typealias Answers = ServerAnswerTests

    static let offline = NumberedTicket(number: "A-509", sequence: 509, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)

    static func issued(_ effects: [Effect]) -> Ticket? { effects.compactMap { if case .issue(let t) = $0 { t } else { nil } }.first }

    @Test func theRequestCarriesTheConfiguredDeadline() throws {
        var settings = LinkedFlowTests.settings
        settings.numberDeadlineMilliseconds = 700
        var state = KioskState()
        state.printer = .ready
        state.screen = .services(LinkedFlowTests.service.agencyID, page: 0)
        let (_, effects) = KioskFlow.step(
            state, LinkedFlowTests.choose, StepContext(now: LinkedFlowTests.now, freshTicketID: LinkedFlowTests.id),
            settings: settings)
        let request = try #require(effects.compactMap { if case .requestNumber(let r) = $0 { r } else { nil } }.first)
        #expect(request.deadlineMilliseconds == 700)
    }

    @Test func withNoAnswerTheTicketIsNumberedOfflineUnderTheSameID() throws {
        let (asked, request) = try Answers.asked()
        var (state, effects) = Answers.step(asked, .numberDeadlinePassed(request.id))
        #expect(effects.filter(Answers.isOffline) == [.numberOffline(request)], "\(effects)")
        #expect(state.screen == .checking(.number(request.id)) && state.isNumbering(request.id), "the citizen still waits")

        // The worker's own "no answer" follows (its request timed out too): no second offline number.
        (state, effects) = Answers.step(state, .serverAnswered(request, .none(reason: "timeout after 1500 ms")))
        #expect(!effects.contains(where: Answers.isOffline) && state.isNumbering(request.id), "\(effects)")

        (state, effects) = Answers.step(state, .ticketNumbered(request.id, Self.offline))
        let ticket = try #require(Self.issued(effects))
        #expect(ticket.offline && ticket.number == "A-509" && ticket.id == request.id)
        #expect(!state.isNumbering(request.id) && state.numberingOffline.isEmpty)
    }

    @Test func theServersNumberAfterTheDeadlineIsNotHandedOut() throws {
        let (asked, request) = try Answers.asked()
        var (state, effects) = Answers.step(asked, .numberDeadlinePassed(request.id))
        let late = NumberedTicket(number: "A-013", sequence: 13, peopleAhead: 2, estimatedWaitMinutes: 9, offline: false)
        (state, effects) = Answers.step(state, .serverAnswered(request, .numbered(late)))
        #expect(Self.issued(effects) == nil && !effects.contains(where: Answers.isOffline), "\(effects)")
        #expect(!effects.contains { if case .voidNumber = $0 { true } else { false } }, "the server merges it with the offline twin")
        (state, effects) = Answers.step(state, .ticketNumbered(request.id, Self.offline))
        #expect(Self.issued(effects)?.number == "A-509", "the citizen gets the offline number: one ticket, one paper")
    }

    @Test func aLateRefusalForgetsNothing() throws {
        let (asked, request) = try Answers.asked()
        var (state, effects) = Answers.step(asked, .numberDeadlinePassed(request.id))
        (state, effects) = Answers.step(state, .serverAnswered(request, .problem(kind: "quota-exhausted", status: 409)))
        #expect(!effects.contains(.forgetNumber(request.id)), "the ticket is being numbered offline: it exists")
        #expect(state.screen == .checking(.number(request.id)))
    }

    @Test func theDeadlinePassingAfterTheAnswerChangesNothing() throws {
        let (asked, request) = try Answers.asked()
        let online = NumberedTicket(number: "A-012", sequence: 12, peopleAhead: 4, estimatedWaitMinutes: 18, offline: false)
        var (state, effects) = Answers.step(asked, .serverAnswered(request, .numbered(online)))
        #expect(!state.isNumbering(request.id))
        let before = state
        (state, effects) = Answers.step(state, .numberDeadlinePassed(request.id))
        #expect(effects.isEmpty && state == before)
    }

    @Test func theDeadlinePassesOnceForAnOfflineTicket() throws {
        let (asked, request) = try Answers.asked()
        var (state, _) = Answers.step(asked, .serverAnswered(request, .none(reason: "connection refused")))
        let effects: [Effect]
        (state, effects) = Answers.step(state, .numberDeadlinePassed(request.id))
        #expect(effects.isEmpty, "asked offline once already: \(effects)")
    }

    @Test func aCitizenWhoLeftBeforeTheDeadlineHasTheOfflineNumberVoided() throws {
        let (asked, request) = try Answers.asked()
        var state = asked
        state.screen = .home
        var effects: [Effect]
        (state, effects) = Answers.step(state, .numberDeadlinePassed(request.id))
        #expect(effects.contains(.numberOffline(request)), "a copy the server stored late must meet its offline twin")
        (state, effects) = Answers.step(state, .ticketNumbered(request.id, Self.offline))
        #expect(effects.contains(.voidNumber(request.id, reason: "numbered after the citizen left")))
        #expect(state.pendingNumber == nil && !state.isNumbering(request.id), "the kiosk is between citizens again")
    }
}
