import KioskProtocol
import Synchronization

/// Ticket ids whose first request is still being handled: a replay arriving meanwhile gets 409.
final class InFlight: Sendable {
    private let ids = Mutex<Set<String>>([])

    /// Runs `work` while `id` is marked in flight; throws `in-flight` if it already is.
    func run<T: Sendable>(_ id: String, _ work: () async throws -> T) async throws -> T {
        let inserted = ids.withLock { $0.insert(id).inserted }
        guard inserted else {
            throw Problems.conflict("in-flight", "Same ticket still in progress", "a request for this ticket id is being handled; retry shortly")
        }
        defer { _ = ids.withLock { $0.remove(id) } }
        return try await work()
    }
}
