import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
import KioskTestSupport
import Testing

@Suite("Catalogue cache and heartbeat")
struct CatalogueAndHeartbeatTests {
    @Test func aKioskThatBootsOfflineUsesTheLastCatalogue() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("K1")
        let first = try #require(kiosk.refreshCatalogue())
        #expect(first.fresh)
        let parsed = try ConfigParser.catalogue(text: String(decoding: first.bytes, as: UTF8.self), path: "/cache/catalogue.json")
        #expect(parsed.allServices.count == harness.catalogue.allServices.count)
        let cached = try #require(try kiosk.store.cachedCatalogue())
        #expect(try #require(kiosk.refreshCatalogue()).bytes == cached.bytes, "304: the cached copy stays")

        harness.proxy.fault = .reset
        let rebooted = try SyncLink(
            config: ServerConfig(url: "http://127.0.0.1:\(harness.proxy.port)", tokenFile: harness.directory + "/K1.token"),
            kioskID: "MPP-T-K1", storePath: harness.directory + "/K1.sqlite")
        let offline = try #require(rebooted.refreshCatalogue())
        #expect(!offline.fresh && offline.bytes == cached.bytes)
    }

    @Test func heartbeatCarriesOutboxLeasesClockAndHealth() throws {
        let harness = try SyncHarness()
        let kiosk = try harness.kiosk("K1", leaseSize: 30)
        let service = try harness.service("meterai")
        let day = SyncHarness.today()
        try kiosk.leases.renew([service.id], day: day)
        _ = try kiosk.store.issueOffline(
            IssueTicketRequest(ticketId: freshID().description, serviceId: "meterai", issuedAt: WallClock.milliseconds()),
            service: service, day: day)
        let beat = try kiosk.heartbeat(day: day, version: "test-1", printer: .paperLow, scanner: .absent, touchscreen: .ok)
        #expect(beat.outboxDepth == 1 && beat.leasedNumbersLeft == 29)
        let reply = try kiosk.background.heartbeat(beat)
        #expect(abs(reply.serverTime - WallClock.milliseconds()) < 5000)
        #expect(kiosk.clock.uncertainty.map { $0 < 1000 } == true, "the heartbeat's server time narrows the offset")
        let database = try SQLiteDatabase(path: harness.server.database, readOnly: true)
        let stored = try database.query("SELECT body FROM heartbeats WHERE kiosk_id = 'K1'")
        guard case .text(let body) = stored.first?.first else {
            Issue.record("server kept no heartbeat")
            return
        }
        #expect(try JSONDecoder().decode(Heartbeat.self, from: Data(body.utf8)) == beat)
    }
}
