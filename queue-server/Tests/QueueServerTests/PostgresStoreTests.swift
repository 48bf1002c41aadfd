import Foundation
@testable import QueueServer
import KioskLink
import KioskProtocol
import Synchronization
import Testing

/// What only the PostgreSQL store has: a versioned schema in the database, and several server
/// processes serving one database.
@Suite("PostgreSQL store: schema version, two server processes on one database")
struct PostgresStoreTests {
    @Test func aDatabaseOfANewerSchemaIsRefusedAndLeftAsItWas() throws {
        let server = try TestServer(store: .postgres)
        server.stop()
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == String(PostgresSchema.version))
        _ = try cluster.psql(name, "UPDATE schema_version SET version = 99")
        let before = try cluster.psql(name, "SELECT count(*) FROM credentials")
        let error = #expect(throws: CheckerError.self) {
            try TestServer.run(["add-token"] + server.storeArguments + ["--role", "staff", "--id", "s"])
        }
        #expect(error.map { "\($0)" }?.contains("newer than this queue-server's (\(PostgresSchema.version))") == true)
        #expect(try cluster.psql(name, "SELECT count(*) FROM credentials") == before)
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == "99")
    }

    /// People ahead come from the queue's block counts of waiting tickets (``PostgresCounts``, kept by a
    /// trigger); they agree with the stored tickets after calls, a voided ticket and a transfer, and the
    /// counts (their top level's sum) with a count of the tickets.
    @Test func peopleAheadFromTheQueuesCountAgreeWithTheStoredTickets() throws {
        let server = try TestServer(store: .postgres)
        let kiosk = try server.client()
        var tickets: [QueueTicket] = []
        for index in 0..<300 {
            let moment = TestServer.mondayMorning + Int64(index) * 1000
            tickets.append(try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: moment)))
        }
        #expect(tickets.enumerated().allSatisfy { $0.element.peopleAhead == $0.offset }, "people ahead in the answers")
        let staff = try server.client(token: server.staffToken)
        for _ in 0..<3 { _ = try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["meterai"], day: TestServer.mondayDay)) }
        #expect(try kiosk.reportPrint(ticketID: tickets[150].ticketId, PrintReport(printed: false)).state == .voided)
        #expect(try staff.counter(.transfer, ticketID: tickets[200].ticketId, transferTo: "ktp-el").peopleAhead == 0)
        for (index, ahead) in [(3, 0), (10, 7), (100, 97), (299, 294)] {
            #expect(try kiosk.ticket(tickets[index].ticketId).peopleAhead == ahead, "ticket \(index)")
        }
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        let counts = try cluster.psql(name, "SELECT queue_service_id, sum(waiting) FROM queue_counts WHERE level = 40 GROUP BY 1 HAVING sum(waiting) > 0 ORDER BY 1")
        let stored = try cluster.psql(
            name, "SELECT queue_service_id, count(*) FROM tickets WHERE state = 'waiting' GROUP BY queue_service_id ORDER BY 1")
        #expect(counts == stored && stored == "ktp-el|1\nmeterai|295")
        server.expectContractKept()
    }

    /// A database of version 1 (no counts) is brought to the current version at the next start, its
    /// counts filled from the waiting tickets it holds.
    @Test func aVersionOneDatabaseGetsItsQueueCountsFromItsTickets() throws {
        let server = try TestServer(store: .postgres)
        let kiosk = try server.client()
        for index in 0..<5 {
            _ = try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: TestServer.mondayMorning + Int64(index)))
        }
        server.stop()
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        _ = try cluster.psql(
            name, "\(UncertainPrintTests.undoVersion3) DROP TABLE queue_waiting; DROP FUNCTION queue_waiting_count() CASCADE; UPDATE schema_version SET version = 1")
        try server.start()
        let next = try server.client().issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: TestServer.mondayMorning + 9))
        #expect(next.peopleAhead == 5)
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == String(PostgresSchema.version))
        #expect(try cluster.psql(name, "SELECT sum(waiting) FROM queue_counts WHERE queue_service_id = 'meterai' AND level = 0") == "6")
        server.expectContractKept()
    }

    @Test(.timeLimit(.minutes(4)))
    func twoServerProcessesOnOneDatabaseNumberWithoutDuplicatesOrGapsAndKeepTheQuota() throws {
        let first = try TestServer(store: .postgres)
        let second = try TestServer(store: .postgres, sharing: first)
        let issued = Mutex<[QueueTicket]>([])
        let quotaAccepted = Mutex(0)
        let failures = Mutex<[String]>([])
        LoadAndCrashTests.onThreads(8) { index in
            do {
                let client = try (index % 2 == 0 ? first : second).client()
                for number in 0..<100 {
                    let moment = TestServer.mondayMorning + Int64(number * 8 + index)
                    let ticket = try client.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: moment))
                    issued.withLock { $0.append(ticket) }
                }
                // akta-perceraian has a daily quota of 20: 8 kiosks asking 5 each on two servers get 20 in all.
                for number in 0..<5 {
                    let request = IssueTicketRequest(
                        ticketId: TestServer.newID(), serviceId: "akta-perceraian", issuedAt: TestServer.mondayMorning + Int64(number))
                    do {
                        _ = try client.issue(request)
                        quotaAccepted.withLock { $0 += 1 }
                    } catch let error as QueueClientError {
                        guard IssuingTests.kind(error) == "quota-exhausted" else { throw error }
                    }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        let tickets = issued.withLock { $0 }
        #expect(tickets.compactMap(\.sequence).sorted() == Array(1...800), "duplicates or gaps across the two processes")
        #expect(quotaAccepted.withLock { $0 } == 20)

        // Two counters, one on each server, call every ticket exactly once.
        let called = Mutex<[String]>([])
        LoadAndCrashTests.onThreads(2) { index in
            let server = index == 0 ? first : second
            guard let staff = try? server.client(token: server.staffToken) else { return }
            let call = CallNextRequest(counterId: "L\(index)", serviceIds: ["meterai"], day: TestServer.mondayDay)
            while let ticket = try? staff.callNext(call) { called.withLock { $0.append(ticket.ticketId) } }
        }
        let calledIDs = called.withLock { $0 }
        #expect(calledIDs.count == 800 && Set(calledIDs).count == 800)
        first.expectContractKept()
        second.expectContractKept()
    }
}

