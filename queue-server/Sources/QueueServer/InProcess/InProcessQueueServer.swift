import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Synchronization

/// The queue server without sockets: its real routes, rules and SQLite store answer one request at a
/// time in this process (the seam `kiosk-sim` drives). Nothing listens on a port; a request becomes a
/// response through the same router `queue-server serve` runs. Its store writes on the requesting thread, each
/// request in a transaction of its own (no group commit: requests come one at a time).
public final class InProcessQueueServer: Sendable {
    /// A response as the kiosk's transport reads it: status, headers (names lowercased) and body.
    public struct Reply: Sendable, Hashable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
    }

    private let store: SQLiteQueueStore
    private let responder: RouterResponder<BasicRequestContext>
    private let channel = NIOAsyncTestingChannel()
    private let logger = Logger(label: "queue-server.in-process")

    /// Opens (creating or migrating) the SQLite store at `path` (its survey key beside it, ``SurveyKey``); `catalogue` (kiosk-config format) seeds or
    /// replaces the catalogue of `site`. `clock` is the server's time, ms since the epoch, read per request.
    public init(path: String, site: String, catalogue: [UInt8]?, priorityEvery: Int = 3, clock: @escaping @Sendable () -> Int64) throws {
        store = try SQLiteQueueStore(
            path: path, catalogue: catalogue.map { (site: site, bytes: $0, path: "catalogue.json") }, alwaysOpen: false,
            priorityEvery: priorityEvery, writesOnCallersThread: true, surveyKey: { try SurveyKey.load(path: SurveyKey.defaultPath(database: path)) })
        try store.checkSites()
        responder = QueueRoutes(store: store, clock: clock, metrics: Metrics()).router().buildResponder()
    }

    /// Stops the store's writer thread (a server that stops or crashes); the file keeps what was committed.
    public func stop() { store.writer.stop() }

    /// Gives kiosk `kiosk` of `site` the bearer token `token` (provisioning, as `queue-server add-token`), and lets it
    /// issue priority tickets when `mayClaimPriority`.
    public func addKiosk(_ kiosk: String, site: String, token: String, mayClaimPriority: Bool = false, now: Int64) async throws {
        try await store.configureKiosk(kiosk, site: site, mayClaimPriority: mayClaimPriority)
        try await store.addCredential(tokenHash: SHA256Hex.of(token), principal: Principal(id: kiosk, role: .kiosk, site: site), now: now)
    }

    /// Gives member of staff `staff` of `site` the bearer token `token`.
    public func addStaff(_ staff: String, site: String, token: String, now: Int64) async throws {
        try await store.addCredential(tokenHash: SHA256Hex.of(token), principal: Principal(id: staff, role: .staff, site: site), now: now)
    }

    /// The server's answer to one request (`path` with its query, `headers` by name); a request the router
    /// cannot take (a header name HTTP forbids) is answered 400, a handler's failure 500, as on the wire.
    public func respond(method: String, path: String, headers: [String: String], body: [UInt8]?) async -> Reply {
        var fields = HTTPFields()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            guard let field = HTTPField.Name(name) else { return Reply(status: 400, headers: [:], body: []) }
            fields[field] = value
        }
        if let body { fields[.contentLength] = String(body.count) }
        let request = Request(
            head: HTTPRequest(method: HTTPRequest.Method(method) ?? .get, scheme: "http", authority: "localhost", path: path, headerFields: fields),
            body: RequestBody(buffer: ByteBuffer(bytes: body ?? [])))
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as HTTPResponseError {
            response = (try? error.response(from: request, context: context)) ?? Response(status: .internalServerError)
        } catch {
            response = Response(status: .internalServerError)
        }
        let collected = Collected()
        do { try await response.body.write(Collector(into: collected)) } catch { return Reply(status: 500, headers: [:], body: []) }
        var names: [String: String] = [:]
        for field in response.headers { names[field.name.canonicalName] = field.value }
        return Reply(status: response.status.code, headers: names, body: collected.bytes.withLock { $0 })
    }
}

/// A response body's bytes, as gathered.
private final class Collected: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

/// Gathers a response body's bytes into ``Collected``.
private struct Collector: ResponseBodyWriter {
    let into: Collected

    mutating func write(_ buffer: ByteBuffer) async throws {
        into.bytes.withLock { $0 += buffer.readableBytesView }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
