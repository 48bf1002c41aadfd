import Foundation
import KioskLink
import KioskProtocol
import Testing

@Suite("Counters, priority policy, wait estimate, auth, citizen page")
struct CounterAndAuthTests {
    let monday = TestServer.mondayMorning

    func issue(_ kiosk: QueueClient, at offset: Int64, priority: Bool = false, service: String = "ktp-el") throws -> QueueTicket {
        try kiosk.issue(
            IssueTicketRequest(ticketId: TestServer.newID(), serviceId: service, issuedAt: monday + offset, priority: priority))
    }

    @Test(arguments: StoreKind.allCases) func priorityTicketsTakeEveryThirdCallAndOrderIsByIssueTime(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        // Issued out of order: the queue follows issuedAt, not arrival.
        let normals = try [4, 1, 2, 3, 5].map { try issue(kiosk, at: Int64($0) * 1000) }
        let priorities = try [6, 7].map { try issue(kiosk, at: Int64($0) * 1000, priority: true) }
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        var called: [String] = []
        while let ticket = try staff.callNext(call) { called.append(ticket.ticketId) }
        let byTime = [normals[1], normals[2], normals[3], normals[0], normals[4]].map(\.ticketId)
        #expect(called == [byTime[0], byTime[1], priorities[0].ticketId, byTime[2], byTime[3], priorities[1].ticketId, byTime[4]])
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func counterLifecycleTransferAndAnEstimatedWaitFromServiceTimes(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let first = try issue(kiosk, at: 0)
        let second = try issue(kiosk, at: 1)
        let third = try issue(kiosk, at: 2)
        #expect(try kiosk.ticket(third.ticketId).estimatedWaitMinutes == nil)
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call)?.ticketId == first.ticketId)
        #expect(try staff.counter(.recall, ticketID: first.ticketId).state == .called)
        #expect(try staff.counter(.start, ticketID: first.ticketId).state == .serving)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try staff.counter(.done, ticketID: first.ticketId).state == .done)
        // Now there is history: 2 people ahead × ~1 s rounds up to 1 minute.
        #expect(try kiosk.ticket(third.ticketId).estimatedWaitMinutes == 1)
        let doneAgain = #expect(throws: QueueClientError.self) { try staff.counter(.done, ticketID: first.ticketId) }
        #expect(doneAgain.map(IssuingTests.kind) == "invalid-transition")
        #expect(try staff.callNext(call)?.ticketId == second.ticketId)
        #expect(try staff.counter(.noShow, ticketID: second.ticketId).state == .noShow)
        let moved = try staff.counter(.transfer, ticketID: third.ticketId, transferTo: "kartu-keluarga")
        #expect(moved.serviceId == "kartu-keluarga" && moved.number == third.number && moved.state == .waiting)
        #expect(try staff.callNext(call) == nil)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func kiosksAndStaffEachDoOnlyTheirOwnJobAndRevokedTokensAreRefused(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let stranger = try server.client(token: String(repeating: "0", count: 64))
        let ticket = try issue(kiosk, at: 0)
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        func status(_ work: () throws -> Void) -> Int {
            do { try work() } catch { if case .problem(let problem) = error as? QueueClientError { return problem.status } }
            return 0
        }
        #expect(status { _ = try stranger.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: monday)) } == 401)
        #expect(status { _ = try kiosk.callNext(call) } == 403)
        #expect(status { _ = try kiosk.counter(.start, ticketID: ticket.ticketId) } == 403)
        #expect(status { _ = try staff.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: monday)) } == 403)
        #expect(status { _ = try kiosk.kiosks() } == 403)
        try TestServer.run(["revoke"] + server.storeArguments + ["--id", "kiosk-1"])
        // PostgreSQL: as soon as the revocation's notification reaches the server's credential cache (milliseconds).
        #expect(CredentialCacheTests.refusedSoon { _ = try kiosk.ticket(ticket.ticketId) })
        server.expectContractKept()
    }

    @Test func tokensAreStoredOnlyAsTheirSHA256() throws {
        let server = try TestServer()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: server.database))
            + ((try? Data(contentsOf: URL(fileURLWithPath: server.database + "-wal"))) ?? Data())
        #expect(server.kioskToken.count == 64)
        #expect(bytes.range(of: Data(server.kioskToken.utf8)) == nil)
    }

    @Test(arguments: StoreKind.allCases) func citizenPageShowsNumberPositionAndWaitInIndonesianAndEnglish(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        _ = try issue(kiosk, at: 0)
        let ticket = try issue(kiosk, at: 1)
        let reply = try server.transport().send(HTTPRequest(method: "GET", path: ticket.statusPath))
        let page = String(decoding: reply.body, as: UTF8.self)
        #expect(reply.status == 200 && reply.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.contains("DA-002") && page.contains("http-equiv=\"refresh\""))
        #expect(page.contains("Antrean di depan Anda: 1") && page.contains("People ahead of you: 1"))
        #expect(page.contains("Perkiraan waktu tunggu belum tersedia") && page.contains("No wait estimate yet"))
        #expect(try server.transport().send(HTTPRequest(method: "GET", path: "/t/" + TestServer.newID())).status == 404)
        server.expectContractKept()
    }
}
