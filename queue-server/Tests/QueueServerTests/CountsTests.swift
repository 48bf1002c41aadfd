import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// The counts kept by triggers (``SQLiteCounts``) never drift from the tickets: random days of issuing,
/// leases, sync (leased, fallback, unprinted, taking over online tickets), calls, counter actions, voids and
/// check-ins, with every count compared with a `count(*)` over the tickets after each step.
@Suite("Counts kept with the tickets")
struct CountsTests {
    /// A store opened in this process, and a read-only connection to its file.
    struct Fixture {
        let directory: String
        let store: SQLiteQueueStore
        let reader: SQLiteDatabase

        /// A fresh directory with the sample catalogue as site `default`.
        init(alwaysOpen: Bool) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-counts-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestServer.catalogue)))
            store = try SQLiteQueueStore(
                path: directory + "/queue.db", catalogue: ("default", bytes, TestServer.catalogue), alwaysOpen: alwaysOpen, priorityEvery: 3,
                surveyKey: { [directory] in try SurveyKey.load(path: SurveyKey.defaultPath(database: directory + "/queue.db")) })
            reader = try SQLiteDatabase(path: directory + "/queue.db", readOnly: true)
        }

        /// The database at `path`, migrated as the server opens it.
        init(path: String) throws {
            directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            store = try SQLiteQueueStore(
                path: path, catalogue: nil, alwaysOpen: true, priorityEvery: 3, surveyKey: { try SurveyKey.load(path: SurveyKey.defaultPath(database: path)) })
            reader = try SQLiteDatabase(path: path, readOnly: true)
        }

        /// A stored ticket as the server shows it (its id exactly as stored).
        func view(_ id: String) throws -> QueueTicket {
            try store.readers.read { try store.view($0, try store.found($0, id)) }
        }
    }

    static let services = ["ktp-el", "kartu-keluarga", "akta-kelahiran"]

    /// Seed 3 (always open) was dropped on 2026-12-03: after that day's changes (a failed print report voids called tickets
    /// too; the sample catalogue's priority series) its random day never had a ticket served, so it no longer showed the
    /// variety the test asks of a day (seeds 1–8 but 3 do).
    @Test(.timeLimit(.minutes(4)), arguments: [(UInt64(1), false), (2, false), (4, true), (5, true), (6, true), (7, false), (8, true)])
    func countsMatchTheTicketsAfterEveryStep(seed: UInt64, alwaysOpen: Bool) async throws {
        let fixture = try Fixture(alwaysOpen: alwaysOpen)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let store = fixture.store
        var random = SplitMix64(seed: seed)  // a failing seed replays
        try await store.configureKiosk("kiosk-a1", site: "default", mayClaimPriority: true)
        try await store.configureKiosk("kiosk-b2", site: "default", mayClaimPriority: false)
        let day = TestServer.mondayDay
        for (index, service) in Self.services.enumerated() {
            try await store.addBooking(code: "BOOK-\(index)", site: "default", serviceID: service, day: day, priority: index == 0)
        }
        var leased: [(service: String, sequence: Int)] = []
        var fallback = 0
        var givenUp: [IssueTicketRequest] = []
        var takenOver = 0
        var statesSeen: Set<String> = []
        var now = TestServer.mondayMorning - 2 * 3_600_000
        for step in 0..<300 {
            now += Int64.random(in: 0...40_000, using: &random)
            let service = Self.services.randomElement(using: &random)!
            // Claimed moments that tie often (same millisecond) and come out of order.
            let issuedAt = now - Int64.random(in: 0...3, using: &random) * 1_000
            let id = String(format: "%08x-%04x-4%03x-8%03x-%012llx", random.next() >> 32, random.next() >> 48, random.next() >> 52,
                            random.next() >> 52, random.next() >> 16)
            var request = IssueTicketRequest(
                ticketId: id, serviceId: service, issuedAt: issuedAt, language: "id", priority: Int.random(in: 0..<6, using: &random) == 0)
            do {
                switch Int.random(in: 0..<10, using: &random) {
                case 0...2:
                    if Bool.random(using: &random) {
                        _ = try await store.issue(request, kiosk: "kiosk-a1", site: "default", now: now)
                    } else {
                        // Kiosk B gives up on some online answers and prints offline: sync takes the ticket over.
                        request.priority = false
                        _ = try await store.issue(request, kiosk: "kiosk-b2", site: "default", now: now)
                        givenUp.append(request)
                    }
                case 3:
                    let lease = try await store.lease(LeaseRequest(serviceId: service, day: day, count: 3), kiosk: "kiosk-b2", site: "default", now: now)
                    leased += (lease.first...lease.last).map { (service, $0) }
                case 4:
                    var offline = request
                    offline.priority = false
                    let number: OfflineTicket
                    if !givenUp.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
                        offline = givenUp.removeFirst()
                    }
                    if !leased.isEmpty, Bool.random(using: &random) {
                        let (leasedService, sequence) = leased.removeFirst()
                        if offline.serviceId != leasedService { offline.ticketId = id }
                        offline.serviceId = leasedService
                        let prefix = try #require(try store.catalogues.of("default").rules.catalogue.service(ServiceID(leasedService))).prefix
                        number = OfflineTicket(
                            ticket: offline, sequence: sequence, number: "\(prefix)-" + String(format: "%03d", sequence),
                            printed: Int.random(in: 0..<4, using: &random) > 0, day: day)
                    } else {
                        fallback += 1
                        let prefix = try #require(try store.catalogues.of("default").rules.catalogue.service(ServiceID(offline.serviceId))).prefix
                        number = OfflineTicket(
                            ticket: offline, sequence: nil, number: "\(prefix)-B2-" + String(format: "%04d", fallback),
                            printed: Int.random(in: 0..<4, using: &random) > 0, day: day)
                    }
                    let reply = try await store.sync(SyncBatch(tickets: [number]), kiosk: "kiosk-b2", site: "default", now: now)
                    takenOver += reply.results.filter { $0.outcome == .alreadyKnown }.count
                case 5:
                    let call = CallNextRequest(counterId: "C\(Int.random(in: 1...3, using: &random))", serviceIds: [service], day: day)
                    _ = try await store.callNext(call, staff: "staff", site: "default", now: now)
                case 6, 7:
                    guard let ticket = try someTicket(fixture.reader, &random) else { break }
                    let action = CounterAction.allCases.randomElement(using: &random)!
                    _ = try await store.counterAction(
                        action, ticketID: ticket, transferTo: Self.services.randomElement(using: &random), staff: "staff", site: "default",
                        now: now)
                case 8:
                    guard let ticket = try someTicket(fixture.reader, &random, kiosk: "kiosk-a1") else { break }
                    _ = try await store.printOutcome(ticketID: ticket, PrintReport(printed: false), kiosk: "kiosk-a1", now: now)
                default:
                    let booking = CheckInRequest(
                        ticketId: request.ticketId, bookingCode: "BOOK-\(Int.random(in: 0..<3, using: &random))", issuedAt: issuedAt)
                    _ = try await store.checkIn(booking, kiosk: "kiosk-a1", site: "default", now: now)
                }
            } catch is Problem {
                // Refusals (quota, closed, transitions) are part of the day; the counts must still agree.
            }
            try Self.expectCountsAgree(fixture, services: Self.services, context: "seed \(seed) step \(step)")
            // The states tickets were in at some step (a failed print report voids a called ticket too, so the end may show fewer).
            for row in try fixture.reader.query("SELECT DISTINCT state FROM tickets") { statesSeen.insert(try row.text(0)) }
        }
        let count = try fixture.reader.query("SELECT count(*) FROM tickets").first?.int(0) ?? 0
        #expect(count > 60 && statesSeen.count >= 5 && takenOver > 0, "the day: \(count) tickets, states \(statesSeen.sorted()), \(takenOver) taken over")
    }

    /// A random ticket of the day (issued by `kiosk` when given).
    private func someTicket(_ reader: SQLiteDatabase, _ random: inout SplitMix64, kiosk: String? = nil) throws -> String? {
        let ids = try reader.query("SELECT ticket_id FROM tickets WHERE ?1 IS NULL OR kiosk_id = ?1 ORDER BY ticket_id", [.optional(kiosk)])
            .map { try $0.text(0) }
        return ids.randomElement(using: &random)
    }

    /// Every waiting ticket's people ahead, every quota and every session count equal their `count(*)`.
    static func expectCountsAgree(_ fixture: Fixture, services: [String], context: String) throws {
        let reader = fixture.reader
        let day = TestServer.mondayDay
        let waiting = try reader.query(
            "SELECT ticket_id, site_id, queue_service_id, day, queued_at FROM tickets WHERE state = 'waiting'")
        for row in waiting {
            let id = try row.text(0)
            let truth = try reader.query(
                """
                SELECT count(*) FROM tickets WHERE site_id = ? AND queue_service_id = ? AND day = ? AND state = 'waiting'
                AND (queued_at < ?4 OR (queued_at = ?4 AND ticket_id < ?5))
                """, [.text(try row.text(1)), .text(try row.text(2)), .text(try row.text(3)), .integer(try row.int64(4)), .text(id)]
            ).first?.int(0)
            #expect(try fixture.view(id).peopleAhead == truth, "\(context): people ahead of \(id.debugDescription)")
        }
        for service in services {
            let truth = try reader.query(
                "SELECT count(*) FROM tickets WHERE service_id = ?1 AND day = ?2 AND state != 'voided'", [.text(service), .text(day)]
            ).first?.int(0)
            let counted = try SQLiteCounts.quotaUsed(reader, site: "default", service: service, day: day)
            #expect(counted == truth, "\(context): quota used of \(service)")
            for hour in 6..<18 {
                let from = TestServer.mondayMorning + Int64(hour - 10) * 3_600_000
                let to = from + Int64(hour % 3 + 1) * 1_800_000
                let truth = try reader.query(
                    """
                    SELECT count(*) FROM tickets WHERE service_id = ? AND day = ? AND state != 'voided' AND booking_code IS NULL
                        AND queued_at >= ? AND queued_at < ?
                    """, [.text(service), .text(day), .integer(from), .integer(to)]).first?.int(0)
                let counted = try SQLiteCounts.sessionUsed(reader, site: "default", service: service, day: day, from: from, to: to)
                #expect(counted == truth, "\(context): session \(hour):00 of \(service)")
            }
        }
    }
}
