import Foundation
import KioskLink
import KioskProtocol
@testable import QueueServer
import Testing

/// Issue 12: a crowd of tickets sharing one millisecond (the bench's whole-second `issuedAt`) is ordered
/// by id, both stores give each ticket the same people ahead, and PostgreSQL counts them from its block
/// counts (``PostgresCounts``) plus the few tickets sharing the key, not every waiting ticket ahead.
@Suite("People ahead in a crowd sharing one millisecond")
struct PeopleAheadCrowdTests {
    /// 64 tickets of one millisecond, issued out of id order: each answer counts the tickets issued before
    /// it with a smaller id, each later read every smaller id still waiting, the same on both stores.
    @Test func bothStoresCountACrowdOfOneMillisecondByID() throws {
        let count = 64
        // Ids spread over every first character, issued in a scrambled order.
        let ids = (0..<count).map { String(format: "%x%07x-0000-4000-8000-%012x", ($0 * 7) % 16, $0, $0) }
        let order = (0..<count).map { ($0 * 37) % count }
        var expectedAnswers: [Int] = []
        for (position, index) in order.enumerated() {
            expectedAnswers.append(order[..<position].filter { ids[$0] < ids[index] }.count)
        }
        let called = ids.sorted().prefix(2)
        let expectedReads = ids.map { id in called.contains(id) ? nil : ids.filter { $0 < id && !called.contains($0) }.count }
        var seen: [StoreKind: [Int?]] = [:]
        for store in StoreKind.allCases {
            let server = try TestServer(store: store)
            let kiosk = try server.client()
            var answers: [Int] = []
            for index in order {
                let ticket = try kiosk.issue(IssueTicketRequest(ticketId: ids[index], serviceId: "meterai", issuedAt: TestServer.mondayMorning))
                answers.append(ticket.peopleAhead ?? -1)
            }
            #expect(answers == expectedAnswers, "\(store): people ahead in the answers")
            let staff = try server.client(token: server.staffToken)
            for _ in called { _ = try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["meterai"], day: TestServer.mondayDay)) }
            let reads = try ids.map { try kiosk.ticket($0).peopleAhead }
            #expect(reads == expectedReads, "\(store): people ahead read after two calls")
            seen[store] = reads
            server.expectContractKept()
        }
        #expect(seen[.sqlite] == seen[.postgres])
    }

    /// 4,000 waiting tickets of one millisecond: the people ahead of the middle one are exact, and its
    /// read (the store's own statement, EXPLAIN ANALYZE, as if the table were large: no sequential scans)
    /// passes over only tickets sharing its first id character (about 250 in all), not the 2,000 ahead of it.
    @Test func postgresCountsTheMiddleOfACrowdFromItsBlocks() throws {
        let (cluster, name) = try PostgresCluster.preparedDatabase()
        try cluster.insertTickets(
            name, count: 4000,
            columns: """
                md5(i::text), 'default', 'meterai', 'meterai', 'pos-indonesia', '\(TestServer.mondayDay)', i, 'OD-' || i,
                \(TestServer.mondayMorning), 0, \(TestServer.mondayMorning), 'id', false, 'kiosk-1', 'online', 'waiting', 0
                """)
        let middle = try cluster.psql(name, "SELECT ticket_id FROM tickets ORDER BY ticket_id OFFSET 2000 LIMIT 1")
        let read = PostgresStatements.TicketByID.sql.replacingOccurrences(of: "$1", with: "'\(middle)'")
        #expect(try cluster.psql(name, "SELECT ahead FROM (\(read)) r") == "2000")
        let plan = try cluster.psql(name, "SET enable_seqscan = off; EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) \(read)")
        let passedOver = plan.split(separator: "\n").filter { $0.contains(" on tickets ") && !$0.contains("tickets_pkey") }.map { line in
            let rows = line.range(of: "rows=").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
            let loops = line.range(of: "loops=").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
            return rows * loops
        }.reduce(0, +)
        #expect(passedOver < 400, "\(passedOver) tickets passed over:\n\(plan)")
    }
}
