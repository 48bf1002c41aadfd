import FoundationEssentials
import Hummingbird
import KioskProtocol

/// The queue API's routes (docs/queue-api.yaml): who may call what, and the HTTP shape of each answer.
struct QueueRoutes: Sendable {
    let store: any QueueStore
    let inFlight = InFlight()
    /// When each kiosk was last heard, for where its fallback numbers queue (``KioskSilence``).
    let contacts = KioskContacts()
    /// Staff signed in to the HTML report pages (``StaffSignInRoutes``).
    let sessions = StaffSessions()
    let clock: @Sendable () -> Int64
    let metrics: Metrics
    /// How many days after its ticket's day a survey is taken (0: the same day only).
    var surveyWindowDays = SurveyRules.defaultWindowDays

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LatencyMiddleware(metrics: metrics))
        router.add(middleware: MethodGuard())
        OperationsRoutes(store: store, metrics: metrics, clock: clock).add(to: router)
        router.get(RouterPath(QueueAPI.catalogue)) { request, _ in await answer { try await catalogue(request) } }
        router.post(RouterPath(QueueAPI.tickets)) { request, _ in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(IssueTicketRequest.self, from: request)
                try SchemaChecks.check(body)
                let (ticket, created) = try await inFlight.run(body.ticketId.lowercased()) {
                    try await store.issue(body, kiosk: kiosk.id, site: kiosk.site, now: clock())
                }
                if created { metrics.ticketIssued(site: kiosk.site, origin: "online") }
                return try HTTPReplies.json(ticket, status: created ? .created : .ok)
            }
        }
        router.post(RouterPath(QueueAPI.leases)) { request, _ in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(LeaseRequest.self, from: request)
                return try HTTPReplies.json(try await store.lease(body, kiosk: kiosk.id, site: kiosk.site, now: clock()), status: .created)
            }
        }
        router.post(RouterPath(QueueAPI.sync)) { request, _ in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(SyncBatch.self, from: request)
                try SchemaChecks.check(body)
                let now = clock()
                let reply = try await store.sync(body, kiosk: kiosk.id, site: kiosk.site, now: now)
                for result in reply.results where result.outcome == .accepted {
                    metrics.ticketIssued(site: kiosk.site, origin: "offline")
                    if let ticket = result.ticket { metrics.synced(site: kiosk.site, lagSeconds: Double(now - ticket.queuedAt) / 1000) }
                }
                return try HTTPReplies.json(reply)
            }
        }
        router.post(RouterPath(QueueAPI.checkIns)) { request, _ in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(CheckInRequest.self, from: request)
                let (ticket, created) = try await inFlight.run(body.ticketId.lowercased()) {
                    try await store.checkIn(body, kiosk: kiosk.id, site: kiosk.site, now: clock())
                }
                if created { metrics.ticketIssued(site: kiosk.site, origin: "booking") }
                return try HTTPReplies.json(ticket, status: created ? .created : .ok)
            }
        }
        router.post(RouterPath(QueueAPI.heartbeat)) { request, _ in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(Heartbeat.self, from: request)
                try SchemaChecks.check(body)
                if let reported = body.siteId, reported != kiosk.site {
                    throw Problems.unprocessable(
                        "site-mismatch", "Kiosk reports another site",
                        "this kiosk's token belongs to site \(Problems.quoted(kiosk.site)), not \(Problems.quoted(reported))")
                }
                let now = clock()
                try await store.heartbeat(body, kiosk: kiosk.id, site: kiosk.site, now: now)
                return try HTTPReplies.json(HeartbeatReply(serverTime: now, maxClockSkewMs: store.maxClockSkewMs))
            }
        }
        router.get(RouterPath(QueueAPI.kiosks)) { request, _ in
            await answer {
                let reader = try await authorizeReader(request)
                return try HTTPReplies.json(try await store.kioskReports(site: reader.site, now: clock()))
            }
        }
        router.get(RouterPath(QueueAPI.sites)) { request, _ in
            await answer {
                let reader = try await authorizeReader(request)
                return try HTTPReplies.json(try await store.siteSummaries(site: reader.site, now: clock()))
            }
        }
        router.get(RouterPath(QueueAPI.tickets + "/{id}")) { request, context in
            await answer {
                let caller = try await authorizeAny(request)
                let (ticket, site) = try await ticket(context)
                // A kiosk or staff of another site sees no such ticket; city staff see every site's.
                guard caller.site == nil || caller.site == site else { throw Problems.notFound("no ticket \(Problems.quoted(ticket.ticketId))") }
                return try HTTPReplies.json(ticket)
            }
        }
        router.post(RouterPath(QueueAPI.tickets + "/{id}/print-outcome")) { request, context in
            await answer {
                let kiosk = try await authorize(request, .kiosk)
                let body = try await HTTPReplies.decode(PrintReport.self, from: request)
                let id = try context.parameters.require("id")
                return try HTTPReplies.json(try await store.printOutcome(ticketID: id, body, kiosk: kiosk.id, now: clock()))
            }
        }
        router.post(RouterPath(QueueAPI.callNext)) { request, _ in
            await answer {
                let staff = try await authorize(request, .staff)
                let body = try await HTTPReplies.decode(CallNextRequest.self, from: request)
                try SchemaChecks.check(body)
                guard let ticket = try await store.callNext(body, staff: staff.id, site: staff.site, now: clock()) else {
                    return Response(status: .noContent)
                }
                return try HTTPReplies.json(ticket)
            }
        }
        for action in CounterAction.allCases {
            router.post(RouterPath(QueueAPI.tickets + "/{id}/" + action.rawValue)) { request, context in
                await answer {
                    let staff = try await authorize(request, .staff)
                    let target = action == .transfer ? try await HTTPReplies.decode(TransferRequest.self, from: request).serviceId : nil
                    let id = try context.parameters.require("id").lowercased()
                    return try HTTPReplies.json(
                        try await store.counterAction(action, ticketID: id, transferTo: target, staff: staff.id, site: staff.site, now: clock()))
                }
            }
        }
        addSurveyRoutes(to: router)
        addStaffSignInRoutes(to: router)
        router.get(RouterPath(UncertainPrint.listPath)) { request, _ in
            await answer {
                let reader = try await authorizeReader(request)
                return try HTTPReplies.json(try await store.uncertainTickets(site: reader.site))
            }
        }
        for settlement in UncertainPrint.Settlement.allCases {
            router.post(RouterPath(QueueAPI.tickets + "/{id}/" + settlement.rawValue)) { request, context in
                await answer {
                    let staff = try await authorize(request, .staff)
                    let id = try context.parameters.require("id").lowercased()
                    return try HTTPReplies.json(try await store.settleUncertain(settlement, ticketID: id, site: staff.site, now: clock()))
                }
            }
        }
        router.get(RouterPath("/t/{id}")) { request, context in
            await answerCitizen(accept: request.headers[.accept]) {
                let (ticket, site) = try await ticket(context)
                return HTTPReplies.page(CitizenPage.render(ticket, catalogue: try await store.catalogueDocument(site: site).catalogue))
            }
        }
        return router
    }

    private func catalogue(_ request: Request) async throws -> Response {
        let kiosk = try await authorize(request, .kiosk)
        let document = try await store.catalogueDocument(site: kiosk.site)
        if request.headers[.ifNoneMatch] == document.etag {
            return Response(status: .notModified, headers: [.eTag: document.etag])
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json", .eTag: document.etag],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.bytes)))
    }

    func ticket(_ context: BasicRequestContext) async throws -> (ticket: QueueTicket, site: String) {
        let id = try context.parameters.require("id")
        guard id.utf8.count == 36, let ticket = try await store.ticket(id.lowercased()) else {
            throw Problems.notFound("no ticket \(Problems.quoted(id))")
        }
        return ticket
    }

    /// A kiosk or a member of a site's staff: who, and their site.
    struct SiteCaller {
        let id: String
        let site: String
    }

    /// The caller, a kiosk or staff of one site, when its token is of `role`. A kiosk is recorded as heard.
    func authorize(_ request: Request, _ role: Principal.Role) async throws -> SiteCaller {
        let principal = try await authorizeAny(request)
        guard principal.role == role, let site = principal.site else {
            throw Problems.forbidden("this needs a \(role.rawValue) credential; yours is a \(principal.role.rawValue) credential")
        }
        if role == .kiosk { try await contacts.heard(principal.id, now: clock(), store: store) }
        return SiteCaller(id: principal.id, site: site)
    }

    /// Staff of one site (who see that site) or city staff (who see every site: `site` nil).
    func authorizeReader(_ request: Request) async throws -> Principal {
        let principal = try await authorizeAny(request)
        guard principal.role != .kiosk else {
            throw Problems.forbidden("this needs a staff or city credential; yours is a kiosk credential")
        }
        return principal
    }

    /// The caller when its bearer token is known and not revoked, whatever its role.
    /// The scheme is case-insensitive (RFC 9110 §11.1): `Bearer`, `bearer` and `BEARER` all work.
    private func authorizeAny(_ request: Request) async throws -> Principal {
        guard let header = request.headers[.authorization], header.utf8.count <= 200,
            let space = header.firstIndex(of: " "), header[..<space].lowercased() == "bearer"
        else {
            throw Problems.unauthorized
        }
        let token = String(header[header.index(after: space)...].drop(while: { $0 == " " }))
        guard let principal = try await store.principal(tokenHash: SHA256Hex.of(token)) else { throw Problems.unauthorized }
        return principal
    }

    /// Runs a handler, turning a ``Problem`` into its problem+json response and anything else into a 500.
    func answer(_ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch {
            return HTTPReplies.problem(Self.problem(error))
        }
    }

    /// ``answer(_:)`` for the citizen page: a refusal is a page when the browser asks for HTML (`accept`).
    private func answerCitizen(accept: String?, _ handler: () async throws -> Response) async -> Response {
        do {
            return try await handler()
        } catch {
            return CitizenErrorPage.response(Self.problem(error), accept: accept)
        }
    }

    /// A handler's error as its problem: a ``Problem`` as it is, anything else a 500 (logged).
    private static func problem(_ error: any Error) -> Problem {
        if let problem = error as? Problem { return problem }
        print("queue-server: internal error: \(error)")
        return Problem(type: "/problems/internal", title: "Internal server error", status: 500, detail: "the server could not complete this request")
    }
}
