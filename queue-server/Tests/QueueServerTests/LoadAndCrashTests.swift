import Foundation
import KioskLink
import KioskProtocol
import Synchronization
import Testing

@Suite("Concurrent kiosks and kill -9")
struct LoadAndCrashTests {
    /// Runs `work(kioskIndex)` on `count` threads at once and waits for all.
    static func onThreads(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                work(index)
                group.leave()
            }
        }
        group.wait()
    }

    @Test(arguments: StoreKind.allCases) func eightKiosksTimesFiveHundredTicketsGiveNoDuplicatesAndNoGapsButVoided(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let issued = Mutex<[QueueTicket]>([])
        let failures = Mutex<[String]>([])
        Self.onThreads(8) { kioskIndex in
            do {
                let client = try server.client()
                for index in 0..<500 {
                    let request = IssueTicketRequest(
                        ticketId: TestServer.newID(), serviceId: "meterai",
                        issuedAt: TestServer.mondayMorning + Int64(index * 8 + kioskIndex), language: "en")
                    var ticket = try client.issue(request)
                    if index % 50 == 7 { ticket = try client.reportPrint(ticketID: ticket.ticketId, PrintReport(printed: false)) }
                    issued.withLock { $0.append(ticket) }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        let tickets = issued.withLock { $0 }
        #expect(tickets.count == 4000)
        let sequences = tickets.compactMap(\.sequence).sorted()
        #expect(sequences == Array(1...4000), "duplicates or gaps in the daily sequence")
        #expect(Set(tickets.map(\.number)).count == 4000)
        #expect(tickets.filter { $0.state == .voided }.count == 8 * 10)

        // Voided tickets are never called: calling everyone reaches exactly the 3920 printed ones.
        let staff = try server.client(token: server.staffToken)
        let call = CallNextRequest(counterId: "M1", serviceIds: ["meterai"], day: TestServer.mondayDay)
        var calledCount = 0
        while let ticket = try staff.callNext(call) {
            #expect(ticket.state == .called)
            calledCount += 1
        }
        #expect(calledCount == 3920)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func killNineUnderLoadLosesNothingThatWasAcknowledged(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let acknowledged = Mutex<[QueueTicket]>([])
        let stopAt = Date().addingTimeInterval(1.5)
        let killer = Thread {
            Thread.sleep(until: stopAt)
            server.kill9()
        }
        killer.start()
        Self.onThreads(4) { kioskIndex in
            guard let client = try? server.client(timeoutMilliseconds: 2000) else { return }
            for index in 0..<100_000 {
                let request = IssueTicketRequest(
                    ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: TestServer.mondayMorning + Int64(index * 4 + kioskIndex))
                // After the kill, requests fail: the loop ends at the first failure.
                guard let ticket = try? client.issue(request) else { return }
                acknowledged.withLock { $0.append(ticket) }
            }
        }
        let before = acknowledged.withLock { $0 }
        #expect(before.count > 50, "too little load before the kill to mean anything")

        try server.start()
        let kiosk = try server.client()
        for ticket in before {
            let stored = try kiosk.ticket(ticket.ticketId)
            #expect(stored.number == ticket.number && stored.sequence == ticket.sequence)
        }
        // Numbering carries on after the highest number ever handed out, never reusing one.
        let next = try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: TestServer.mondayMorning))
        #expect((next.sequence ?? 0) > before.compactMap(\.sequence).max() ?? 0)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func concurrentReplaysOfOneTicketMakeOneTicket(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let request = IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning)
        let outcomes = Mutex<[String]>([])
        Self.onThreads(8) { _ in
            guard let client = try? server.client() else { return }
            for _ in 0..<20 {
                do {
                    let ticket = try client.issue(request)
                    outcomes.withLock { $0.append(ticket.number) }
                } catch {
                    outcomes.withLock { $0.append((error as? QueueClientError).map(IssuingTests.kind) ?? "\(error)") }
                }
            }
        }
        let seen = Set(outcomes.withLock { $0 })
        #expect(seen.isSubset(of: ["DA-001", "in-flight"]) && seen.contains("DA-001"), "\(seen)")
        server.expectContractKept()
    }
}
