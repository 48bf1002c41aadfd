import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

@testable import KioskRuntime

@Suite("Link supervisor")
struct LinkSupervisorTests {
    /// A catalogue of one service, `ktp-el` (its hours play no part here).
    static let ktpOnly = Catalogue(agencies: [
        Agency(
            id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
            services: [
                Service(
                    id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "KTP-el", english: "ID card"),
                    prefix: "A", hours: OpeningHours([:]), dailyQuota: nil)
            ])
    ])

    /// A server whose catalogue this kiosk cannot read (a newer format, a broken file): before the fix the
    /// parse error ended every round, so leases, the outbox and the heartbeat never ran again.
    @Test("a catalogue the kiosk refuses is not fetched again, and leases, outbox and heartbeat go on", .timeLimit(.minutes(4)))
    func refusedCatalogueDoesNotStopTheLink() throws {
        let server = try ScriptedHTTPServer { request in
            if request.path == "/v1/catalogue" {
                if request.headers["if-none-match"] == "\"broken-1\"" { return (304, [:], "") }
                return (200, ["ETag": "\"broken-1\"", "Content-Type": "application/json"], #"{"agencies": "#)
            }
            return (503, ["Content-Type": "application/problem+json"], #"{"title": "busy", "status": 503}"#)
        }
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "link-supervisor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "kiosk-token-0123456789abcdef".write(toFile: directory + "/token", atomically: true, encoding: .utf8)
        chmod(directory + "/token", 0o600)
        let config = ServerConfig(url: "http://127.0.0.1:\(server.port)", tokenFile: directory + "/token", heartbeatSeconds: 1)
        let link = try SyncLink(config: config, kioskID: "TEST-K01", storePath: directory + "/sync.sqlite")
        let supervisor = try LinkSupervisor(
            link: link, config: config, storePath: directory + "/sync.sqlite",
            statusPath: directory + "/queue-server.status", catalogue: Self.ktpOnly, zone: .wita, updates: try Mailbox())
        supervisor.start()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !server.requests.contains(where: { $0.path != "/v1/catalogue" }) { usleep(20_000) }
        supervisor.stop()
        let paths = server.requests.map(\.path)
        #expect(paths.contains("/v1/leases"), "leases are asked for after the refused catalogue: \(paths)")
        let catalogueFetches = server.requests.filter { $0.path == "/v1/catalogue" }
        #expect(catalogueFetches.dropFirst().allSatisfy { $0.headers["if-none-match"] == "\"broken-1\"" })
    }
}
