import Foundation
import KioskLink
import Testing

/// The staff sign-in for the HTML report pages (issue 20's leftover) on both stores: a browser signs in
/// with a form and opens the printable report with the session cookie; the cookie opens nothing else,
/// and refusals (kiosk or unknown token, another site's post, a forged, signed-out or revoked session).
@Suite("Staff sign-in for the report pages")
struct StaffSignInTests {
    static let report = "/v1/surveys/report.html?period=2026-03"

    static func send(
        _ server: TestServer, _ method: String, _ path: String, headers: [String: String] = [:], form: String? = nil
    ) throws -> HTTPReply {
        var headers = headers
        if form != nil { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        return try server.transport().send(HTTPRequest(method: method, path: path, headers: headers, body: Array((form ?? "").utf8)))
    }

    /// Signs in with `token` and answers the reply.
    static func signIn(_ server: TestServer, _ token: String, next: String = report, headers: [String: String] = [:]) throws -> HTTPReply {
        let form = "token=" + token + "&next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return try send(server, "POST", "/staff/sign-in", headers: headers, form: form)
    }

    /// The `name=value` of a `Set-Cookie` header.
    static func cookie(_ reply: HTTPReply) -> String? { reply.headers["set-cookie"]?.split(separator: ";").first.map(String.init) }

    static func text(_ reply: HTTPReply) -> String { String(decoding: reply.body, as: UTF8.self) }

    @Test(arguments: StoreKind.allCases) func aBrowserSignsInAndOpensTheReportWithItsSessionOnly(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let browser = ["Accept": "text/html,application/xhtml+xml,*/*;q=0.8"]
        let away = try Self.send(server, "GET", Self.report, headers: browser)
        #expect(away.status == 303)
        let signInPath = try #require(away.headers["location"])
        #expect(signInPath == "/staff/sign-in?next=%2Fv1%2Fsurveys%2Freport%2Ehtml%3Fperiod%3D2026%2D03")
        let form = Self.text(try Self.send(server, "GET", signInPath, headers: browser))
        let indonesian = try #require(form.range(of: "Masuk petugas")), english = try #require(form.range(of: "Staff sign-in"))
        #expect(indonesian.lowerBound < english.lowerBound)
        #expect(form.contains("name=\"next\" value=\"/v1/surveys/report.html?period=2026-03\"") && !form.contains("Keluar"))

        let signedIn = try Self.signIn(server, server.staffToken)
        #expect(signedIn.status == 303 && signedIn.headers["location"] == Self.report)
        let setCookie = try #require(signedIn.headers["set-cookie"])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Max-Age=36000"))
        #expect(!setCookie.contains("Secure") && !setCookie.contains(server.staffToken))
        let session = try #require(Self.cookie(signedIn))

        let page = try Self.send(server, "GET", Self.report, headers: browser.merging(["Cookie": "theme=dark; " + session]) { $1 })
        #expect(page.status == 200 && Self.text(page).contains("Laporan Survei Kepuasan Masyarakat"))
        #expect(Self.text(try Self.send(server, "GET", "/staff/sign-in", headers: ["Cookie": session])).contains("Keluar"))
        // The API keeps bearer tokens: the cookie opens no JSON report, no CSV and no kiosk list.
        for path in ["/v1/surveys/report?period=2026-03", "/v1/surveys/report.csv?period=2026-03", "/v1/kiosks"] {
            #expect(try Self.send(server, "GET", path, headers: ["Cookie": session]).status == 401)
        }
        // A client that is not a browser gets the problem, not the sign-in.
        #expect(try Self.send(server, "GET", Self.report).status == 401)
        // Only a report page of this server is a place to go next.
        #expect(try Self.signIn(server, server.staffToken, next: "https://evil.example/").headers["location"] == Self.report)
        // Behind the TLS proxy the cookie is Secure.
        let overTLS = try Self.signIn(server, server.staffToken, headers: ["X-Forwarded-Proto": "https"])
        #expect(overTLS.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func signInRefusesOtherTokensAndSitesAndASessionEnds(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try Self.signIn(server, server.kioskToken)
        #expect(kiosk.status == 403 && kiosk.headers["set-cookie"] == nil && Self.text(kiosk).contains("Token kios"))
        let unknown = try Self.signIn(server, String(repeating: "0", count: 64))
        #expect(unknown.status == 401 && unknown.headers["set-cookie"] == nil)
        #expect(try Self.send(server, "POST", "/staff/sign-in", form: "next=x").status == 400)
        #expect(try Self.send(server, "POST", "/staff/sign-in", form: "token=a&token=b").status == 400, "a repeated field")
        // Fields the form does not have are ignored, repeated, nameless or not (schemathesis sent such a form).
        let extras = "=%5C&=b&%E5%A5%AD=1&token=" + server.staffToken + "&theme=dark&theme=light"
        #expect(try Self.send(server, "POST", "/staff/sign-in", form: extras).status == 303)
        // Another site's page cannot sign a browser in, nor out.
        #expect(try Self.signIn(server, server.staffToken, headers: ["Origin": "http://evil.example"]).status == 403)
        #expect(try Self.signIn(server, server.staffToken, headers: ["Sec-Fetch-Site": "cross-site"]).status == 403)
        let sameOrigin = try Self.signIn(server, server.staffToken, headers: ["Origin": "http://127.0.0.1:\(server.port)", "Sec-Fetch-Site": "same-origin"])
        #expect(sameOrigin.status == 303)

        let session = try #require(Self.cookie(try Self.signIn(server, server.staffToken)))
        // A session whose MAC is changed is no session.
        let forged = String(session.dropLast()) + (session.hasSuffix("0") ? "1" : "0")
        #expect(try Self.send(server, "GET", Self.report, headers: ["Cookie": forged]).status == 401)
        #expect(try Self.send(server, "GET", Self.report, headers: ["Cookie": session]).status == 200)
        #expect(try Self.send(server, "POST", "/staff/sign-out", headers: ["Cookie": session, "Origin": "http://evil.example"]).status == 403)
        #expect(try Self.send(server, "GET", Self.report, headers: ["Cookie": session]).status == 200)
        let out = try Self.send(server, "POST", "/staff/sign-out", headers: ["Cookie": session])
        #expect(out.status == 200 && out.headers["set-cookie"]?.contains("Max-Age=0") == true && Self.text(out).contains("Anda telah keluar"))
        #expect(try Self.send(server, "GET", Self.report, headers: ["Cookie": session]).status == 401)

        // Revoking the staff token ends its sessions (PostgreSQL: once the revocation's notification arrives).
        let second = try #require(Self.cookie(try Self.signIn(server, server.staffToken)))
        try TestServer.run(["revoke"] + server.storeArguments + ["--id", "staff-1"])
        let deadline = Date().addingTimeInterval(2)
        var status = 0
        repeat {
            status = try Self.send(server, "GET", Self.report, headers: ["Cookie": second]).status
            if status != 401 { Thread.sleep(forTimeInterval: 0.02) }
        } while status != 401 && Date() < deadline
        #expect(status == 401)
        server.expectContractKept()
    }
}
