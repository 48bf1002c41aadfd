import PostgresNIO
import Synchronization

/// Credentials read from PostgreSQL, kept in this process's memory while it listens for revocations,
/// so a request costs no credential read once its token is known.
///
/// `revoke` (from any process or host) sends `NOTIFY queue_credentials` in its transaction; one
/// connection of this process `LISTEN`s and empties the cache at every notification, which arrives
/// within milliseconds of the revocation's commit. While that connection is not listening (at start,
/// lost, the database down) nothing is cached and every request reads the database, so a revocation
/// is never missed. A read's answer is kept only if nothing emptied the cache between the read and
/// keeping it. Unknown tokens are never kept (a guesser cannot fill memory), nor more than
/// ``capacity`` known ones. A credential revoked by hand in SQL is taken up only with a `NOTIFY`.
final class PostgresCredentials: Sendable {
    static let channel = "queue_credentials"
    /// Most tokens kept (a city has a few hundred kiosks and staff); past it the cache starts again.
    static let capacity = 10_000

    private struct State {
        var listening = false
        /// Incremented whenever the cache is emptied or stops being trusted.
        var generation = 0
        var known: [String: Principal] = [:]
    }

    private final class Cache: Sendable {
        private let state = Mutex(State())

        func lookup(_ tokenHash: String) -> (principal: Principal?, generation: Int) {
            state.withLock { ($0.listening ? $0.known[tokenHash] : nil, $0.generation) }
        }

        func keep(_ tokenHash: String, _ principal: Principal, readAt generation: Int) {
            state.withLock { state in
                guard state.listening, state.generation == generation else { return }
                if state.known.count >= PostgresCredentials.capacity { state.known = [:] }
                state.known[tokenHash] = principal
            }
        }

        /// Empties the cache; `listening` says whether it may fill again.
        func reset(listening: Bool) {
            state.withLock { state in
                state.known = [:]
                state.generation &+= 1
                state.listening = listening
            }
        }
    }

    private let cache: Cache
    private let listener: Task<Void, Never>

    /// Starts listening on a connection of `client` (taken from its pool for as long as this lives).
    init(client: PostgresClient) {
        let cache = Cache()
        self.cache = cache
        listener = Task {
            while !Task.isCancelled {
                _ = try? await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        cache.reset(listening: true)
                        for try await _ in notifications { cache.reset(listening: true) }
                    }
                }
                cache.reset(listening: false)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    deinit { listener.cancel() }

    /// The principal of `tokenHash`: from the cache, or from `read` (the database), kept when known.
    func principal(_ tokenHash: String, read: () async throws -> Principal?) async throws -> Principal? {
        let (cached, generation) = cache.lookup(tokenHash)
        if let cached { return cached }
        let principal = try await read()
        if let principal { cache.keep(tokenHash, principal, readAt: generation) }
        return principal
    }
}
