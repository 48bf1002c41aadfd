import Foundation

/// Runs async work on the thread that waits for it: the work's task prefers this executor, so its jobs (its
/// start, and every resumption after a continuation another thread resumed) come back here and the waiting
/// thread runs them. The in-process server answers a request without a hop to the concurrency pool and
/// back (issue 17's simulated year: those hops were the sim's own overhead, not the server's work).
final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Unchecked: `jobs` (and a run's result) are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Starts `work` and runs its jobs on this thread until it returns its value.
    func run<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let result = Result<T>()
        Task(executorPreference: self) { [self] in
            deliver(await work(), to: result)
        }
        condition.lock()
        while true {
            if let value = result.value {
                condition.unlock()
                return value
            }
            guard !jobs.isEmpty else {
                condition.wait()
                continue
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
            condition.lock()
        }
    }

    /// Hands `value` to the waiting thread.
    private func deliver<T: Sendable>(_ value: T, to result: Result<T>) {
        condition.lock()
        result.value = value
        condition.signal()
        condition.unlock()
    }

    /// The work's value, handed over with `condition` locked.
    private final class Result<T: Sendable>: @unchecked Sendable {
        var value: T?
    }
}
