import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Session 30's review finding F3: with a valid kiosk token, five syncs of 200 fallback numbers claiming 100 min
/// back were all taken, ahead of a citizen who came online, and used up the service's quota. A kiosk's fallback
/// numbers of a service and day beyond its daily quota are refused (`over-kiosk-quota`), and a fallback number
/// queues at its claim only inside its kiosk's last silence (``KioskSilence``), else at receipt.
@Suite("A hostile kiosk's fallback flood (session 30's F3)")
struct FallbackFloodTests {
    static let minute: Int64 = 60_000
    let monday = TestServer.mondayMorning
    let hostile = HostileKioskTests()

    /// PostgreSQL: what the step to version 8 added, taken away again (the head of every undo chain of earlier versions).
    static let undoPostgresVersion8 = "DROP TABLE kiosk_contacts;"

    /// k01 leased kartu-keluarga (quota 120), a citizen took a number online, then k01 synced 1,000 fallback numbers
    /// claiming 100 min back: one quota of them is taken, behind the citizen (the server kept hearing k01), the rest
    /// refused; call-next calls the citizen first, and the service is over its quota by the citizen's ticket only.
    @Test(arguments: StoreKind.allCases) func oneTokenAddsAtMostOneQuotaOfFallbackNumbersBehindTheCitizen(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let k01 = try server.client(token: try server.addKiosk("lantai1-k01"))
        let lease = try k01.lease(LeaseRequest(serviceId: "kartu-keluarga", day: TestServer.mondayDay, count: 5))
        let mark = try #require(lease.fallbackMark)
        let citizen = try server.client().issue(hostile.request(service: "kartu-keluarga", at: monday))
        var reasons: [String?] = []
        for batch in 0..<5 {
            let tickets = (1...200).map { index in
                OfflineTicket(
                    ticket: hostile.request(service: "kartu-keluarga", at: monday - 100 * Self.minute), sequence: nil,
                    number: "DB-\(mark)-" + String(format: "%04d", batch * 200 + index), day: TestServer.mondayDay)
            }
            reasons += try k01.sync(SyncBatch(tickets: tickets)).results.map(\.reason)
        }
        #expect(reasons.count == 1_000 && reasons.prefix(120).allSatisfy { $0 == nil }, "\(Set(reasons.prefix(120).compactMap { $0 }))")
        #expect(reasons.dropFirst(120).allSatisfy { $0 == "over-kiosk-quota" }, "\(Set(reasons.dropFirst(120).compactMap { $0 }))")
        #expect(try server.client().ticket(citizen.ticketId).peopleAhead == citizen.peopleAhead, "the citizen's place is unchanged")
        let staff = try server.client(token: server.staffToken)
        let first = try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["kartu-keluarga"], day: TestServer.mondayDay))
        #expect(first?.ticketId == citizen.ticketId)
        let over = try QuotaPaperTests().sites(server).first?.servicesOverQuota
        #expect(over == [QuotaPaperTests.Sites.Over(serviceId: "kartu-keluarga", quota: 120, issued: 121)])
        server.expectContractKept()
    }

    /// A working kiosk numbers at most a daily quota of a service's fallback numbers (KioskLink's `SyncStore`: the
    /// next one is `QuotaReached`, no paper), so the server takes every number it printed: the count refuses no paper.
    @Test(arguments: StoreKind.allCases) func aWorkingKioskStopsAtTheQuotaAndTheServerTakesAllItPrinted(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let client = try server.client(token: try server.addKiosk("lantai1-k02"))
        let kiosk = try SyncStore(path: server.directory + "/kiosk.sqlite")
        try kiosk.addLease(try client.lease(LeaseRequest(serviceId: "akta-perceraian", day: TestServer.mondayDay, count: 1)))
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestServer.catalogue)))
        let catalogue = try CatalogueDocument(bytes: bytes, path: TestServer.catalogue).catalogue
        let service = try #require(catalogue.service(ServiceID("akta-perceraian")))
        var numbers: [String] = []
        var refusal: (any Error)?
        for index in 0..<25 where refusal == nil {
            do {
                let request = hostile.request(service: "akta-perceraian", at: monday + Int64(index))
                numbers.append(try kiosk.issueOffline(request, service: service, day: TestServer.mondayDay).ticket.number)
            } catch {
                refusal = error
            }
        }
        // akta-perceraian's quota is 20: the one leased number, then 20 fallback numbers.
        let mark = try #require(try kiosk.fallbackMark())
        #expect(numbers.count == 21 && numbers.last == "DF-\(mark)-0020")
        #expect(refusal is OfflineNumbering.QuotaReached, "\(String(describing: refusal))")
        let printed = try kiosk.oldest(100).compactMap { entry -> OfflineTicket? in
            if case .ticket(_, let ticket) = entry { ticket } else { nil }
        }
        let reply = try client.sync(SyncBatch(tickets: printed))
        #expect(printed.count == 21 && reply.results.allSatisfy { $0.outcome == .accepted }, "\(reply.results.compactMap(\.reason))")
        server.expectContractKept()
    }

    /// A store of `kind` with the sample catalogue as site `default`, always open (a database of its own in `directory`).
    static func store(_ kind: StoreKind, directory: String) async throws -> any QueueStore {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: TestServer.catalogue)))
        let key = SurveyKey(bytes: TokenMaker.randomBytes(SurveyKey.length))
        let catalogue = (site: "default", bytes: bytes, path: TestServer.catalogue)
        switch kind {
        case .sqlite:
            return try SQLiteQueueStore(path: directory + "/queue.db", catalogue: catalogue, alwaysOpen: true, priorityEvery: 3, surveyKey: { key })
        case .postgres:
            return try await PostgresQueueStore(
                url: try PostgresCluster.shared.get().newDatabase(), catalogue: catalogue, alwaysOpen: true, priorityEvery: 3, surveyKey: key)
        }
    }

    /// Two kiosks lease at 10:00; the server hears `heard` every minute and `silent` not until 10:30. The silent
    /// kiosk's fallback numbers keep their claimed places (one claimed before its silence queues at its start);
    /// the heard kiosk's backdated claim, and the silent kiosk's claim after it was heard again, go to the back.
    @Test(arguments: StoreKind.allCases) func aFallbackNumberQueuesAtItsClaimOnlyInsideItsKiosksLastSilence(kind: StoreKind) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queue-f3-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await Self.store(kind, directory: directory)
        let day = TestServer.mondayDay
        var marks: [String: String] = [:]
        for kiosk in ["silent", "heard"] {
            try await store.kioskHeard(kiosk, now: monday)
            let lease = try await store.lease(LeaseRequest(serviceId: "ktp-el", day: day, count: 1), kiosk: kiosk, site: "default", now: monday)
            marks[kiosk] = lease.fallbackMark
        }
        for minute in 1...30 { try await store.kioskHeard("heard", now: monday + Int64(minute) * Self.minute) }
        let citizenAt = monday + 10 * Self.minute
        let citizen = try await store.issue(hostile.request(at: citizenAt), kiosk: "online", site: "default", now: citizenAt).ticket
        func fallback(_ kiosk: String, _ count: Int, claimedAt: Int64) -> OfflineTicket {
            OfflineTicket(ticket: hostile.request(at: claimedAt), sequence: nil, number: "DA-\(marks[kiosk] ?? "")-000\(count)", day: day)
        }
        func places(_ kiosk: String, _ tickets: [OfflineTicket], now: Int64) async throws -> [Int64?] {
            try await store.kioskHeard(kiosk, now: now)
            return try await store.sync(SyncBatch(tickets: tickets), kiosk: kiosk, site: "default", now: now).results.map { $0.ticket?.queuedAt }
        }
        let heardAgain = monday + 30 * Self.minute
        let silentPlaces = try await places(
            "silent",
            [fallback("silent", 1, claimedAt: monday + 5 * Self.minute), fallback("silent", 2, claimedAt: monday + 20 * Self.minute),
             fallback("silent", 3, claimedAt: monday - 30 * Self.minute)],
            now: heardAgain)
        #expect(silentPlaces == [monday + 5 * Self.minute, monday + 20 * Self.minute, monday])
        #expect(try await places("heard", [fallback("heard", 1, claimedAt: monday + 5 * Self.minute)], now: heardAgain) == [heardAgain])
        for minute in 31...40 { try await store.kioskHeard("silent", now: monday + Int64(minute) * Self.minute) }
        let later = monday + 40 * Self.minute
        #expect(try await places("silent", [fallback("silent", 4, claimedAt: heardAgain + 5 * Self.minute)], now: later) == [later])
        // The citizen who came at 10:10 waits behind the silent kiosk's 10:00 and 10:05 tickets only.
        #expect(try await store.ticket(citizen.ticketId)?.ticket.peopleAhead == 2)
    }

    /// A database of the schema before this one (SQLite 10, PostgreSQL 6: no `kiosk_contacts`), as this server
    /// made it, is brought forward at the next start with its tickets, and records its kiosks' requests.
    @Test(arguments: StoreKind.allCases) func theSchemaBeforeKioskContactsIsBroughtForward(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let before = try server.client().issue(hostile.request(at: monday))
        server.stop()
        let contacts = "SELECT count(*) FROM kiosk_contacts"
        switch store {
        case .sqlite:
            try SQLiteDatabase(path: server.database).execute("DROP TABLE kiosk_contacts; PRAGMA user_version = 10;")
            try server.start()
            let reader = try SQLiteDatabase(path: server.database, readOnly: true)
            #expect(try SQLiteSchema.userVersion(reader) == SQLiteSchema.version && SQLiteSchema.version == 11)
            #expect(try reader.query(contacts).first?.int(0) == 0)
            #expect(try server.client().ticket(before.ticketId).number == before.number)
            #expect(try server.client().issue(hostile.request(at: monday + 1)).number == "DA-002")
            #expect(try reader.query(contacts).first?.int(0) == 1)
        case .postgres:
            let cluster = try PostgresCluster.shared.get()
            let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
            _ = try cluster.psql(name, Self.undoPostgresVersion8 + " UPDATE schema_version SET version = 7")
            try server.start()
            #expect(try cluster.psql(name, "SELECT version FROM schema_version") == "8" && PostgresSchema.version == 8)
            #expect(try cluster.psql(name, contacts) == "0")
            #expect(try server.client().ticket(before.ticketId).number == before.number)
            #expect(try server.client().issue(hostile.request(at: monday + 1)).number == "DA-002")
            #expect(try cluster.psql(name, contacts) == "1")
        }
        server.expectContractKept()
    }
}
