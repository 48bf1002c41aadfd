import Hummingbird
import KioskProtocol

/// Answers 405 with an `Allow` header for a method the API does not define on a path it has
/// (RFC 9110 §15.5.6); unknown paths still get 404 from the router.
struct MethodGuard: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// The methods of each route (as ``LatencyMiddleware/route(_:)`` names them).
    static let allowed: [String: [HTTPRequest.Method]] = {
        var table: [String: [HTTPRequest.Method]] = [
            QueueAPI.catalogue: [.get], QueueAPI.tickets: [.post], QueueAPI.leases: [.post], QueueAPI.sync: [.post],
            QueueAPI.checkIns: [.post], QueueAPI.heartbeat: [.post], QueueAPI.kiosks: [.get], QueueAPI.sites: [.get], QueueAPI.callNext: [.post],
            "/v1/tickets/{id}": [.get], "/v1/tickets/{id}/print-outcome": [.post], "/t/{id}": [.get], "/healthz": [.get],
            "/metrics": [.get], UncertainPrint.listPath: [.get],
        ]
        for action in CounterAction.allCases { table["/v1/tickets/{id}/" + action.rawValue] = [.post] }
        for settlement in UncertainPrint.Settlement.allCases { table["/v1/tickets/{id}/" + settlement.rawValue] = [.post] }
        table["/v1/tickets/{id}/survey"] = [.post]
        table["/t/{id}/survey"] = [.post]
        for report in SurveyRoutes.reports { table[report] = [.get] }
        table[StaffSignInRoutes.signIn] = [.get, .post]
        table[StaffSignInRoutes.signOut] = [.post]
        return table
    }()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let methods = Self.allowed[LatencyMiddleware.route(request.uri.path)], !methods.contains(request.method) {
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            var response = HTTPReplies.problem(Problem(
                type: "/problems/method-not-allowed", title: "Method not allowed", status: 405, detail: "this path takes \(allow)"))
            response.headers[.allow] = allow
            return response
        }
        return try await next(request, context)
    }
}
