import Hummingbird
import KioskCore
import KioskProtocol

/// Staff sign-in for the HTML report pages (`/v1/surveys/report.html`): a browser cannot send a
/// bearer token, so staff post their token to a form and get a session cookie (``StaffSessions``)
/// that only those pages accept; the API keeps bearer tokens. A post from another site (its
/// `Origin` or `Sec-Fetch-Site` says so) is refused, and the cookie is `SameSite=Strict`, so another
/// site can neither sign a browser in nor use its session.
enum StaffSignInRoutes {
    static let signIn = "/staff/sign-in"
    static let signOut = "/staff/sign-out"
    /// Largest sign-in form body (a token is 64 characters).
    static let maxForm = 4096

    /// Where a sign-in may lead: a report page of this server, nothing else (no open redirect).
    static func safeNext(_ next: String?, now: Int64) -> String {
        if let next, next == SurveyRoutes.reportPage || next.hasPrefix(SurveyRoutes.reportPage + "?"),
            next.utf8.count <= 200, next.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\"") })
        {
            return next
        }
        let month = CalendarDate(LocalTime(Timestamp(millisecondsSinceEpoch: now), zone: .wita)).description.prefix(7)
        return SurveyRoutes.reportPage + "?period=" + month
    }

    /// The value of the header `name` (lower case).
    private static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name }?.value
    }

    /// Whether the browser reached the server over TLS: the server speaks plain HTTP behind the TLS
    /// reverse proxy, which says so in `X-Forwarded-Proto` (README, "Authentication and TLS").
    static func overTLS(_ request: Request) -> Bool {
        header(request, "x-forwarded-proto")?.lowercased() == "https"
    }

    /// Whether a post comes from another site: `Sec-Fetch-Site` other than `same-origin` or `none`, or
    /// an `Origin` whose host is not the request's `Host`. A request with neither (not a browser's) passes.
    static func fromOtherSite(_ request: Request) -> Bool {
        if let site = header(request, "sec-fetch-site"), site != "same-origin", site != "none" { return true }
        guard let origin = request.headers[.origin] else { return false }
        guard let scheme = origin.range(of: "://"), let host = request.head.authority else { return true }
        return origin[scheme.upperBound...].lowercased() != host.lowercased()
    }

    /// `text` with every byte but letters and digits as `%XX` (a query parameter's value).
    static func percentEncoded(_ text: String) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension QueueRoutes {
    func addStaffSignInRoutes(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(StaffSignInRoutes.signIn)) { request, _ in
            let next = StaffSignInRoutes.safeNext(request.uri.queryParameters["next"].map(String.init), now: clock())
            // Signed in only while the session's credential is: a revoked one's page offers the sign-in, not "Sign out".
            let signedIn = (try? await sessionReader(request)) != nil
            return StaffSignInPage.response(.ok, next: next, notice: nil, signedIn: signedIn)
        }
        router.post(RouterPath(StaffSignInRoutes.signIn)) { request, _ in await signIn(request) }
        router.post(RouterPath(StaffSignInRoutes.signOut)) { request, _ in
            let home = StaffSignInRoutes.safeNext(nil, now: clock())
            guard !StaffSignInRoutes.fromOtherSite(request) else { return StaffSignInPage.response(.forbidden, next: home, notice: .otherSite) }
            sessions.end(cookieHeader: request.headers[.cookie], now: clock())
            var response = StaffSignInPage.response(.ok, next: home, notice: .signedOut)
            response.headers[.setCookie] = StaffSessions.clearCookie(secure: StaffSignInRoutes.overTLS(request))
            return response
        }
    }

    /// The sign-in form's post: a staff or city token starts a session and leads to `next` (303).
    private func signIn(_ request: Request) async -> Response {
        let now = clock()
        guard !StaffSignInRoutes.fromOtherSite(request) else {
            return StaffSignInPage.response(.forbidden, next: StaffSignInRoutes.safeNext(nil, now: now), notice: .otherSite)
        }
        guard let buffer = try? await request.body.collect(upTo: StaffSignInRoutes.maxForm),
            let fields = try? FormBody.fields(String(decoding: buffer.readableBytesView, as: UTF8.self), named: ["token", "next"])
        else {
            return StaffSignInPage.response(.badRequest, next: StaffSignInRoutes.safeNext(nil, now: now), notice: .malformed)
        }
        let next = StaffSignInRoutes.safeNext(fields["next"], now: now)
        guard let token = fields["token"], !token.isEmpty, token.utf8.count <= 200 else {
            return StaffSignInPage.response(.badRequest, next: next, notice: .malformed)
        }
        let tokenHash = SHA256Hex.of(token)
        let principal: Principal?
        do {
            principal = try await store.principal(tokenHash: tokenHash)
        } catch {
            return await answer { throw error }
        }
        guard let principal else { return StaffSignInPage.response(.unauthorized, next: next, notice: .unknownToken) }
        guard principal.role != .kiosk else { return StaffSignInPage.response(.forbidden, next: next, notice: .kioskToken) }
        return Response(
            status: .seeOther,
            headers: [
                .location: next, .cacheControl: "no-store",
                .setCookie: StaffSessions.setCookie(sessions.start(tokenHash: tokenHash, now: now), secure: StaffSignInRoutes.overTLS(request)),
            ])
    }

    /// The reader of an HTML report page: a bearer token as the API takes it, else the session cookie.
    func pageReader(_ request: Request) async throws -> Principal {
        if request.headers[.authorization] != nil { return try await authorizeReader(request) }
        return try await sessionReader(request)
    }

    /// The staff or city member whose session cookie `request` carries, while their credential stands.
    private func sessionReader(_ request: Request) async throws -> Principal {
        guard let tokenHash = sessions.tokenHash(cookieHeader: request.headers[.cookie], now: clock()),
            let principal = try await store.principal(tokenHash: tokenHash), principal.role != .kiosk
        else { throw Problems.unauthorized }
        return principal
    }

    /// Answers an HTML report page: a browser without a credential or session is sent to sign in (303).
    func answerPage(_ request: Request, _ handler: (Principal) async throws -> Response) async -> Response {
        do {
            return try await handler(try await pageReader(request))
        } catch let problem as Problem where problem.status == 401 && CitizenErrorPage.wantsHTML(accept: request.headers[.accept]) {
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            let location = StaffSignInRoutes.signIn + "?next=" + StaffSignInRoutes.percentEncoded(next)
            return Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store", .vary: "Accept"])
        } catch {
            return await answer { throw error }
        }
    }
}
