import Foundation
import KioskLink
import KioskProtocol
@testable import QueueServer
import Testing

/// Issue 11 #1: an online answer the kiosk gave up on is never called under a number nobody holds.
@Suite("Late online answers: held until the paper's number is known")
struct LateAnswerTests {
    let monday = TestServer.mondayMorning

    func request(_ id: String = TestServer.newID(), within: Int? = nil) -> IssueTicketRequest {
        IssueTicketRequest(ticketId: id, serviceId: "ktp-el", issuedAt: monday, answerWithinMs: within)
    }

    @Test(arguments: StoreKind.allCases) func aLateOnlineTicketIsHeldUntilTheSyncGivesItThePapersNumber(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 5))
        // The kiosk waited 1 ms: the server's answer is late whatever happens.
        let late = try kiosk.issue(request(within: 1))
        #expect(late.number == "DA-006")
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call) == nil, "a held ticket was called under a number no paper carries")
        // The kiosk printed its leased DA-001 under the same id and syncs it.
        let paper = OfflineTicket(ticket: request(late.ticketId), sequence: lease.first, number: "DA-001", day: TestServer.mondayDay)
        let reply = try kiosk.sync(SyncBatch(tickets: [paper]))
        #expect(reply.results.first?.outcome == .alreadyKnown && reply.results.first?.ticket?.number == "DA-001")
        let called = try #require(try staff.callNext(call))
        #expect(called.ticketId == late.ticketId && called.number == "DA-001")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func aKioskConfirmingItPrintedTheLateAnswerReleasesIt(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let late = try kiosk.issue(request(within: 1))
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call) == nil)
        _ = try kiosk.reportPrint(ticketID: late.ticketId, PrintReport(printed: true))
        #expect(try staff.callNext(call)?.ticketId == late.ticketId)
        // An answer in time is callable at once.
        let onTime = try kiosk.issue(request(within: 60_000))
        #expect(try staff.callNext(call)?.ticketId == onTime.ticketId)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func theSyncWinsOverACallUnderTheOnlineNumber(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 2))
        // The answer left the server in time but never reached the kiosk (a held answer).
        let online = try kiosk.issue(request(within: 60_000))
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try staff.callNext(call)?.number == online.number)
        _ = try staff.counter(.noShow, ticketID: online.ticketId)
        let paper = OfflineTicket(ticket: request(online.ticketId), sequence: lease.first, number: "DA-001", day: TestServer.mondayDay)
        let reply = try kiosk.sync(SyncBatch(tickets: [paper]))
        #expect(reply.results.first?.outcome == .alreadyKnown, "\(reply.results.map { $0.reason ?? "ok" })")
        #expect(reply.results.first?.ticket?.number == "DA-001" && reply.results.first?.ticket?.state == .waiting)
        // Called again, now by the number on the citizen's paper.
        #expect(try staff.callNext(call)?.number == "DA-001")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func aKioskThatConfirmsPrintsHasEveryOnlineTicketHeldUntilItSaysPrintedOrSyncs(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let lease = try kiosk.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 2))
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        var confirmed = request(within: 60_000)
        confirmed.holdUntilPrinted = true
        // Answered in time, but the answer may still be lost on its way: held until the kiosk says.
        let printed = try kiosk.issue(confirmed)
        #expect(try staff.callNext(call) == nil, "an unconfirmed online ticket was called")
        // The kiosk's retry with the same id (its first answer was lost) gets the same number.
        #expect(try kiosk.issue(confirmed).number == printed.number)
        _ = try kiosk.reportPrint(ticketID: printed.ticketId, PrintReport(printed: true, outcome: .printed))
        #expect(try staff.callNext(call)?.ticketId == printed.ticketId)
        // Another answer is lost for good: the kiosk printed its leased number, and the sync releases it under that one.
        var lost = request(within: 60_000)
        lost.holdUntilPrinted = true
        let online = try kiosk.issue(lost)
        #expect(try staff.callNext(call) == nil, "called under \(online.number), which no paper carries")
        let paper = OfflineTicket(ticket: request(online.ticketId), sequence: lease.first, number: "DA-001", day: TestServer.mondayDay)
        #expect(try kiosk.sync(SyncBatch(tickets: [paper])).results.first?.ticket?.number == "DA-001")
        #expect(try staff.callNext(call)?.number == "DA-001")
        server.expectContractKept()
    }

    /// kiosk-sim (issue 17's partitions): a kiosk cut off for half an hour could not report a ticket's failed print
    /// within the hold, so staff called the number; the report came after, was refused (409), and the server kept a
    /// called ticket nobody held. No paper came out, so a called or no-show ticket is voided by it; one staff served is not.
    @Test(arguments: StoreKind.allCases) func aFailedPrintReportedAfterTheCallVoidsTheTicketUnlessStaffServedIt(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        let tickets = try (0..<3).map { index in
            try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: monday + Int64(index), answerWithinMs: 60_000))
        }
        let failed = PrintReport(printed: false, outcome: .failed, reason: "the cover was opened mid-ticket")
        #expect(try staff.callNext(call)?.ticketId == tickets[0].ticketId)
        let calledThenFailed = try kiosk.reportPrint(ticketID: tickets[0].ticketId, failed)
        #expect(calledThenFailed.state == .voided)
        #expect(try staff.callNext(call)?.ticketId == tickets[1].ticketId)
        _ = try staff.counter(.noShow, ticketID: tickets[1].ticketId)
        #expect(try kiosk.reportPrint(ticketID: tickets[1].ticketId, failed).state == .voided)
        #expect(try staff.callNext(call)?.ticketId == tickets[2].ticketId)
        _ = try staff.counter(.start, ticketID: tickets[2].ticketId)
        #expect(HostileKioskTests().kind { _ = try kiosk.reportPrint(ticketID: tickets[2].ticketId, failed) } == "invalid-transition")
        #expect(try kiosk.ticket(tickets[2].ticketId).state == .serving, "staff served someone under it: it stays")
        server.expectContractKept()
    }

    @Test func lateIsJudgedFromABelievableClockOrTheArrival() {
        let arrived: Int64 = 1_000_000
        // Answered quickly to a request that arrived at once: in time.
        #expect(!LateAnswer.isLate(answerWithinMs: 1500, claimed: arrived, arrived: arrived, waited: .milliseconds(5)))
        // Held 2 s on its way (the claim is 2 s before the arrival): late.
        #expect(LateAnswer.isLate(answerWithinMs: 1500, claimed: arrived - 2000, arrived: arrived, waited: .milliseconds(5)))
        // Queued 1.5 s for the writer: late.
        #expect(LateAnswer.isLate(answerWithinMs: 1500, claimed: arrived, arrived: arrived, waited: .milliseconds(1500)))
        // A clock a minute behind is not believed: the arrival counts, and the answer is in time.
        #expect(!LateAnswer.isLate(answerWithinMs: 1500, claimed: arrived - 60_000, arrived: arrived, waited: .milliseconds(5)))
        // Hostile numbers saturate to "late" instead of trapping.
        #expect(LateAnswer.isLate(answerWithinMs: .max, claimed: .min, arrived: .max, waited: .zero))
    }
}
