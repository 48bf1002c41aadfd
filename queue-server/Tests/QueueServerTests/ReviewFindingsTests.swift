import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Session 27's hostile review of the survey, its smaller findings (issue 20, F9): a period read
/// leniently, a planted session cookie, a revoked session's page, an unbounded software version.
@Suite("Issue 20's review: period, sessions, heartbeat version")
struct ReviewFindingsTests {
    @Test func aPeriodIsDigitsOnly() {
        for text in ["2026-+1", "2026-+0", "2026-Q+", "2026-S+", "+202", "2026-", "2026-٠١", "２０２６", "2026- 1", "2026-1 "] {
            #expect(SurveyPeriod(text) == nil, "\(text)")
        }
        #expect(SurveyPeriod("2026-01")?.first.description == "2026-01-01")
        #expect(SurveyPeriod("2026-Q4")?.last.description == "2026-12-31")
        #expect(SurveyPeriod("2026")?.last.description == "2026-12-31")
    }

    /// `period=2026-+1` is refused (400), and a browser's page says why, the period escaped.
    @Test func aLenientPeriodIsRefusedAndThePageSaysWhy() throws {
        let server = try TestServer()
        for query in ["2026-%2B1", "2026-", "%3Cb%3E"] {
            #expect(try SurveyTests.get(server, "/v1/surveys/report?period=\(query)").status == 400, "\(query)")
        }
        let page = try server.transport().send(
            HTTPRequest(
                method: "GET", path: "/v1/surveys/report.html?period=2026-%2B1",
                headers: ["Authorization": "Bearer \(server.staffToken)", "Accept": "text/html"]))
        #expect(page.status == 400 && page.headers["content-type"]?.hasPrefix("text/html") == true)
        let text = SurveyTests.text(page)
        #expect(text.contains("periode &quot;2026-+1&quot; tidak dikenal") && text.contains("Period &quot;2026-+1&quot; is not one"), "\(text)")
        let markup = try server.transport().send(
            HTTPRequest(
                method: "GET", path: "/v1/surveys/report.html?period=%3Cscript%3E",
                headers: ["Authorization": "Bearer \(server.staffToken)", "Accept": "text/html"]))
        #expect(markup.status == 400 && !SurveyTests.text(markup).contains("<script>") && SurveyTests.text(markup).contains("&lt;script&gt;"))
        // An API client still gets the problem.
        let problem = try SurveyTests.get(server, "/v1/surveys/report.html?period=2026-%2B1")
        #expect(problem.status == 400 && problem.headers["content-type"]?.hasPrefix("application/problem+json") == true)
        server.expectContractKept()
    }

    /// A second session cookie planted before the real one does not shadow it; two valid sessions of two
    /// credentials are refused as ambiguous; signing out ends the real one.
    @Test func aPlantedSessionCookieDoesNotShadowTheRealOne() throws {
        let server = try TestServer()
        let real = try #require(StaffSignInTests.cookie(try StaffSignInTests.signIn(server, server.staffToken)))
        let value = String(real.dropFirst(StaffSessions.cookieName.count + 1))
        let planted = StaffSessions.cookieName + "=" + String(repeating: "a", count: 64) + ".99999999999999.deadbeef"
        let both = planted + "; " + real
        #expect(try StaffSignInTests.send(server, "GET", StaffSignInTests.report, headers: ["Cookie": both]).status == 200)
        #expect(try StaffSignInTests.send(server, "GET", StaffSignInTests.report, headers: ["Cookie": real + "; " + planted]).status == 200)
        let other = try server.addToken(role: "staff", id: "staff-2")
        let second = try #require(StaffSignInTests.cookie(try StaffSignInTests.signIn(server, other)))
        #expect(try StaffSignInTests.send(server, "GET", StaffSignInTests.report, headers: ["Cookie": second + "; " + real]).status == 401)
        #expect(try StaffSignInTests.send(server, "POST", "/staff/sign-out", headers: ["Cookie": both]).status == 200)
        #expect(try StaffSignInTests.send(server, "GET", StaffSignInTests.report, headers: ["Cookie": StaffSessions.cookieName + "=" + value]).status == 401)
        server.expectContractKept()
    }

    /// The sign-in page of a browser whose session's token was revoked offers the sign-in, not "Sign out".
    @Test func aRevokedSessionsPageOffersTheSignIn() throws {
        let server = try TestServer()
        let session = try #require(StaffSignInTests.cookie(try StaffSignInTests.signIn(server, server.staffToken)))
        let open = StaffSignInTests.text(try StaffSignInTests.send(server, "GET", "/staff/sign-in", headers: ["Cookie": session]))
        #expect(open.contains("Keluar"))
        try TestServer.run(["revoke"] + server.storeArguments + ["--id", "staff-1"])
        let page = StaffSignInTests.text(try StaffSignInTests.send(server, "GET", "/staff/sign-in", headers: ["Cookie": session]))
        #expect(!page.contains("Keluar") && page.contains("name=\"token\""), "\(page)")
        server.expectContractKept()
    }

    static func beat(_ version: String) -> Heartbeat {
        Heartbeat(softwareVersion: version, printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0, clockOffsetMs: 0)
    }

    /// A heartbeat's `softwareVersion` is 1–64 characters of a version; one stored before that rule is
    /// shown with only those characters, cut to 64.
    @Test func aHeartbeatsSoftwareVersionIsBoundedAndInert() throws {
        let server = try TestServer()
        let kiosk = try server.client()
        let html = String(repeating: "<img src=x onerror=alert(1)>", count: 6_000)
        for bad in [html, String(repeating: "1", count: 65), "", "1.0\u{0}", "1.0<b>", "1.0\"", "versi 1.0 ✓"] {
            #expect(HostileKioskTests().kind { _ = try kiosk.heartbeat(Self.beat(bad)) } == "invalid-request", "\(bad.prefix(20))")
        }
        _ = try kiosk.heartbeat(Self.beat("0.1.0+git.abc123~deb12u1 (1:2/3)"))
        let staff = try server.client(token: server.staffToken)
        #expect(try staff.kiosks().kiosks.first?.heartbeat.softwareVersion == "0.1.0+git.abc123~deb12u1 (1:2/3)")
        // As an earlier server stored it: the body whole.
        let body = String(decoding: try QueueAPI.encoder().encode(Self.beat(html)), as: UTF8.self)
        try SQLiteDatabase(path: server.database).query("UPDATE heartbeats SET body = ?", [.text(body)])
        let shown = try #require(try staff.kiosks().kiosks.first?.heartbeat.softwareVersion)
        #expect(shown.count == 64 && !shown.contains("<") && !shown.contains("="))
        server.expectContractKept()
    }
}
