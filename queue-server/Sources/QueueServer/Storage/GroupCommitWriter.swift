import Foundation
import KioskLink
import Synchronization

/// Runs storage work on one dedicated thread, many requests per transaction (group commit).
///
/// SQLite allows one writer at a time and each commit with `synchronous=FULL` costs an fsync.
/// Requests arriving together share one `BEGIN IMMEDIATE … COMMIT`, each inside its own
/// savepoint so one failing request rolls back alone. A caller resumes only after the commit that
/// holds its work returned: an answer the server sends is on disk. NIO's event loops never wait on
/// SQLite; they await the continuation.
final class GroupCommitWriter: Sendable {
    /// One request's work: runs on the writer thread, then learns whether its batch committed.
    private struct Job: Sendable {
        let run: @Sendable (SQLiteDatabase) -> Void
        let finish: @Sendable (Error?) -> Void
    }

    private let pending = Mutex<[Job]>([])
    private let signal = Semaphore()
    /// Largest number of requests in one transaction.
    private let maxBatch = 256
    nonisolated(unsafe) private let database: SQLiteDatabase

    init(database: SQLiteDatabase) {
        self.database = database
        let thread = Thread { [self] in loop() }
        thread.name = "queue-store-writer"
        thread.start()
    }

    /// Runs `work` in the next transaction and returns its value once that transaction committed.
    @discardableResult
    func perform<T: Sendable>(_ work: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        let outcome = ResultBox<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { database in outcome.set(Result { try work(database) }) },
                finish: { commitError in
                    if let commitError { continuation.resume(throwing: commitError) } else {
                        continuation.resume(with: outcome.take())
                    }
                })
            pending.withLock { $0.append(job) }
            signal.post()
        }
    }

    private func loop() {
        while true {
            let jobs: [Job] = pending.withLock { queue in
                let batch = Array(queue.prefix(maxBatch))
                queue.removeFirst(batch.count)
                return batch
            }
            if jobs.isEmpty {
                signal.wait()
            } else {
                runBatch(jobs)
            }
        }
    }

    private func runBatch(_ jobs: [Job]) {
        do {
            try database.execute("BEGIN IMMEDIATE")
        } catch {
            for job in jobs { job.finish(error) }
            return
        }
        for job in jobs {
            // A savepoint per job: a failed job undoes its own writes only.
            do {
                try database.execute("SAVEPOINT job")
                job.run(database)
                try database.execute("RELEASE job")
            } catch {
                try? database.execute("ROLLBACK TO job; RELEASE job")
            }
        }
        do {
            try database.execute("COMMIT")
            for job in jobs { job.finish(nil) }
        } catch {
            try? database.execute("ROLLBACK")
            for job in jobs { job.finish(error) }
        }
    }
}

/// Holds a job's result between the writer thread's run and its commit.
private final class ResultBox<T: Sendable>: Sendable {
    private let value = Mutex<Result<T, Error>?>(nil)
    func set(_ result: Result<T, Error>) { value.withLock { $0 = result } }
    func take() -> Result<T, Error> { value.withLock { $0 } ?? .failure(StorageFailure("job produced no result")) }
}

/// A counting semaphore on a mutex and condition variable, so the writer sleeps when idle.
private final class Semaphore: @unchecked Sendable {
    private let condition = NSCondition()
    private var count = 0
    func post() {
        condition.lock()
        count += 1
        condition.signal()
        condition.unlock()
    }
    func wait() {
        condition.lock()
        while count == 0 { condition.wait() }
        count = 0
        condition.unlock()
    }
}

/// Storage broke in a way no request caused.
struct StorageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
