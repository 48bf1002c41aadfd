import Logging
import Synchronization

/// Keeps PostgreSQL's statistics of the tables that grow with every ticket current while autovacuum
/// has not caught up.
///
/// A table never analysed is planned as if it held a few pages: the people-ahead count
/// (``PostgresCounts/peopleAhead``) then scans the day's tickets through `tickets_one_sequence` instead
/// of `tickets_queue`, and the replay check hashes the whole table, so a fresh database issued about
/// 470 tickets/s where the same database analysed issued 1,150 (README). Autovacuum's first analysis
/// comes a minute or more later, and then only after 10 % growth. So the store analyses `tickets` and
/// `queue_counts` itself after 128 writes of this process and again each time their number has doubled,
/// up to 2²⁴ (then autovacuum's pace suffices). `ANALYZE` takes no lock a write waits for;
/// it runs on a connection of its own, and a failure is only logged.
final class PostgresStatistics: Sendable {
    private static let first = 128
    private static let last = 1 << 24
    private let logger = Logger(label: "queue-server.postgres")
    /// Writes committed by this process, and the count at which to analyse next.
    private let progress = Mutex((written: 0, next: PostgresStatistics.first))
    private let analyse: @Sendable (String) async throws -> Void

    /// `analyse` runs a statement on a connection of the pool.
    init(analyse: @escaping @Sendable (String) async throws -> Void) {
        self.analyse = analyse
    }

    /// Counts `writes` committed; analyses in the background when their total reaches the next mark (answers
    /// whether it did).
    @discardableResult
    func committed(_ writes: Int) -> Bool {
        let due = progress.withLock { progress in
            progress.written &+= writes
            guard progress.written >= progress.next, progress.next <= Self.last else { return false }
            progress.next &*= 2
            return true
        }
        guard due else { return false }
        Task { [analyse, logger] in
            do {
                try await analyse("ANALYZE tickets, queue_counts")
            } catch {
                logger.warning("analysing the tickets for PostgreSQL's planner failed: \(error)")
            }
        }
        return true
    }
}
