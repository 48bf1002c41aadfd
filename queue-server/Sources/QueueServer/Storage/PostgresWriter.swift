import KioskProtocol
import KioskSQLite
import Synchronization

/// Runs the PostgreSQL store's writes many requests per transaction (group commit), as
/// ``GroupCommitWriter`` does for SQLite, on one connection of the pool.
///
/// A commit costs a WAL flush (about 1 ms here) and a ticket's number is a row lock held until the
/// commit, so one transaction per request would serialise a service's tickets on flushes. Requests
/// arriving together share one `BEGIN … COMMIT`. Every statement is a round trip (the connection runs
/// one at a time), so a batch's common online tickets (``issue(_:answer:)``) are stored by one
/// statement together, and a batch first runs without savepoints; only when one of its requests fails
/// is it rolled back and run again with each request in its own savepoint (each ticket its own
/// statement), so the failing one rolls back alone. A request that lost a race with another server
/// process (a unique key it committed meanwhile, a deadlock) runs again in a later transaction. A
/// caller resumes only after the commit that holds its work returned.
///
/// The writer's statements run on generic plans (`plan_cache_mode`, reset when it hands the connection
/// back): PostgreSQL otherwise planned the batch statement afresh at nearly every run, 2.1 ms of planning
/// beside 3.7 ms of execution (`pg_stat_statements` with `track_planning`). Its statements look rows up by
/// key, so a generic plan is as good as one made for the values.
final class PostgresWriter: Sendable {
    private final class Job: Sendable {
        let run: @Sendable (PostgresSession) async throws -> Void
        /// The common online ticket this job stores, with what takes the statement's row of it (nil: not
        /// answered), when it may share ``PostgresStatements/IssueOnline`` with the batch's other tickets.
        let online: (ticket: PostgresStatements.OnlineTicket, answer: @Sendable ([SQLValue]?) -> Void)?
        private let done: @Sendable ((any Error)?) -> Void
        private let finished = Mutex(false)
        init(
            run: @escaping @Sendable (PostgresSession) async throws -> Void,
            online: (ticket: PostgresStatements.OnlineTicket, answer: @Sendable ([SQLValue]?) -> Void)?,
            finish: @escaping @Sendable ((any Error)?) -> Void
        ) {
            self.run = run
            self.online = online
            self.done = finish
        }

        /// Resumes the caller, once: a lease that fails after its batch finished (the writer
        /// cancelled at exit) must not answer the batch's jobs a second time.
        func finish(_ error: (any Error)?) {
            let first = finished.withLock { wasFinished in
                defer { wasFinished = true }
                return !wasFinished
            }
            if first { done(error) }
        }
    }

    /// The jobs handed in and not yet taken, and when the oldest unfinished one was handed in.
    private final class Queue: Sendable {
        let pending = Mutex<[Job]>([])
        let oldestWork = Mutex<ContinuousClock.Instant?>(nil)

        var hasPending: Bool { pending.withLock { !$0.isEmpty } }

        /// The next batch, oldest first, at most `limit` jobs; nil when none waits.
        func take(_ limit: Int) -> [Job]? {
            pending.withLock { pending in
                guard !pending.isEmpty else { return nil }
                let batch = Array(pending.prefix(limit))
                pending.removeFirst(batch.count)
                return batch
            }
        }

        /// A taken batch is finished: work handed in after it was taken waits from at most now on.
        func taken() {
            let more = hasPending
            oldestWork.withLock { $0 = more ? .now : nil }
        }
    }

    private let queue: Queue
    private let wake: AsyncStream<Void>.Continuation
    private let loop: Task<Void, Never>
    /// Largest number of requests in one transaction.
    private static let maxBatch = 256

