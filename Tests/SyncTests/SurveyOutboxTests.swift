import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Testing

/// Survey answers (issue 20) through the kiosk's outbox to a real queue server: sent at once when it
/// is there, kept and sent once on reconnect when it is not, sent once when the answer to the first
/// send was lost, and refused kindly (and dropped) when the server says no.
@Suite struct SurveyOutboxTests {
    /// A served ticket of `service`: issued online by `kiosk`, called, started and done by a counter.
    static func served(_ harness: SyncHarness, _ kiosk: SyncLink, finish: Bool = true) throws -> TicketID {
        let service = try harness.service("meterai")
        let id = freshID()
        let now = WallClock.milliseconds()
        _ = try kiosk.issue(ticketID: id, service: service, day: SyncHarness.today(), issuedAt: now, language: .indonesian)
        guard finish else { return id }
        let staff = QueueClient(
            transport: try CurlTransport(baseURL: "http://127.0.0.1:\(harness.server.port)", timeoutMilliseconds: 5000),
            token: try harness.server.addStaff("COUNTER-\(UUID().uuidString.prefix(8))"))
        let called = try #require(try staff.callNext(CallNextRequest(counterId: "C1", serviceIds: [service.id.rawValue], day: SyncHarness.today())))
        #expect(called.ticketId == id.description)
        _ = try staff.counter(.start, ticketID: called.ticketId)
        _ = try staff.counter(.done, ticketID: called.ticketId)
        return id
    }

    static func answer(_ id: TicketID, _ answers: [Int] = [4, 3, 4, 3, 4, 3, 4, 3, 4]) -> SurveyAnswer {
        SurveyAnswer(ticketID: id, answers: answers, suggestion: "RUANG TUNGGU NYAMAN", answeredAt: Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()))
    }

    /// Survey rows the server holds for `id`.
    static func stored(_ harness: SyncHarness, _ id: TicketID) throws -> Int {
        let database = try SQLiteDatabase(path: harness.server.database, readOnly: true)
        if case .integer(let n) = try database.query("SELECT count(*) FROM surveys WHERE ticket_id = ?", [.text(id.description)]).first?.first { return Int(n) }
        return 0
    }

    @Test(.timeLimit(.minutes(4)))
    func onlineOfflineAndALostAnswerEachStoreTheSurveyOnce() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("S1")
        let outbox = SurveyOutbox(store: kiosk.store)

        // Online: stored at once, nothing waits.
        let online = try Self.served(harness, kiosk)
        #expect(try kiosk.surveys.submit(Self.answer(online), clockOffsetMs: 0, now: WallClock.milliseconds()) == .accepted)
        #expect(try outbox.depth() == 0 && Self.stored(harness, online) == 1)

        // The server away: the answer waits, then the background round sends it once.
        let offline = try Self.served(harness, kiosk)
        harness.proxy.fault = .blackHole
        #expect(try kiosk.surveys.submit(Self.answer(offline), clockOffsetMs: 0, now: WallClock.milliseconds()) == .queued)
        #expect(try outbox.depth() == 1 && Self.stored(harness, offline) == 0)
        #expect(throws: QueueClientError.self) { try kiosk.surveys.drain() }
        harness.proxy.fault = .none
        #expect(try kiosk.surveys.drain() == 1)
        #expect(try outbox.depth() == 0 && Self.stored(harness, offline) == 1)

        // The server stores it but its answer is lost (as a kill between sending and recording): the
        // entry stays, the next round sends it again and the server answers with the first receipt.
        let lost = try Self.served(harness, kiosk)
        harness.proxy.fault = .loseOneAnswer
        #expect(try kiosk.surveys.submit(Self.answer(lost), clockOffsetMs: 0, now: WallClock.milliseconds()) == .queued)
        #expect(try Self.stored(harness, lost) == 1 && outbox.depth() == 1)
        #expect(try kiosk.surveys.drain() == 1)
        #expect(try outbox.depth() == 0 && Self.stored(harness, lost) == 1, "sent twice, stored once")
    }

    @Test(.timeLimit(.minutes(4)))
    func refusalsAreToldAndDroppedAndASecondAnswerWaitingIsRefusedAtTheKiosk() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("S2")
        let outbox = SurveyOutbox(store: kiosk.store)
        let waiting = try Self.served(harness, kiosk, finish: false)
        #expect(try kiosk.surveys.submit(Self.answer(waiting), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.notServed))
        let served = try Self.served(harness, kiosk)
        #expect(try kiosk.surveys.submit(Self.answer(served), clockOffsetMs: 0, now: WallClock.milliseconds()) == .accepted)
        #expect(try kiosk.surveys.submit(Self.answer(served, [1, 1, 1, 1, 1, 1, 1, 1, 1]), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.alreadyAnswered))
        #expect(try kiosk.surveys.submit(Self.answer(freshID()), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.unknownTicket))
        #expect(try outbox.depth() == 0, "nothing refused waits")

        // Offline, two different answers for one ticket: the second is refused at once, the first waits.
        let another = try Self.served(harness, kiosk)
        harness.proxy.fault = .blackHole
        #expect(try kiosk.surveys.submit(Self.answer(another), clockOffsetMs: 0, now: WallClock.milliseconds()) == .queued)
        #expect(try kiosk.surveys.submit(Self.answer(another, [2, 2, 2, 2, 2, 2, 2, 2, 2]), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.alreadyAnswered))
        #expect(try outbox.depth() == 1)
        harness.proxy.fault = .none
        #expect(try kiosk.surveys.drain() == 1)
        #expect(try Self.stored(harness, another) == 1)
    }
}