/// The PostgreSQL store keeps known credentials in memory and empties them at every revocation's
/// `NOTIFY queue_credentials` (sent by `revoke` in its transaction), from any process.
@Suite("PostgreSQL store: credentials cached until a revocation's notification")
struct CredentialCacheTests {
    /// Whether `work` is refused 401 within 2 s (a notification takes milliseconds to arrive).
    static func refusedSoon(_ work: () throws -> Void) -> Bool {
        let deadline = Date().addingTimeInterval(2)
        repeat {
            do { try work() } catch {
                if case .problem(let problem) = error as? QueueClientError, problem.status == 401 { return true }
            }
            Thread.sleep(forTimeInterval: 0.02)
        } while Date() < deadline
        return false
    }

    @Test func aKnownTokenIsReadFromTheCacheUntilARevocationIsNotified() throws {
        let server = try TestServer(store: .postgres)
        let staff = try server.client(token: server.staffToken)
        #expect(try staff.kiosks().kiosks.isEmpty)
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        // Revoked by hand, without the notification: this server still knows the token (from its cache) …
        _ = try cluster.psql(name, "UPDATE credentials SET revoked_at = 1 WHERE principal = 'staff-1'")
        #expect(try staff.kiosks().kiosks.isEmpty)
        // … until the notification empties the cache.
        _ = try cluster.psql(name, "NOTIFY queue_credentials")
        #expect(Self.refusedSoon { _ = try staff.kiosks() })
        server.expectContractKept()
    }

    /// `revoke` through one server process's database reaches another process's cache.
    @Test func aRevocationReachesEveryServerProcess() throws {
        let first = try TestServer(store: .postgres)
        let second = try TestServer(store: .postgres, sharing: first)
        let token = try first.addKiosk("kiosk-2")
        let onSecond = try second.client(token: token)
        let ticket = try onSecond.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        #expect(try onSecond.ticket(ticket.ticketId).number == ticket.number)
        try TestServer.run(["revoke"] + first.storeArguments + ["--id", "kiosk-2"])
        #expect(Self.refusedSoon { _ = try onSecond.ticket(ticket.ticketId) })
        second.expectContractKept()
    }
}
