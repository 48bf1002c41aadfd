import Foundation
import Testing

/// Issue 12 #6, short version (the full one: scripts/city-load.sh): 3 sites × 10 kiosks × 2 counters,
/// a day compressed, kiosks going offline and syncing, 5 `kill -9` of the server.
@Suite("A city's day under kill -9")
struct CityLoadTests {
    /// Both stores, or the one `CITY_STORE` names (sqlite, postgres; empty: both), as scripts/city-load.sh passes it.
    static let stores: [StoreKind] =
        switch ProcessInfo.processInfo.environment["CITY_STORE"] {
        case nil, "": StoreKind.allCases
        case let name?: StoreKind(rawValue: name).map { [$0] } ?? []
        }

    @Test(.timeLimit(.minutes(4)), arguments: CityLoadTests.stores)
    func threeSitesTenKiosksTwoCountersFiveKills(store: StoreKind) throws {
        var day = CityDay()
        day.store = store
        let environment = ProcessInfo.processInfo.environment
        if let tickets = environment["CITY_TICKETS_PER_KIOSK"].flatMap(Int.init) { day.ticketsPerKiosk = tickets }
        if let kills = environment["CITY_KILLS"].flatMap(Int.init) { day.kills = kills }
        let report = try day.run()
        print("\(report) [store: \(store)]")
        #expect(report.failures.isEmpty, "\(report.failures.prefix(5))")
        #expect(report.acknowledged == day.sites.count * day.kiosksPerSite * day.ticketsPerKiosk)
        #expect(report.offlineAcknowledged > 0)
        #expect(report.kills == day.kills)
        #expect(report.duplicates == 0)
        #expect(report.lost == 0)
        #expect(report.called > 0)
    }
}
