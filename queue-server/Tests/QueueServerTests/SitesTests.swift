import Foundation
import KioskLink
import KioskProtocol
import Testing

/// Sites: each MPP building has its own numbers, queues, counters, kiosks and bookings; city staff see all.
@Suite("Sites of a city")
struct SitesTests {
    let monday = TestServer.mondayMorning

    func request(service: String = "ktp-el", at offset: Int64 = 0) -> IssueTicketRequest {
        IssueTicketRequest(ticketId: TestServer.newID(), serviceId: service, issuedAt: monday + offset, clockOffsetMs: 0, language: "id")
    }

    @Test(arguments: StoreKind.allCases) func numbersQueuesAndCountersArePerSite(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let badung = try server.client()
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        let badungStaff = try server.client(token: server.staffToken)
        let denpasarStaff = try server.client(token: try server.addToken(role: "staff", id: "dps-staff", site: "denpasar"))

        // The same service numbers from 1 at each site, online and leased.
        let here = try badung.issue(request())
        let there = try denpasar.issue(request(at: 1))
        #expect(here.number == "DA-001" && there.number == "DA-001")
        #expect(there.peopleAhead == 0)
        let lease = try denpasar.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 5))
        #expect(lease.first == 2 && lease.last == 6)
        #expect(try badung.issue(request(at: 2)).number == "DA-002")
        // A leased number of Denpasar that Badung also issued is still Denpasar's to print.
        let offline = OfflineTicket(ticket: request(at: 3), sequence: 2, number: "DA-002")
        #expect(try denpasar.sync(SyncBatch(tickets: [offline])).results.map(\.outcome) == [.accepted])

        // Each site's counter calls its own queue; counter ids are per site; staff cannot touch another site's ticket.
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        #expect(try badungStaff.callNext(call)?.ticketId == here.ticketId)
        #expect(try denpasarStaff.callNext(call)?.ticketId == there.ticketId)
        let foreign = #expect(throws: QueueClientError.self) { try badungStaff.counter(.start, ticketID: there.ticketId) }
        #expect(foreign.map(IssuingTests.kind) == "not-found")
        #expect(try denpasarStaff.counter(.start, ticketID: there.ticketId).state == .serving)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func aBookingNamesItsSite(store: StoreKind) throws {
        let server = try TestServer(store: store)
        _ = try server.addToken(role: "staff", id: "dps-staff", site: "denpasar")
        try TestServer.run(
            ["add-booking"] + server.storeArguments + [
                "--site", "denpasar", "--code", "BK-2468", "--service", "kartu-keluarga", "--day", TestServer.mondayDay,
            ])
        let checkIn = CheckInRequest(
            ticketId: TestServer.newID(), bookingCode: "BK-2468", issuedAt: monday, clockOffsetMs: 0, language: "id")
        let elsewhere = #expect(throws: QueueClientError.self) { try server.client().checkIn(checkIn) }
        #expect(elsewhere.map(IssuingTests.kind) == "booking-other-site")
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        #expect(try denpasar.checkIn(checkIn).number == "DB-001")
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func staffSeeTheirSiteAndCityStaffSeeEverySite(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        let beat = Heartbeat(
            softwareVersion: "t", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0, clockOffsetMs: 0)
        _ = try server.client().heartbeat(beat)
        _ = try denpasar.heartbeat(beat)
        _ = try denpasar.issue(request())
        let cityToken = try server.addToken(role: "city", id: "kota-1")
        let city = try server.client(token: cityToken)
        let staff = try server.client(token: server.staffToken)
        #expect(try staff.kiosks().kiosks.map(\.kioskId) == ["kiosk-1"])
        #expect(try city.kiosks().kiosks.map(\.kioskId) == ["dps-k01", "kiosk-1"])

        let citySites = try sites(server, token: cityToken)
        #expect(citySites.map(\.siteId) == ["default", "denpasar"])
        #expect(citySites.map(\.ticketsToday) == [0, 1] && citySites.map(\.waiting) == [0, 1] && citySites.map(\.kiosks) == [1, 1])
        #expect(try sites(server, token: server.staffToken).map(\.siteId) == ["default"])
        #expect(try server.transport().send(HTTPRequest(method: "GET", path: "/v1/sites", headers: ["Authorization": "Bearer " + server.kioskToken])).status == 403)

        // City staff read; they call no one (a counter belongs to a site).
        let call = CallNextRequest(counterId: "A1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        let refused = #expect(throws: QueueClientError.self) { try city.callNext(call) }
        #expect(refused.map(IssuingTests.kind) == "forbidden")
        server.expectContractKept()
    }

    private struct Sites: Decodable {
        struct Site: Decodable {
            var siteId: String
            var ticketsToday: Int
            var waiting: Int
            var kiosks: Int
        }
        var day: String
        var sites: [Site]
    }

    private func sites(_ server: TestServer, token: String) throws -> [Sites.Site] {
        let reply = try server.transport().send(HTTPRequest(method: "GET", path: "/v1/sites", headers: ["Authorization": "Bearer " + token]))
        #expect(reply.status == 200)
        let decoded = try JSONDecoder().decode(Sites.self, from: Data(reply.body))
        #expect(decoded.day == TestServer.mondayDay)
        return decoded.sites
    }

    /// A staff id may hold tokens at two sites: `revoke --id` alone is refused (it would reach both),
    /// `revoke --id --site` revokes that site's only.
    @Test(arguments: StoreKind.allCases) func revokingAnIdHeldAtTwoSitesNeedsTheSite(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let here = try server.client(token: try server.addToken(role: "staff", id: "loket-1"))
        let there = try server.client(token: try server.addToken(role: "staff", id: "loket-1", site: "denpasar"))
        let refused = #expect(throws: CheckerError.self) { try TestServer.run(["revoke"] + server.storeArguments + ["--id", "loket-1"]) }
        #expect(refused.map { "\($0)" }?.contains("holds tokens at sites default, denpasar: name one with --site") == true)
        #expect(try here.kiosks().kiosks.isEmpty && there.kiosks().kiosks.isEmpty)
        let said = try TestServer.run(["revoke"] + server.storeArguments + ["--id", "loket-1", "--site", "denpasar"])
        #expect(said == "revoked 1 token(s) of loket-1")
        #expect(CredentialCacheTests.refusedSoon { _ = try there.kiosks() })
        #expect(try here.kiosks().kiosks.isEmpty)
        server.expectContractKept()
    }

}
