import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Testing

/// Tickets keep coming whatever the network does, and after healing the server holds exactly the
/// tickets the kiosk printed: 0 lost, 0 duplicated, 0 unexpected, unprinted ones voided.
@Suite("Issuing through network faults", .serialized)
struct FaultTests {
    static let faults: [NetworkFault] = [
        .latency(milliseconds: 700), .blackHole, .reset, .cutAfter(bytes: 40), .serverError, .malformedJSON,
        .slowDrip(milliseconds: 30),
    ]

    @Test(arguments: faults)
    func ticketsKeepComingAndSyncExactlyOnce(fault: NetworkFault) throws {
        let harness = try SyncHarness()
        let deadline = 400
        let kiosk = try harness.kiosk("K1", deadlineMilliseconds: deadline, leaseSize: 5)
        let services = [try harness.service("meterai"), try harness.service("informasi-umrah")]
        let day = SyncHarness.today()
        try kiosk.leases.renew(services.map(\.id), day: day)
        var printed = PrintedTickets()

        // Two online tickets, then the fault: more tickets than the lease holds, so fallback numbers too.
        for round in 0..<14 {
            if round == 2 { harness.proxy.fault = fault }
            let id = freshID()
            let started = WallClock.milliseconds()
            let outcome = try kiosk.issue(
                ticketID: id, service: services[round % 2], day: day, issuedAt: started, language: .indonesian)
            let took = WallClock.milliseconds() - started
            guard case .issued(let ticket) = outcome else {
                Issue.record("ticket \(round) refused under \(fault): \(outcome)")
                continue
            }
            // Generous slack on a shared 2-core machine; the point is "deadline, not forever".
            #expect(took < Int64(deadline + 600), "ticket \(round) under \(fault) took \(took) ms")
            #expect(ticket.offline == (round >= 2), "ticket \(round) under \(fault)")
            printed.numbers[ticket.ticketID] = ticket.number
            if round == 1 || round == 6 {  // the printer jams on one online and one offline ticket
                printed.failed.insert(ticket.ticketID)
                try kiosk.store.recordPrintOutcome(ticketID: ticket.ticketID, .failed(reason: "paperOut"))
            }
        }
        #expect(Set(printed.numbers.values).count == printed.numbers.count, "a number printed twice")
        #expect(printed.numbers.values.contains { $0.contains("-K1-") }, "no fallback number")

        harness.proxy.fault = .none
        try harness.drain(kiosk)
        let held = try harness.serverTickets()
        #expect(Set(held.keys) == Set(printed.numbers.keys), "under \(fault): server and paper differ")
        for (id, number) in printed.numbers {
            #expect(held[id]?.number == number, "under \(fault): \(id) printed \(number), server holds \(held[id]?.number ?? "nothing")")
            #expect((held[id]?.state == "voided") == printed.failed.contains(id), "under \(fault): \(id) is \(held[id]?.state ?? "-")")
        }
        #expect(try kiosk.store.rejected().isEmpty)
        #expect(try kiosk.store.integrityCheck() == "ok")
    }

    @Test func twoKiosksOfflineForTwoThousandTicketsEachDoNotCollide() throws {
        let harness = try SyncHarness()
        let service = try harness.service("meterai")
        let day = SyncHarness.today()
        let kiosks = [try harness.kiosk("K1", leaseSize: 500, batch: 200), try harness.kiosk("K2", leaseSize: 500, batch: 200)]
        for kiosk in kiosks { try kiosk.leases.renew([service.id], day: day) }
        harness.proxy.fault = .reset
        var printed: [String: String] = [:]
        for round in 0..<4000 {
            let kiosk = kiosks[round % 2]
            let outcome = try kiosk.issue(
                ticketID: freshID(), service: service, day: day, issuedAt: WallClock.milliseconds(), language: .english)
            guard case .issued(let ticket) = outcome, ticket.offline else {
                Issue.record("ticket \(round): \(outcome)")
                return
            }
            printed[ticket.ticketID] = ticket.number
        }
        #expect(Set(printed.values).count == 4000, "two offline tickets share a number")
        harness.proxy.fault = .none
        for kiosk in kiosks { try harness.drain(kiosk) }
        let held = try harness.serverTickets()
        #expect(held.count == 4000)
        #expect(Set(held.values.map(\.number)).count == 4000)
        #expect(held.allSatisfy { printed[$0.key] == $0.value.number && $0.value.state == "waiting" })
        #expect(held.values.filter { $0.number.contains("-K1-") }.count == 1500)
        #expect(held.values.filter { $0.number.contains("-K2-") }.count == 1500)
    }
}