    /// Starts the writer on connections leased from `lease` (one at a time); `committed` is told how many
    /// jobs each commit held.
    init(
        lease: @escaping @Sendable (@escaping @Sendable (PostgresSession) async -> Void) async throws -> Void,
        committed: @escaping @Sendable (Int) -> Void
    ) {
        let (stream, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wake = wake
        let queue = Queue()
        self.queue = queue
        loop = Task {
            for await _ in stream {
                while queue.hasPending {
                    let started = Flag()
                    do {
                        // One connection for as long as work keeps coming: a lease per batch cost a task group,
                        // a timer and the pool's hops between every two commits.
                        try await lease { session in
                            started.set()
                            try? await session.execute("SET plan_cache_mode = force_generic_plan")
                            while let jobs = queue.take(Self.maxBatch) {
                                await Self.runBatch(jobs, session, committed: committed)
                                queue.taken()
                                if session.connection.isClosed { return }
                            }
                            try? await session.execute("RESET plan_cache_mode")
                        }
                    } catch {
                        // No connection (jobs taken on one that was lost have had their answer).
                        if !started.isSet, let jobs = queue.take(Self.maxBatch) {
                            for job in jobs { job.finish(error) }
                            queue.taken()
                        }
                    }
                }
            }
        }
    }

    deinit { loop.cancel() }

    /// Runs `work` in the next transaction and returns its value once that transaction committed.
    @discardableResult
    func perform<T: Sendable>(_ work: @escaping @Sendable (PostgresSession) async throws -> T) async throws -> T {
        try await enqueue(work, online: nil)
    }

    /// Stores the common online ticket `ticket` in the next transaction, in one statement with the other
    /// such tickets of its batch (``PostgresStatements/IssueOnline``), and returns `answer` of its row
    /// once that transaction committed. A refusal `answer` throws (a replay of other content) writes nothing.
    func issue<T: Sendable>(
        _ ticket: PostgresStatements.OnlineTicket, answer: @escaping @Sendable ([SQLValue]) throws -> T
    ) async throws -> T {
        let alone: @Sendable ([SQLValue]?) throws -> T = { row in
            guard let row else { throw StorageFailure("ticket \(ticket.ticketID) was not stored") }
            return try answer(row)
        }
        return try await enqueue(
            { session in try alone(try await session.rows(PostgresStatements.IssueOnline(tickets: [ticket])).first) },
            online: (ticket, alone))
    }

    /// Hands `work` to the loop; `online`, when given, may take the place of `work` in a batch of tickets.
    private func enqueue<T: Sendable>(
        _ work: @escaping @Sendable (PostgresSession) async throws -> T,
        online: (ticket: PostgresStatements.OnlineTicket, answer: @Sendable ([SQLValue]?) throws -> T)?
    ) async throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { session in
                    let result: Result<T, any Error>
                    do { result = .success(try await work(session)) } catch { result = .failure(error) }
                    outcome.withLock { $0 = result }
                    _ = try result.get()
                },
                online: online.map { online in
                    (online.ticket, { row in outcome.withLock { $0 = Result { try online.answer(row) } } })
                },
                finish: { commitError in
                    if let commitError {
                        // A connection lost in the transaction is the database's outage, not the request's fault.
                        let lost = PostgresAvailability.isConnectionFailure(commitError)
                        continuation.resume(throwing: lost ? PostgresAvailability.unavailable : commitError)
                    } else {
                        continuation.resume(with: outcome.withLock { $0 } ?? .failure(StorageFailure("job produced no result")))
                    }
                })
            queue.pending.withLock { $0.append(job) }
            queue.oldestWork.withLock { $0 = $0 ?? .now }
            wake.yield()
        }
    }

    /// How long the oldest unfinished write has waited or run; zero when idle.
    func stalled() -> Duration { queue.oldestWork.withLock { $0.map { .now - $0 } } ?? .zero }

    /// Runs `jobs` in one transaction: the online tickets in one statement, then the others, without
    /// savepoints while every job succeeds (two round trips a request fewer), else again with a savepoint
    /// each (``runIsolated(_:_:)``). `BEGIN` and `COMMIT` stay round trips of their own even for a batch of
    /// one statement: its rows arrive before PostgreSQL commits it alone (at the protocol's Sync), so an
    /// answer could precede the flush that makes its ticket survive a crash.
    private static func runBatch(_ jobs: [Job], _ session: PostgresSession, committed: @Sendable (Int) -> Void) async {
        do {
            try await session.execute("BEGIN")
            let online = jobs.compactMap(\.online)
            if !online.isEmpty {
                let rows = try await session.rows(PostgresStatements.IssueOnline(tickets: online.map(\.ticket)))
                let byID = Dictionary(try rows.map { (try $0.text(0), $0) }, uniquingKeysWith: { first, _ in first })
                for job in online { job.answer(byID[job.ticket.ticketID]) }
            }
            for job in jobs where job.online == nil { try await job.run(session) }
            try await session.execute("COMMIT")
            committed(jobs.count)
            for job in jobs { job.finish(nil) }
            return
        } catch {
            try? await session.execute("ROLLBACK")
            // A lone job's refusal needs no second run: its work is rolled back and its error is its answer.
            if jobs.count == 1, error is Problem {
                jobs[0].finish(nil)
                return
            }
        }
        await runIsolated(jobs, session, committed: committed)
    }

    /// Runs `jobs` in one transaction, each in its own savepoint; a job that lost a race with another
    /// process (``PostgresSession/isRetryable(_:)``) is rolled back to its savepoint and runs again in
    /// a transaction of its own after this one committed (its locks released), up to three times.
    private static func runIsolated(_ jobs: [Job], _ session: PostgresSession, committed: @Sendable (Int) -> Void) async {
        var batch = jobs
        for round in 1...3 {
            var again: [Job] = []
            do {
                try await session.execute("BEGIN")
            } catch {
                for job in batch { job.finish(error) }
                return
            }
            for job in batch {
                do {
                    try await session.execute("SAVEPOINT job")
                    try await job.run(session)
                    try await session.execute("RELEASE job")
                } catch {
                    try? await session.execute("ROLLBACK TO job")
                    try? await session.execute("RELEASE job")
                    if round < 3 && PostgresSession.isRetryable(error) { again.append(job) }
                }
            }
            do {
                try await session.execute("COMMIT")
                let done = batch.filter { job in !again.contains { $0 === job } }
                committed(done.count)
                for job in done { job.finish(nil) }
            } catch {
                try? await session.execute("ROLLBACK")
                for job in batch { job.finish(error) }
                return
            }
            if again.isEmpty { return }
            batch = again
        }
    }
}
