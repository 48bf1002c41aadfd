import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskTestSupport
import Testing

/// Issue 18 item 5 for a linked kiosk: a service's priority series is leased beside its own series, a
/// priority ticket numbered offline takes a number of it, and the server takes it at sync as printed.
@Suite("Offline numbering in a priority series")
struct OfflineSeriesTests {
    /// The sample catalogue with `kartu-keluarga` (prefix DB) given the priority series DBP, written to `directory`.
    static func seriesCatalogue(in directory: String) throws -> String {
        let sample = try String(contentsOfFile: QueueServerProcess.catalogue, encoding: .utf8)
        let old = #""prefix": "DB", "numberWidth": 3"#
        let path = directory + "/series-catalogue-\(UUID().uuidString).json"
        try sample.replacingOccurrences(of: old, with: #""prefix": "DB", "prioritySeries": {"prefix": "DBP"}, "numberWidth": 3"#)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func priorityTicketsOfflineTakeTheirSeriesAndSyncAsPrinted() throws {
        let catalogue = try Self.seriesCatalogue(in: FileManager.default.temporaryDirectory.path)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        let harness = try SyncHarness(catalogue: catalogue)
        let kiosk = try harness.kiosk("K1", leaseSize: 2, mayClaimPriority: true)
        let service = try harness.service("kartu-keluarga")
        #expect(service.priorityPrefix == "DBP")
        let day = SyncHarness.today()
        #expect(try kiosk.leases.renew([service.id], day: day, prioritySeries: [service.id]) == 2)
        #expect(try kiosk.store.leasedNumbersLeft(service: service.id, day: day, series: .priority) == 2)
        #expect(try kiosk.store.leasedNumbersLeft(service: service.id, day: day, series: .general) == 2)

        harness.proxy.fault = .reset
        var printed: [String: String] = [:]
        for priority in [true, false, true, true] {
            let outcome = try kiosk.issue(
                ticketID: freshID(), service: service, day: day, issuedAt: WallClock.milliseconds(), language: .indonesian, priority: priority)
            guard case .issued(let ticket) = outcome, ticket.offline else {
                Issue.record("not numbered offline: \(outcome)")
                continue
            }
            printed[ticket.ticketID] = ticket.number
        }
        // The third priority ticket finds the priority lease used up: a kiosk-marked number, of the general prefix.
        let numbers = printed.values.sorted()
        #expect(numbers.count == 4 && numbers.filter { $0.hasPrefix("DBP-") }.sorted() == ["DBP-001", "DBP-002"])
        #expect(numbers.contains("DB-001") && numbers.contains { $0.hasPrefix("DB-") && $0.split(separator: "-").count == 3 })

        harness.proxy.fault = .none
        try harness.drain(kiosk)
        let held = try harness.serverTickets()
        for (id, number) in printed { #expect(held[id]?.number == number, "\(id) printed \(number), the server holds \(held[id]?.number ?? "nothing")") }
        #expect(try kiosk.store.rejected().isEmpty)
        // Online again: the next priority ticket follows the leased ones in its series.
        let online = try kiosk.issue(
            ticketID: freshID(), service: service, day: day, issuedAt: WallClock.milliseconds(), language: .indonesian, priority: true)
        guard case .issued(let next) = online else { throw ProcessFailure("refused online: \(online)") }
        #expect(next.number == "DBP-003" && !next.offline)
    }
}
