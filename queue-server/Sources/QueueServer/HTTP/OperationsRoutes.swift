import FoundationEssentials
import Hummingbird
import KioskProtocol

/// `/healthz` and `/metrics`, and the middleware that times every request.
///
/// Neither route needs a credential: both are for the host's own monitoring, and the reverse proxy
/// in front of the server must not forward them (README, "Operations").
struct OperationsRoutes: Sendable {
    let store: any QueueStore
    let metrics: Metrics
    let clock: @Sendable () -> Int64
    /// Longer than this, a write waiting or running means the store is stuck.
    static let stallLimit: Duration = .seconds(5)

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            let healthy = await isHealthy()
            let body = healthy ? #"{"status":"ok"}"# : #"{"status":"unavailable"}"#
            return Response(
                status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/metrics") { _, _ in
            let sites = (try? await store.siteSummaries(site: nil, now: clock()).sites) ?? []
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render(kiosksOffline: sites.map { ($0.siteId, $0.kiosksOffline) }))))
        }
    }

    /// The store reads, and no write has been stuck for longer than ``stallLimit``.
    func isHealthy() async -> Bool {
        guard let stalled = try? await store.health() else { return false }
        return stalled < Self.stallLimit
    }
}

/// Times each request into ``Metrics``, labelled by its route pattern (ids folded), never its raw path.
struct LatencyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            metrics.request(route: Self.route(request.uri.path), seconds: seconds)
        }
        return try await next(request, context)
    }

    /// `/v1/tickets/{id}/start` for `/v1/tickets/3f…/start`; `other` for anything the API lacks.
    static func route(_ path: String) -> String {
        let known = Set<String>([
            QueueAPI.catalogue, QueueAPI.tickets, QueueAPI.leases, QueueAPI.sync, QueueAPI.checkIns, QueueAPI.heartbeat,
            QueueAPI.kiosks, QueueAPI.sites, QueueAPI.callNext, UncertainPrint.listPath, "/healthz", "/metrics",
            StaffSignInRoutes.signIn, StaffSignInRoutes.signOut,
        ]).union(SurveyRoutes.reports)
        if known.contains(path) { return path }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[1] == "t" { return "/t/{id}" }
        if parts.count == 4, parts[1] == "t", parts[3] == "survey" { return "/t/{id}/survey" }
        if parts.count >= 4, parts.count <= 5, parts[1] == "v1", parts[2] == "tickets" {
            if parts.count == 4 { return "/v1/tickets/{id}" }
            let action = String(parts[4])
            if action == "print-outcome" || action == "survey" || CounterAction(rawValue: action) != nil
                || UncertainPrint.Settlement(rawValue: action) != nil
            {
                return "/v1/tickets/{id}/" + action
            }
        }
        return "other"
    }
}
