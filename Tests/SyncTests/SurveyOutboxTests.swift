import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
import KioskTestSupport
import Testing

/// Survey answers (issue 20) through the kiosk's outbox to a real queue server, refused kindly (and
/// dropped) when the server says no. Sending online, from the outbox after the server was away, and
/// after a `kill -9` is SurveyEndToEndTests' (a real kioskd): here the fault proxy's fault is taken per
/// connection, and curl's kept-alive connection made a fault set between two requests unreliable.
@Suite struct SurveyOutboxTests {
    /// A served ticket of `service`: issued online by `kiosk`, called, started and done by a counter.
    /// The ticket is printed and the outbox drained first, so the server holds it whether it was numbered
    /// online or (the server slow to answer) offline.
    static func served(_ harness: SyncHarness, _ kiosk: SyncLink, _ serviceID: String = "meterai", finish: Bool = true) throws -> TicketID {
        let service = try harness.service(serviceID)
        let id = freshID()
        let now = WallClock.milliseconds()
        _ = try kiosk.issue(ticketID: id, service: service, day: SyncHarness.today(), issuedAt: now, language: .indonesian)
        try kiosk.store.recordPrintOutcome(ticketID: id.description, .printed)
        try harness.drain(kiosk)
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

    /// An answer the server took leaves no bytes in the kiosk's files: neither its suggestion nor its ticket id
    /// is found in `sync.sqlite` or its write-ahead log (review, session 29: the WAL kept the outbox row).
    @Test func aSentAnswerLeavesNoBytesInTheKiosksFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("survey-bytes-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SyncStore(path: path)
        let outbox = SurveyOutbox(store: store)
        let ticket = freshID().description
        let suggestion = "PETUGAS LOKET TIGA KASAR SEKALI"
        let upload = SurveyUpload(answers: [1, 4, 1, 4, 1, 4, 1, 4, 2], suggestion: suggestion, answeredAt: 1_796_214_018_210, clockOffsetMs: 0)
        #expect(try outbox.keep(upload, ticketID: ticket, at: 1) == .kept)
        try outbox.remove(ticket)
        for file in [path, path + "-wal"] {
            let bytes = FileManager.default.contents(atPath: file) ?? Data()
            for secret in [suggestion, ticket] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is still in \(file)")
            }
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func refusalsAreToldAndDropped() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("S2", deadlineMilliseconds: 10_000)  // Refusals, not deadlines, under test (a loaded CI machine)
        let outbox = SurveyOutbox(store: kiosk.store)
        // Another service's queue: the counter below must call the served tickets, not this one.
        let waiting = try Self.served(harness, kiosk, "informasi-umrah", finish: false)
        #expect(try kiosk.surveys.submit(Self.answer(waiting), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.notServed))
        let served = try Self.served(harness, kiosk)
        #expect(try kiosk.surveys.submit(Self.answer(served), clockOffsetMs: 0, now: WallClock.milliseconds()) == .accepted)
        #expect(try kiosk.surveys.submit(Self.answer(served, [1, 1, 1, 1, 1, 1, 1, 1, 1]), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.alreadyAnswered))
        #expect(try kiosk.surveys.submit(Self.answer(freshID()), clockOffsetMs: 0, now: WallClock.milliseconds()) == .refused(.unknownTicket))
        #expect(try outbox.depth() == 0, "nothing refused waits")
    }
}
