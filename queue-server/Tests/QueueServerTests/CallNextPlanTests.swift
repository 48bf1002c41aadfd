import Foundation
import KioskLink
import KioskSQLite
@testable import QueueServer
import Testing

/// Issue 12: call-next reads the first entries of an index (`tickets_callable`: a queue's waiting
/// tickets of one priority in queue order), not every waiting ticket, in both stores.
@Suite("Call-next reads an index, not the queue")
struct CallNextPlanTests {
    @Test func sqliteCallNextReadsTheCallableIndexInItsOrder() throws {
        let server = try TestServer()
        server.stop()
        let database = try SQLiteDatabase(path: server.database, readOnly: true)
        let plan = try database.query(
            "EXPLAIN QUERY PLAN " + SQLiteQueueStore.oldestCallableSQL,
            [.text("default"), .text("ktp-el"), .text(TestServer.mondayDay), .bool(true), .integer(0)]
        ).map { try $0.text(3) }.joined(separator: "\n")
        #expect(plan.contains("INDEX tickets_callable (site_id=? AND queue_service_id=? AND day=? AND priority=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE") && !plan.contains("SCAN"), "\(plan)")
    }

    /// 15,000 waiting tickets of one queue (the last 10 priority ones) behind 5,000 finished ones:
    /// each priority's oldest is found without a sequential scan and with at most a few index entries
    /// passed over (EXPLAIN ANALYZE of the store's own statement, after ANALYZE).
    @Test func postgresCallNextReadsOneIndexEntryPerQueueHoweverLongTheQueue() throws {
        let (cluster, name) = try PostgresCluster.preparedDatabase()
        try cluster.insertTickets(
            name, count: 20000,
            columns: """
                md5(i::text), 'default', 'ktp-el', 'ktp-el', 'disdukcapil', '\(TestServer.mondayDay)', i, 'DA-' || i, i, 0, i, 'id',
                i > 19990, 'kiosk-1', 'online', CASE WHEN i <= 5000 THEN 'done' ELSE 'waiting' END, 0
                """)
        for priority in [true, false] {
            let plan = try cluster.psql(
                name,
                """
                PREPARE oldest (text, text[], text, boolean, bigint) AS \(PostgresQueueStore.oldestCallableSQL);
                EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) EXECUTE oldest ('default', '{ktp-el,meterai}', '\(TestServer.mondayDay)', \(priority), 0);
                """)
            #expect(!plan.contains("Seq Scan") && plan.contains("Index"), "\(plan)")
            if priority { #expect(plan.contains("tickets_callable"), "\(plan)") }
            let passedOver = plan.split(separator: "\n").compactMap { line in
                line.range(of: "Rows Removed by Filter: ").flatMap { Int(line[$0.upperBound...].prefix { $0.isNumber }) }
            }
            #expect(passedOver.allSatisfy { $0 < 10 }, "\(plan)")
        }
    }
}
