import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import Testing

@Suite("Sync parts")
struct SyncPartsTests {
    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sync-parts-\(UUID().uuidString)-\(name)").path
    }

    @Test func tokenFileLooserThan0600IsRefusedWithTheFix() throws {
        let path = temporary("token")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("0123456789abcdef0123\n".utf8), attributes: [.posixPermissions: 0o644]))
        let refusal = try #require(throws: TokenFile.Refusal.self) { try TokenFile.read(path) }
        #expect(refusal.description.contains(path) && refusal.description.contains("0644") && refusal.fix == "Run: chmod 600 \(path)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try TokenFile.read(path) == "0123456789abcdef0123")
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
        #expect(try TokenFile.read(path) == "0123456789abcdef0123")
        try Data("two tokens\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: TokenFile.Refusal.self) { try TokenFile.read(path) }
        #expect(throws: TokenFile.Refusal.self) { try TokenFile.read(path + "-missing") }
    }

    @Test func clockOffsetNarrowsWithSamplesAndRestartsAfterAStep() {
        let clock = ClockOffset()
        #expect(clock.milliseconds == 0 && clock.uncertainty == nil)
        // Server is 5 000 ms ahead. A Date header says second 1 000 000 (server 1 000 000 000…1 000 000 999 ms).
        clock.add(dateHeader: "Mon, 12 Jan 1970 13:46:40 GMT", sentAt: 999_995_100, receivedAt: 999_995_300)
        #expect(clock.uncertainty == 1199)
        #expect(abs(clock.milliseconds - 5000) < 600)
        clock.add(serverLow: 1_000_010_000, serverHigh: 1_000_010_000, sentAt: 1_000_004_990, receivedAt: 1_000_005_010)
        #expect(clock.uncertainty == 20)
        #expect(abs(clock.milliseconds - 5000) <= 10)
        clock.add(serverLow: 2_000_000_000, serverHigh: 2_000_000_000, sentAt: 2_000_000_000, receivedAt: 2_000_000_004)
        #expect(abs(clock.milliseconds) <= 4, "a stepped clock starts the estimate over")
        clock.add(dateHeader: "not a date", sentAt: 0, receivedAt: 1)
        #expect(abs(clock.milliseconds) <= 4)
    }

    @Test func backoffGrowsWithJitterAndResets() {
        var backoff = Backoff(baseMilliseconds: 100, capMilliseconds: 1000)
        var generator = SystemRandomNumberGenerator()
        var waits: [Int] = []
        for _ in 0..<8 { waits.append(backoff.failed(using: &generator)) }
        #expect(zip(waits, [100, 200, 400, 800, 1000, 1000, 1000, 1000]).allSatisfy { $0 <= $1 })
        #expect(Set(waits).count > 1, "jittered")
        backoff.succeeded()
        #expect(backoff.failed(using: &generator) <= 100)
    }

    @Test func outboxSurvivesReopeningAndKeepsOrderLeasesAndPrintOutcomes() throws {
        let path = temporary("store.sqlite")
        let service = Service(id: ServiceID("meterai"), agencyID: AgencyID("x"), name: LocalizedText(indonesian: "M", english: "M"), prefix: "OD", hours: OpeningHours([:]), dailyQuota: nil)
        var ids: [String] = []
        do {
            let store = try SyncStore(path: path)
            try store.addLease(Lease(leaseId: "l1", kioskId: "K07", serviceId: "meterai", day: "2026-03-02", first: 41, last: 42, fallbackMark: "K07"))
            for n in 0..<3 {
                let request = IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: Int64(n))
                ids.append(request.ticketId)
                let issue = try store.issueOffline(request, service: service, day: "2026-03-02")
                #expect(issue.ticket.number == ["OD-041", "OD-042", "OD-K07-0001"][n])
                #expect(try store.issueOffline(request, service: service, day: "2026-03-02") == issue, "same id, same ticket")
            }
            try store.recordPrintOutcome(ticketID: ids[1], .failed(reason: "paperOut"))
            try store.recordPrintOutcome(ticketID: "online-ticket", .failed(reason: "coverOpen"))
            try store.recordPrintOutcome(ticketID: "online-ok", .printed)
        }
        let reopened = try SyncStore(path: path)
        let entries = try reopened.oldest(10)
        #expect(entries.count == 5)
        guard case .ticket(_, let jammed) = entries[1], case .printOutcome(_, let online, let report) = entries[3],
            case .printOutcome(_, let confirmed, let printed) = entries[4]
        else {
            Issue.record("unexpected outbox: \(entries)")
            return
        }
        #expect(!jammed.printed && online == "online-ticket" && report == PrintReport(printed: false, outcome: .failed, reason: "coverOpen"))
        #expect(confirmed == "online-ok" && printed == PrintReport(printed: true, outcome: .printed), "the server hears what is on paper")
        #expect(try reopened.leasedNumbersLeft(day: "2026-03-02") == 0)
        try reopened.acknowledge(
            [SyncResult(ticketId: ids[0], outcome: .accepted, reason: nil, ticket: nil),
             SyncResult(ticketId: ids[1], outcome: .rejected, reason: "closed", ticket: nil)], at: 1)
        #expect(try reopened.outboxDepth() == 3, "only acknowledged entries leave")
        #expect(try reopened.rejected().map(\.reason) == ["closed"])
        try reopened.expireLeases(before: "2026-03-03")
        let nextDay = try reopened.issueOffline(
            IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: 9), service: service, day: "2026-03-03")
        #expect(nextDay.ticket.number == "OD-K07-0001", "fallback counts restart each day")
        #expect(try reopened.integrityCheck() == "ok")
    }

    /// Issue 11 #5 (session 24's loss): `MPP-L2-K01` never heard its mark from the server and numbered its fallback
    /// tickets `OD-K01-…` under its id's tail, which the server had given `MPP-L1-K01`: printed, refused at sync.
    @Test func aKioskWithoutTheServersMarkNumbersNoFallbackTicket() throws {
        let store = try SyncStore(path: temporary("no-mark.sqlite"))
        let service = Service(id: ServiceID("meterai"), agencyID: AgencyID("x"), name: LocalizedText(indonesian: "M", english: "M"), prefix: "OD", hours: OpeningHours([:]), dailyQuota: nil)
        let refused = IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: 1)
        #expect(throws: OfflineNumbering.NoMark.self) { try store.issueOffline(refused, service: service, day: "2026-03-02") }
        #expect(try store.outboxDepth() == 0 && store.fallbackMark() == nil, "nothing numbered, no mark from the id's tail")
        // The first lease brings the server's mark: leased numbers, then fallback numbers under that mark.
        try store.addLease(Lease(leaseId: "l1", kioskId: "MPP-L2-K01", serviceId: "meterai", day: "2026-03-02", first: 7, last: 7, fallbackMark: "K2"))
        let numbers = try (0..<2).map { n in
            try store.issueOffline(IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: Int64(n)), service: service, day: "2026-03-02").ticket.number
        }
        #expect(numbers == ["OD-007", "OD-K2-0001"])
    }

    @Test("an uncertain ticket stays valid offline and is reported as uncertain, never as failed")
    func uncertainTickets() throws {
        let store = try SyncStore(path: temporary("uncertain.sqlite"))
        let service = Service(id: ServiceID("meterai"), agencyID: AgencyID("x"), name: LocalizedText(indonesian: "M", english: "M"), prefix: "OD", hours: OpeningHours([:]), dailyQuota: nil)
        try store.addLease(Lease(leaseId: "l1", kioskId: "K07", serviceId: "meterai", day: "2026-03-02", first: 1, last: 1, fallbackMark: "K07"))
        let request = IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: 1)
        _ = try store.issueOffline(request, service: service, day: "2026-03-02")
        try store.recordPrintOutcome(ticketID: request.ticketId, .uncertain(reason: "no confirmation within 2.5 s"))
        try store.recordPrintOutcome(ticketID: "online-unsure", .uncertain(reason: "the printer closed the connection"))
        let entries = try store.oldest(10)
        guard entries.count == 3, case .ticket(_, let offline) = entries[0],
            case .printOutcome(_, let first, let offlineReport) = entries[1],
            case .printOutcome(_, let second, let onlineReport) = entries[2]
        else {
            Issue.record("unexpected outbox: \(entries)")
            return
        }
        #expect(offline.printed, "not voided when synced: the citizen may hold it")
        #expect(first == request.ticketId && offlineReport.outcome == .uncertain && !offlineReport.printed)
        #expect(second == "online-unsure" && onlineReport.effectiveOutcome == .uncertain)
    }
}
