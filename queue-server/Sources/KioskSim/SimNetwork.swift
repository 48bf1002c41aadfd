import KioskLink
import QueueServer
import Synchronization

/// The network between the kiosks, the staff and the in-process queue server, and the server's life:
/// each request is decided by the one ``Dice`` (its latency, and the fault of its link's episode, if any),
/// then handed to the real routes, rules and store, one at a time. Latency moves the simulated clock.
final class SimNetwork: Sendable {
    private struct State {
        /// The server; nil while it is down (connections refused).
        var server: InProcessQueueServer?
        /// Each link's fault episode and when it ends.
        var episodes: [String: (kind: FaultKind, until: Int64)] = [:]
        /// Links cut off from the server, and when they are back (beside, and before, any episode).
        var partitions: [String: Int64] = [:]
        /// Requests a fault changed, by kind.
        var affected: [FaultKind: Int] = [:]
        var requests = 0
    }

    private let state = Mutex(State())
    let clock: SimClock
    private let dice: Dice
    private let trace: TraceLog
    /// The server's SQLite file, its site and the catalogue it starts with.
    let databasePath: String
    let site: String
    private let catalogue: [UInt8]
    /// Runs the server's async answers on the simulation's thread.
    private let executor = CallingThreadExecutor()

    init(clock: SimClock, dice: Dice, trace: TraceLog, databasePath: String, site: String, catalogue: [UInt8]) {
        self.clock = clock
        self.dice = dice
        self.trace = trace
        self.databasePath = databasePath
        self.site = site
        self.catalogue = catalogue
    }

    // MARK: The server's life

    /// Starts the server on its SQLite file (the first start seeds the site's catalogue).
    func startServer() throws {
        let clock = self.clock
        let server = try InProcessQueueServer(path: databasePath, site: site, catalogue: catalogue, clock: { clock.now })
        state.withLock { $0.server = server }
    }

    /// Stops the server: every request is refused until ``startServer()``.
    func stopServer() {
        let server = state.withLock { state in
            defer { state.server = nil }
            return state.server
        }
        server?.stop()
    }

    var serverUp: Bool { state.withLock { $0.server != nil } }

    /// Runs provisioning work on the running server, waiting for it.
    func provision(_ work: @escaping @Sendable (InProcessQueueServer) async throws -> Void) throws {
        guard let server = state.withLock({ $0.server }) else { throw SimFailure("provisioning while the server is down") }
        let failure = executor.run { () async -> String? in
            do { try await work(server); return nil } catch { return "\(error)" }
        }
        if let failure { throw SimFailure("provisioning failed: \(failure)") }
    }

    // MARK: Faults

    /// Starts a fault episode of `kind` on `link` for `milliseconds`.
    func beginEpisode(_ kind: FaultKind, on link: String, milliseconds: Int64) {
        let until = clock.now + milliseconds
        state.withLock { $0.episodes[link] = (kind, until) }
    }

    /// Cuts `link` off from the server for `milliseconds`; the other links still reach it.
    func partition(_ link: String, milliseconds: Int64) {
        let until = clock.now + milliseconds
        state.withLock { $0.partitions[link] = max($0.partitions[link] ?? 0, until) }
    }

    /// Ends every episode and partition (healing).
    func heal() {
        state.withLock { state in
            state.episodes = [:]
            state.partitions = [:]
        }
    }

    /// Requests each fault changed, by kind.
    var affected: [FaultKind: Int] { state.withLock { $0.affected } }
    var requests: Int { state.withLock { $0.requests } }

    private func count(_ kind: FaultKind) { state.withLock { $0.affected[kind, default: 0] += 1 } }

    // MARK: Requests

