import Foundation
import Testing

/// Issue 12 #6, short version (the full one: scripts/city-load.sh): 3 sites × 10 kiosks × 2 counters,
/// a day compressed, kiosks going offline and syncing, 5 `kill -9` of the server.
@Suite("A city's day under kill -9")
struct CityLoadTests {
    @Test(.timeLimit(.minutes(4)))
    func threeSitesTenKiosksTwoCountersFiveKills() throws {
        var day = CityDay()
        let environment = ProcessInfo.processInfo.environment
        if let tickets = environment["CITY_TICKETS_PER_KIOSK"].flatMap(Int.init) { day.ticketsPerKiosk = tickets }
        if let kills = environment["CITY_KILLS"].flatMap(Int.init) { day.kills = kills }
        let report = try day.run()
        print(report)
        #expect(report.failures.isEmpty, "\(report.failures.prefix(5))")
        #expect(report.acknowledged == day.sites.count * day.kiosksPerSite * day.ticketsPerKiosk)
        #expect(report.offlineAcknowledged > 0)
        #expect(report.kills == day.kills)
        #expect(report.duplicates == 0)
        #expect(report.lost == 0)
        #expect(report.called > 0)
    }
}
