@testable import QueueServer
import Testing

/// When the server analyses PostgreSQL's tables itself (``PostgresStatistics``): after 128 writes, then at every
/// doubling up to 2²⁴, each time once, and a failing `ANALYZE` changes nothing for the writes.
@Suite("PostgreSQL statistics kept current")
struct PostgresStatisticsTests {
    @Test func analysesAfter128WritesThenAtEveryDoubling() async {
        let (analysed, heard) = AsyncStream<String>.makeStream()
        let statistics = PostgresStatistics(analyse: { _ = heard.yield($0) })
        var marks: [Int] = []
        var written = 0
        for batch in [100, 27, 1, 1, 126, 1, 255, 1] + Array(repeating: 1 << 20, count: 20) {
            written += batch
            if statistics.committed(batch) { marks.append(written) }
        }
        // One analysis a call, even when a batch passes several marks; the last mark is 2²⁴.
        #expect(Array(marks.prefix(4)) == [128, 256, 512, 1_049_088])
        #expect(marks.count == 18)
        #expect(!statistics.committed(1 << 24))
        var statements: [String] = []
        for await statement in analysed {
            statements.append(statement)
            if statements.count == marks.count { break }
        }
        #expect(Set(statements) == ["ANALYZE tickets, queue_counts"])
    }

    @Test func aFailingAnalyseIsOnlyLogged() {
        struct Refused: Error {}
        let statistics = PostgresStatistics(analyse: { _ in throw Refused() })
        #expect(statistics.committed(128))
        #expect(!statistics.committed(1))
    }
}
