import Foundation
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
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == "1")
        _ = try cluster.psql(name, "UPDATE schema_version SET version = 99")
        let before = try cluster.psql(name, "SELECT count(*) FROM credentials")
        let error = #expect(throws: CheckerError.self) {
            try TestServer.run(["add-token", "--store", server.database, "--role", "staff", "--id", "s"])
        }
        #expect(error.map { "\($0)" }?.contains("newer than this queue-server's (1)") == true)
        #expect(try cluster.psql(name, "SELECT count(*) FROM credentials") == before)
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == "99")
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
