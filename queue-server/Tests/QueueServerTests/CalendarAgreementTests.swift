import Foundation
import KioskCore
import Testing

@testable import QueueServer

/// The kiosk (also offline) and the queue server must agree on when a service takes tickets: both use the
/// catalogue's calendar through KioskCore's ServiceSchedule, and this checks the wiring on both sides.
@Suite("Calendar: server and kiosk agree")
struct CalendarAgreementTests {
    static let services = ["ktp-el", "akta-kelahiran", "pbb-p2", "sim-baru", "paspor-baru"].map { ServiceID($0) }

    @Test("every minute of Nyepi week 2026 (a holiday, cuti bersama, Idul Fitri, Ramadan, a Friday break, sessions, cutoffs)")
    func everyMinuteOfASampleWeek() throws {
        let catalogue = try ConfigParser.catalogue(
            text: try String(contentsOfFile: TestServer.catalogue, encoding: .utf8), path: TestServer.catalogue)
        let rules = IssueRules(catalogue: catalogue, alwaysOpen: false)
        let settings = FlowSettings(
            catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10, agenciesPerPage: 6,
            servicesPerPage: 6)
        let kiosk = KioskState()
        // Monday 16 March 2026 00:00 WITA, for 7 days.
        let monday = Int64(CalendarDate("2026-03-16")!.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000
        var openMinutes = 0, closedMinutes = 0
        for id in Self.services {
            let service = try #require(catalogue.service(id))
            for day in 0..<7 {
                var openToday = false
                for minute in 0..<1440 {
                    let at = monday + Int64(day * 1440 + minute) * 60_000
                    let server = (try? rules.checkOpen(service, at: at)) != nil
                    let availability = kiosk.availability(of: service, now: Timestamp(millisecondsSinceEpoch: at), settings: settings)
                    let kioskTakes = if case .closed = availability { false } else { true }
                    if server != kioskTakes { Issue.record("\(id) day \(day) minute \(minute): server \(server), kiosk \(kioskTakes)") }
                    openToday = openToday || kioskTakes
                    if kioskTakes { openMinutes += 1 } else { closedMinutes += 1 }
                }
                let date = CalendarDate("2026-03-16")!.adding(days: day)!
                let leases = (try? rules.checkOpen(service, on: date)) != nil
                #expect(leases == openToday, "\(id) \(date): a lease only for a day it takes tickets")
            }
        }
        #expect(openMinutes > 0 && closedMinutes > openMinutes, "the week has both, mostly closed: \(openMinutes) open")
    }
}
