import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Testing

/// Issue 11 #3 and the print confirmation: a ticket is durably "printing" before its first byte,
/// a crash mid-job makes it uncertain (never lost, never counted printed), and the server hears
/// every outcome, `printed` included.
@Suite("Print state in the sync store")
struct PrintStateTests {
    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("print-state-\(UUID().uuidString)-\(name)").path
    }

    private let service = Service(
        id: ServiceID("meterai"), agencyID: AgencyID("x"), name: LocalizedText(indonesian: "M", english: "M"), prefix: "OD",
        hours: OpeningHours([:]), dailyQuota: nil)

    @Test func aTicketLeftPrintingByAKilledRunIsReportedUncertainOnTheNextStart() throws {
        let path = temporary("sync.sqlite")
        let offline = IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: 1)
        let online = freshID().description
        let finished = freshID().description
        do {
            let store = try SyncStore(path: path)
            try store.addLease(Lease(leaseId: "l1", kioskId: "K01", serviceId: "meterai", day: "2026-03-02", first: 1, last: 1))
            _ = try store.issueOffline(offline, service: service, day: "2026-03-02")
            for id in [offline.ticketId, online, finished] { try store.markPrinting(id, at: 10) }
            try store.recordPrintOutcome(ticketID: finished, .printed)
            #expect(try store.printing() == [offline.ticketId, online].sorted())
        }  // the process dies here: nothing else is written
        let restarted = try SyncStore(path: path)
        let settled = try restarted.settleInterruptedPrints(reason: "kioskd stopped while printing it")
        #expect(Set(settled.uncertain) == [offline.ticketId, online] && settled.unprinted.isEmpty)
        #expect(try restarted.printing().isEmpty)
        #expect(try restarted.settleInterruptedPrints(reason: "again") == ([], []), "reported once")
        let entries = try restarted.oldest(10)
        var reports: [String: PrintReport] = [:]
        for case .printOutcome(_, let id, let report) in entries { reports[id] = report }
        #expect(reports[finished] == PrintReport(printed: true, outcome: .printed))
        for id in [offline.ticketId, online] {
            #expect(reports[id] == PrintReport(printed: false, outcome: .uncertain, reason: "kioskd stopped while printing it"), "\(id)")
        }
        guard case .ticket(_, let synced) = try #require(entries.first) else {
            Issue.record("the offline ticket is not first: \(entries)")
            return
        }
        #expect(synced.printed, "an uncertain offline ticket is synced as valid, not voided: a citizen may hold it")
    }

    @Test func anAnswerLostOnItsWayIsAskedForAgainAndTheServerGivesTheSameNumber() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("K1", deadlineMilliseconds: 2000)
        harness.proxy.fault = .loseOneAnswer
        let outcome = try kiosk.issue(
            ticketID: freshID(), service: try harness.service("meterai"), day: SyncHarness.today(),
            issuedAt: WallClock.milliseconds(), language: .indonesian)
        guard case .issued(let ticket) = outcome else {
            Issue.record("refused: \(outcome)")
            return
        }
        #expect(!ticket.offline, "the kiosk asked again within its deadline and printed the server's number")
        let held = try harness.serverTickets()
        #expect(held.count == 1 && held[ticket.ticketID]?.number == ticket.number, "server holds \(held)")
        #expect(harness.proxy.connectionCount >= 2, "the first answer was lost, so the kiosk asked twice")
        #expect(harness.proxy.fault == .none)
    }

    @Test func aKioskKilledAfterTheServersAnswerAndBeforePrintingLeavesNoCallableTicket() throws {
        let harness = try SyncHarness()
        let path = harness.directory + "/killed.sqlite"
        let service = try harness.service("meterai")
        let config = ServerConfig(
            url: "http://127.0.0.1:\(harness.proxy.port)", tokenFile: try harness.server.addKiosk("K7"), deadlineMilliseconds: 2000)
        let ticket: IssuedTicket
        do {
            let link = try SyncLink(config: config, kioskID: "MPP-T-K7", storePath: path, confirmsPrints: true)
            guard case .issued(let issued) = try link.issue(
                ticketID: freshID(), service: service, day: SyncHarness.today(), issuedAt: WallClock.milliseconds(), language: .indonesian)
            else {
                Issue.record("refused")
                return
            }
            ticket = issued
        }  // kill -9 here: the answer is in, the event loop has not marked the ticket printing, no byte went out
        #expect(!ticket.offline)
        let restarted = try SyncLink(config: config, kioskID: "MPP-T-K7", storePath: path, confirmsPrints: true)
        let settled = try restarted.store.settleInterruptedPrints(reason: "kioskd stopped while printing it")
        #expect(settled.unprinted == [ticket.ticketID] && settled.uncertain.isEmpty, "the next start knows no byte went out")
        _ = try restarted.sender.drain(now: WallClock.milliseconds)
        // No paper carries the number: the server voids it, so no counter calls it, not even after the hold.
        let held = try harness.serverTickets()
        #expect(held[ticket.ticketID]?.state == "voided", "\(held)")
    }
}