    /// Carries `request` from `link` to the server and its answer back, as the link's episode allows.
    func send(_ request: HTTPRequest, from link: String) throws(QueueClientError) -> HTTPReply {
        let now = clock.now
        let (server, episode, cutOff) = state.withLock { state -> (InProcessQueueServer?, FaultKind?, Bool) in
            state.requests += 1
            let cutOff = (state.partitions[link] ?? 0) > now
            guard let episode = state.episodes[link], episode.until > now else { return (state.server, nil, cutOff) }
            return (state.server, episode.kind, cutOff)
        }
        let deadline = Int64(request.deadlineMilliseconds ?? 10_000)
        let latency = dice.int(2...40)
        if cutOff {
            count(.partition)
            clock.advance(by: 1)
            throw .transport("network is unreachable (this kiosk is cut off)")
        }
        guard let server else {
            clock.advance(by: 1)
            throw .transport("connection refused: the queue server is down")
        }
        // A request that drips reaches the server only once its last byte has come, if before the kiosk gives up.
        let drip = episode == .slowDrip ? Drip(bytesPerSecond: dice.int(20...400), requestSide: dice.chance(0.5)) : nil
        if let drip, drip.requestSide {
            count(.slowDrip)
            let sending = latency + drip.milliseconds(Drip.requestHeaderBytes + (request.body?.count ?? 0))
            guard sending <= deadline else {
                clock.advance(by: deadline)
                throw .transport("no answer within \(deadline) ms (the request was still trickling out; the server never got all of it)")
            }
            clock.advance(by: sending)
        }
        switch episode {
        case .blackHole?:
            count(.blackHole)
            clock.advance(by: deadline)
            throw .transport("no answer within \(deadline) ms (black hole)")
        case .reset? where dice.chance(0.7):
            count(.reset)
            clock.advance(by: 1)
            throw .transport("connection reset by peer")
        case .serverError? where dice.chance(0.5):
            count(.serverError)
            clock.advance(by: latency)
            return HTTPReply(status: 500, headers: ["content-type": "text/html"], body: Array("<h1>500 Internal Server Error</h1>".utf8))
        default:
            break
        }
        let reply = executor.run { await server.respond(method: request.method, path: request.path, headers: request.headers, body: request.body) }
        switch episode {
        case .latency?:
            count(.latency)
            let slow = latency + dice.int(200...4000)
            guard slow <= deadline else {
                clock.advance(by: deadline)
                throw .transport("no answer within \(deadline) ms (slow link; the server answered after \(slow) ms)")
            }
            clock.advance(by: slow)
        case .cutResponse? where dice.chance(0.5):
            count(.cutResponse)
            clock.advance(by: latency)
            throw .transport("connection closed before the answer came")
        case .malformedJSON? where dice.chance(0.5):
            count(.malformedJSON)
            clock.advance(by: latency)
            return HTTPReply(status: reply.status, headers: reply.headers, body: Array("{\"ticketId\": \"".utf8) + reply.body.prefix(7))
        case .slowDrip?:
            // The request's drip already took its time; else the answer trickles in.
            guard let drip, !drip.requestSide else { break }
            count(.slowDrip)
            let answering = latency + drip.milliseconds(Drip.replyHeaderBytes + reply.body.count)
            guard answering <= deadline else {
                clock.advance(by: deadline)
                throw .transport("no answer within \(deadline) ms (the answer was still trickling in; the server had handled the request)")
            }
            clock.advance(by: answering)
        default:
            clock.advance(by: latency)
        }
        return HTTPReply(status: reply.status, headers: reply.headers, body: reply.body)
    }
}

/// A slow drip's pace and side.
private struct Drip {
    /// About what a request's and an answer's status line and headers take.
    static let requestHeaderBytes = 220
    static let replyHeaderBytes = 160
    let bytesPerSecond: Int64
    /// The request trickles out (else the answer trickles in).
    let requestSide: Bool

    /// How long `bytes` take at this pace.
    func milliseconds(_ bytes: Int) -> Int64 { Int64(bytes) * 1000 / bytesPerSecond }
}

/// A kiosk's (or the staff's) connection: requests go through ``SimNetwork`` as link `link`.
struct SimTransport: HTTPTransport {
    let network: SimNetwork
    let link: String

    func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply { try network.send(request, from: link) }
}

/// The simulation itself could not go on (not an invariant violation: a broken setup).
struct SimFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
