import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Testing

/// Found by the Jepsen-style run (seed 1): two kiosks whose ids share a tail (`…-L1-K05`, `…-L2-K05`), the
/// second offline before its first lease. It printed `OD-K05-0001` under the tail of its id, a mark the
/// server had given the first kiosk, and the sync refused it (`not-leased`): printed and lost. A kiosk
/// that never heard its server-assigned mark numbers nothing offline; once it has, its fallback numbers sync.
@Suite("Kiosks whose ids share a tail")
struct SharedTailTests {
    @Test(.timeLimit(.minutes(4)))
    func aKioskThatNeverHeardItsMarkPrintsNoFallbackNumberAndOneThatDidLosesNone() throws {
        let harness = try SyncHarness()
        let service = try harness.service("meterai")
        let day = SyncHarness.today()
        let first = try harness.kiosk("L1-K05", leaseSize: 1)
        let second = try harness.kiosk("L2-K05", leaseSize: 1)
        try first.leases.renew([service.id], day: day)
        #expect(try first.store.fallbackMark() == "K05", "the server gives the first kiosk its tail")

        let early = IssueTicketRequest(ticketId: freshID().description, serviceId: service.id.rawValue, issuedAt: WallClock.milliseconds())
        #expect(throws: NoOfflineConsent.self, "no lease, no mark: nothing the server would refuse is printed") {
            try second.store.issueOffline(early, service: service, day: day)
        }
        #expect(try second.store.outboxDepth() == 0)

        // With its lease the second kiosk has the server's mark; past the lease it prints fallback numbers the server keeps.
        try second.leases.renew([service.id], day: day)
        let mark = try #require(try second.store.fallbackMark())
        #expect(mark != "K05")
        var printed: [String: String] = [:]
        for _ in 0..<3 {
            let request = IssueTicketRequest(ticketId: freshID().description, serviceId: service.id.rawValue, issuedAt: WallClock.milliseconds())
            printed[request.ticketId] = try second.store.issueOffline(request, service: service, day: day).ticket.number
        }
        #expect(printed.values.filter { $0.contains("-\(mark)-") }.count == 2, "one leased, then fallback numbers: \(printed)")
        try harness.drain(second)
        let held = try harness.serverTickets()
        for (id, number) in printed { #expect(held[id]?.number == number, "printed \(number), the server holds \(String(describing: held[id]))") }
        #expect(try second.store.rejected().isEmpty)
    }
}
