import Foundation
import KioskSQLite
import Synchronization

/// Runs storage work on one dedicated thread, many requests per transaction (group commit).
///
/// SQLite allows one writer at a time and each commit with `synchronous=FULL` costs an fsync.
/// Requests arriving together share one `BEGIN IMMEDIATE … COMMIT`, each inside its own
/// savepoint so one failing request rolls back alone. A caller resumes only after the commit that
/// holds its work returned: an answer the server sends is on disk. NIO's event loops never wait on
/// SQLite; they await the continuation. A store whose requests come one at a time from one thread (the
/// in-process server that `kiosk-sim` drives) runs each request's work on the caller's thread instead, in a
/// transaction of its own: the same statements, without the hop to the writer thread and back.
final class GroupCommitWriter: Sendable {
    /// One request's work: runs on the writer thread (throwing when it failed, so its savepoint is
    /// rolled back), then learns whether its batch committed.
    private struct Job: Sendable {
        let run: @Sendable (SQLiteDatabase) throws -> Void
        let finish: @Sendable (Error?) -> Void
    }

    private let pending = Mutex<[Job]>([])
    /// When the oldest job still waiting or running was handed in; nil when idle (for health checks).
    private let oldestWork = Mutex<ContinuousClock.Instant?>(nil)
    private let signal = Semaphore()
    /// Set by ``stop()``: the thread ends once the work handed in is done.
    private let stopped = Mutex(false)
    /// Largest number of requests in one transaction.
    private let maxBatch = 256
    nonisolated(unsafe) private let database: SQLiteDatabase
    /// Whether work runs on the caller's thread (no writer thread), one transaction at a time under its lock.
    private let onCallersThread: Bool
    private let aloneLock = Mutex(())

    /// A writer on `database`; with `onCallersThread`, without a thread of its own (each request commits alone).
    init(database: SQLiteDatabase, onCallersThread: Bool = false) {
        self.database = database
        self.onCallersThread = onCallersThread
        guard !onCallersThread else { return }
        let thread = Thread { [self] in loop() }
        thread.name = "queue-store-writer"
        thread.start()
    }

    /// Runs `work` in the next transaction and returns its value once that transaction committed.
    @discardableResult
    func perform<T: Sendable>(_ work: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        if stopped.withLock({ $0 }) { throw StorageFailure("the store is closed") }
        if onCallersThread { return try aloneLock.withLock { _ in try alone(work) } }
        let outcome = ResultBox<T>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { database in
                    let result = Result { try work(database) }
                    outcome.set(result)
                    _ = try result.get()
                },
                finish: { commitError in
                    if let commitError { continuation.resume(throwing: commitError) } else {
                        continuation.resume(with: outcome.take())
                    }
                })
            pending.withLock { $0.append(job) }
            oldestWork.withLock { $0 = $0 ?? .now }
            signal.post()
        }
    }

    /// Ends the writer thread once the work handed in is done (the store closes; its connection is closed
    /// when the last reference goes). Work handed in afterwards fails.
    func stop() {
        stopped.withLock { $0 = true }
        signal.post()
    }

    /// How long the oldest unfinished work has waited or run; zero when idle. A writer stuck on a
    /// lock or a disk shows here.
    func stalled() -> Duration {
        oldestWork.withLock { $0.map { .now - $0 } } ?? .zero
    }

    private func loop() {
        while true {
            let jobs: [Job] = pending.withLock { queue in
                let batch = Array(queue.prefix(maxBatch))
                queue.removeFirst(batch.count)
                return batch
            }
            if jobs.isEmpty {
                if stopped.withLock({ $0 }) { return }
                signal.wait()
            } else {
                runBatch(jobs)
                // Work handed in after this batch was taken waits from at most now on.
                let more = pending.withLock { !$0.isEmpty }
                oldestWork.withLock { $0 = more ? .now : nil }
            }
        }
    }

    /// Runs `work` in a transaction of its own on this thread: a batch of one.
    private func alone<T>(_ work: (SQLiteDatabase) throws -> T) throws -> T {
        try database.execute("BEGIN IMMEDIATE")
        let value: T
        do {
            value = try work(database)
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        do {
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        return value
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
                try job.run(database)
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
