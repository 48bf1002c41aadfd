import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Synchronization
import Testing

/// Issue 11 #1 and the lost-answer gap, Jepsen-style: a counter calls tickets every 100 ms while a
/// kiosk that confirms its prints issues through held requests, held answers, lost answers and
/// resets. Every call must be for the number on the ticket's paper (0 ghost calls), and after
/// healing the server holds every printed ticket under its paper number (0 lost, 0 duplicated).
@Suite("A counter calling during network faults", .serialized)
struct CounterDuringFaultsTests {
    static let faults: [NetworkFault] = [.none, .latency(milliseconds: 700), .blackHole, .loseOneAnswer, .reset, .cutAfter(bytes: 40)]

    @Test(.timeLimit(.minutes(4)))
    func everyCallIsForTheNumberOnThePaper() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("K1", deadlineMilliseconds: 1500, leaseSize: 40, confirmsPrints: true)
        let service = try harness.service("meterai")
        let day = SyncHarness.today()
        try kiosk.leases.renew([service.id], day: day)
        let staff = QueueClient(
            transport: try CurlTransport(baseURL: "http://127.0.0.1:\(harness.server.port)", timeoutMilliseconds: 5000),
            token: try harness.server.addStaff("COUNTER-1"))

        let calls = Mutex<[(ticketID: String, number: String)]>([])
        let stop = Mutex(false)
        let attempts = Mutex(0)
        let counter = Thread {
            var n = 0
            while !stop.withLock({ $0 }) {
                n += 1
                if let called = try? staff.callNext(CallNextRequest(counterId: "C\(n)", serviceIds: [service.id.rawValue], day: day)) {
                    calls.withLock { $0.append((called.ticketId, called.number)) }
                }
                attempts.withLock { $0 += 1 }
                usleep(100_000)
            }
        }
        counter.start()

        var paper: [String: String] = [:]
        var faultsUsed: [String: Int] = [:]
        for round in 0..<60 {
            let fault = Self.faults[(round / 5) % Self.faults.count]
            if round % 5 == 0 { harness.proxy.fault = fault }
            faultsUsed[fault.description, default: 0] += 1
            let outcome = try kiosk.issue(
                ticketID: freshID(), service: service, day: day, issuedAt: WallClock.milliseconds(), language: .indonesian)
            guard case .issued(let ticket) = outcome else {
                Issue.record("round \(round) under \(fault): \(outcome)")
                continue
            }
            paper[ticket.ticketID] = ticket.number
            // The counter asks twice before the next ticket: a callable copy under another number would be called.
            let asked = attempts.withLock { $0 }
            let wait = Date().addingTimeInterval(5)
            while attempts.withLock({ $0 }) < asked + 2, Date() < wait { usleep(10_000) }
            try kiosk.store.recordPrintOutcome(ticketID: ticket.ticketID, .printed)
            // The outbox goes out once the network heals, as the kiosk's backoff would have it.
            if fault == .none { _ = try? kiosk.sender.drain(now: WallClock.milliseconds) }
        }
        harness.proxy.fault = .none
        try harness.drain(kiosk)
        // Let the counter call what is left, then stop it.
        let deadline = Date().addingTimeInterval(60)
        while calls.withLock({ $0.count }) < paper.count, Date() < deadline { usleep(100_000) }
        stop.withLock { $0 = true }

        let called = calls.withLock { $0 }
        let ghosts = called.filter { paper[$0.ticketID] != $0.number }
        let held = try harness.serverTickets()
        let lost = paper.filter { held[$0.key]?.number != $0.value || held[$0.key]?.state == "voided" }
        let numbers = held.values.filter { $0.state != "voided" }.map(\.number)
        print("counter-during-faults: \(paper.count) tickets printed, faults \(faultsUsed.sorted { $0.key < $1.key }), \(called.count) calls, \(ghosts.count) ghost calls, \(lost.count) lost, "
            + "\(numbers.count - Set(numbers).count) duplicated")
        #expect(ghosts.isEmpty, "calls for a number no paper carries: \(ghosts)")
        #expect(lost.isEmpty, "printed but not on the server under the paper's number: \(lost)")
        #expect(Set(numbers).count == numbers.count, "a number held by two live tickets")
        #expect(Set(called.map(\.ticketID)).count == called.count, "a ticket called twice")
        #expect(called.count == paper.count, "every printed ticket was called once: \(called.count) of \(paper.count)")
    }
}
