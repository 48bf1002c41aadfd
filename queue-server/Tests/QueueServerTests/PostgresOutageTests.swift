import Foundation
import KioskLink
import KioskProtocol
import Testing

/// A PostgreSQL database that cannot be reached: at start the server says where and what to check
/// and exits non-zero soon (systemd restarts it); while running, requests are answered 503 with a
/// problem, `/healthz` is not ok, and both recover when the database returns.
@Suite("PostgreSQL store: an unreachable database")
struct PostgresOutageTests {
    @Test(arguments: ["postgres://queue@/queue?host=/nonexistent-socket-directory&port=5432", "postgres://queue@127.0.0.1:1/queue"])
    func anUnreachableDatabaseAtStartStopsTheServerSoonNamingIt(url: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestServer.binary)
        let key = FileManager.default.temporaryDirectory.appendingPathComponent("outage-\(UUID().uuidString).survey-key").path
        defer { try? FileManager.default.removeItem(atPath: key) }
        process.arguments = ["serve", "--store", url, "--survey-key", key, "--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        #expect(process.terminationStatus != 0)
        #expect(seconds < 15, "took \(seconds) s")
        let place = url.contains("nonexistent") ? "/nonexistent-socket-directory/.s.PGSQL.5432" : "127.0.0.1:1"
        #expect(output.contains("cannot reach the PostgreSQL database \"queue\"") && output.contains(place), "\(output)")
        #expect(output.contains("pg_hba.conf") && !output.contains("listening"), "\(output)")
    }

    @Test(.timeLimit(.minutes(4)))
    func whileTheDatabaseIsDownRequestsGet503AndHealthIsNotOkUntilItReturns() throws {
        let cluster = try PostgresCluster()
        let server = try TestServer(store: .postgres, cluster: cluster)
        let kiosk = try server.client()
        let first = try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        #expect(try health(server) == 200)

        try cluster.stop()
        let transport = try server.transport()
        let body = try QueueAPI.encoder().encode(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        let refused = try transport.send(HTTPRequest(
            method: "POST", path: QueueAPI.tickets,
            headers: ["Authorization": "Bearer " + server.kioskToken, "Content-Type": "application/json"], body: Array(body),
            deadlineMilliseconds: 15_000))
        #expect(refused.status == 503)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("/problems/unavailable"))
        let page = try transport.send(HTTPRequest(method: "GET", path: first.statusPath, deadlineMilliseconds: 15_000))
        #expect(page.status == 503)
        #expect(page.headers["content-type"] == "application/problem+json")
        // A browser gets the page in Bahasa Indonesia then English, reloading itself.
        let browserPage = try transport.send(HTTPRequest(
            method: "GET", path: first.statusPath, headers: ["Accept": CitizenErrorPageTests.browser], deadlineMilliseconds: 15_000))
        let text = String(decoding: browserPage.body, as: UTF8.self)
        #expect(browserPage.status == 503 && browserPage.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(text.contains("http-equiv=\"refresh\" content=\"30\""))
        let indonesian = try #require(text.range(of: "Layanan sedang tidak tersedia"))
        let english = try #require(text.range(of: "Service temporarily unavailable"))
        #expect(indonesian.lowerBound < english.lowerBound)
        #expect(try health(server) == 503)

        try cluster.start()
        // The pool reconnects on its own: wait (bounded) for the first healthy answer.
        let deadline = Date().addingTimeInterval(90)
        while try health(server) != 200, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try health(server) == 200)
        let again = try server.client().issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning + 1))
        #expect(again.number == "DA-002" && again.peopleAhead == 1)
        server.expectContractKept()
    }

    private func health(_ server: TestServer) throws -> Int {
        try server.transport().send(HTTPRequest(method: "GET", path: "/healthz", deadlineMilliseconds: 15_000)).status
    }
}
