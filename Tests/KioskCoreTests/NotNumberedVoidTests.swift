import Testing

@testable import KioskCore

/// Issue 17: a linked kiosk's ticket that was asked of the server but never handed out is voided by the
/// core's decision (``Effect/voidNumber(_:reason:)``), not by the link or the daemon on their own.
@Suite struct NotNumberedVoidTests {
    typealias Answers = ServerAnswerTests

    static func voids(_ effects: [Effect]) -> [TicketID] {
        effects.compactMap { if case .voidNumber(let id, _) = $0 { id } else { nil } }
    }

    @Test func noOfflineNumberVoidsWhatTheServerMayHoldLate() throws {
        let (asked, request) = try Answers.asked()
        var (state, _) = Answers.step(asked, .serverAnswered(request, .none(reason: "timeout")))
        let effects: [Effect]
        (state, effects) = Answers.step(state, .ticketNotRecorded(request.id, reason: "not numbered offline: no mark"))
        #expect(Self.voids(effects) == [request.id], "\(effects)")
        #expect(state.screen == .notice(.notRecorded, returnTo: .home) && !state.isNumbering(request.id))
    }

    @Test func anAskNotRecordedVoidsNothing() throws {
        let (asked, request) = try Answers.asked()
        let (state, effects) = Answers.step(asked, .ticketNotRecorded(request.id, reason: "the request was not recorded: disk full"))
        #expect(Self.voids(effects).isEmpty, "nothing was asked of the server: \(effects)")
        #expect(state.screen == .notice(.notRecorded, returnTo: .home) && state.pendingNumber == nil)
    }

    @Test func aNumberedTicketWhosePrintStateIsNotRecordedIsVoided() throws {
        let (asked, request) = try Answers.asked()
        let online = NumberedTicket(number: "A-012", sequence: 12, peopleAhead: 4, estimatedWaitMinutes: 18, offline: false)
        var (state, _) = Answers.step(asked, .serverAnswered(request, .numbered(online)))
        let effects: [Effect]
        (state, effects) = Answers.step(state, .ticketNotRecorded(request.id, reason: "print state not recorded: I/O error"))
        #expect(Self.voids(effects) == [request.id], "the server holds A-012, no paper carries it: \(effects)")
        #expect(state.screen == .notice(.notRecorded, returnTo: .home))
    }

    @Test func aStandaloneTicketNotRecordedHasNoServerToTell() {
        var state = KioskState()
        let ticket = LinkedFlowTests.request.ticket(
            NumberedTicket(number: "A-001", sequence: 1, peopleAhead: nil, estimatedWaitMinutes: nil, offline: false))
        state.screen = .ticket(ticket, .printing)
        var settings = LinkedFlowTests.settings
        settings.linked = false
        let (_, effects) = KioskFlow.step(
            state, .ticketNotRecorded(ticket.id, reason: "disk full"), StepContext(now: LinkedFlowTests.now, freshTicketID: ticket.id),
            settings: settings)
        #expect(Self.voids(effects).isEmpty)
    }
}
