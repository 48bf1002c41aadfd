import Foundation
import KioskLink
import KioskProtocol
import Testing

/// The daily quota when the paper is the truth (issue 11, found by kiosk-sim): a lease reserves nothing, online
/// issuing refuses at the quota, a printed offline ticket (leased or fallback) is accepted past it exactly once,
/// and staff see the service over its quota in the site summary.
@Suite("The quota and the paper")
struct QuotaPaperTests {
    let monday = TestServer.mondayMorning
    let hostile = HostileKioskTests()

    func request(at offset: Int64) -> IssueTicketRequest {
        hostile.request(service: "akta-perceraian", at: monday + offset)
    }

    struct Sites: Decodable {
        struct Site: Decodable {
            var siteId: String
            var ticketsToday: Int
            var servicesOverQuota: [Over]
        }
        struct Over: Decodable, Equatable {
            var serviceId: String
            var quota: Int
            var issued: Int
        }
        var sites: [Site]
    }

    func sites(_ server: TestServer) throws -> [Sites.Site] {
        let reply = try server.transport().send(
            HTTPRequest(method: "GET", path: "/v1/sites", headers: ["Authorization": "Bearer " + server.staffToken]))
        #expect(reply.status == 200)
        return try JSONDecoder().decode(Sites.self, from: Data(reply.body)).sites
    }

    @Test(arguments: StoreKind.allCases) func aLeaseReservesNothingAndOnlineIssuingStopsAtTheQuota(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        // akta-perceraian has a daily quota of 20; a lease is capped by what is left but takes none of it.
        let lease = try kiosk.lease(LeaseRequest(serviceId: "akta-perceraian", day: TestServer.mondayDay, count: 15))
        #expect(lease.last - lease.first + 1 == 15)
        for index in 0..<20 { _ = try kiosk.issue(request(at: Int64(index))) }
        #expect(hostile.kind { _ = try kiosk.issue(request(at: 30)) } == "quota-exhausted")
        #expect(hostile.kind { _ = try kiosk.lease(LeaseRequest(serviceId: "akta-perceraian", day: TestServer.mondayDay, count: 1)) } == "quota-exhausted")
        #expect(try sites(server).first?.servicesOverQuota == [], "20 of 20 is not over the quota")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func printedOfflineTicketsAreAcceptedPastTheQuotaOnceAndStaffSeeIt(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let lease = try kiosk.lease(LeaseRequest(serviceId: "akta-perceraian", day: TestServer.mondayDay, count: 2))
        for index in 0..<20 { _ = try kiosk.issue(request(at: Int64(index))) }
        let mark = try #require(lease.fallbackMark)
        let leased = OfflineTicket(
            ticket: request(at: 100), sequence: lease.first, number: String(format: "DF-%03d", lease.first), day: TestServer.mondayDay)
        let fallback = OfflineTicket(ticket: request(at: 101), sequence: nil, number: "DF-\(mark)-0001", day: TestServer.mondayDay)
        let unprinted = OfflineTicket(
            ticket: request(at: 102), sequence: lease.last, number: String(format: "DF-%03d", lease.last), printed: false, day: TestServer.mondayDay)
        let again = OfflineTicket(ticket: request(at: 103), sequence: nil, number: "DF-\(mark)-0001", day: TestServer.mondayDay)
        // The paper is the truth: both printed tickets are accepted past the quota; an unprinted one is voided; a
        // second paper under a number another ticket holds is still refused.
        let reply = try kiosk.sync(SyncBatch(tickets: [leased, fallback, unprinted, again]))
        #expect(reply.results.map(\.outcome) == [.accepted, .accepted, .accepted, .rejected], "\(reply.results.map { $0.reason ?? "ok" })")
        #expect(reply.results.last?.reason == "duplicate-number")
        #expect(reply.results[2].ticket?.state == .voided)
        // Exactly once: the replay is the same ticket.
        let replay = try kiosk.sync(SyncBatch(tickets: [leased, fallback]))
        #expect(replay.results.map(\.outcome) == [.alreadyKnown, .alreadyKnown])
        // Online still refuses; staff see the service 2 over its quota of 20 in the day's site summary.
        #expect(hostile.kind { _ = try kiosk.issue(request(at: 200)) } == "quota-exhausted")
        let site = try #require(try sites(server).first)
        #expect(site.servicesOverQuota == [Sites.Over(serviceId: "akta-perceraian", quota: 20, issued: 22)])
        #expect(site.ticketsToday == 22)
        server.expectContractKept()
    }
}
