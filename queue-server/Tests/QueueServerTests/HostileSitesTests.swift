import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Sites tried as an attacker would: valid kiosk and staff tokens of one building against another's
/// tickets, numbers and bookings; odd site ids; a kiosk's heartbeat naming another site.
@Suite("Sites against a hostile kiosk or staff member")
struct HostileSitesTests {
    func request(at offset: Int64 = 0) -> IssueTicketRequest {
        IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning + offset)
    }

    static let beat = Heartbeat(
        softwareVersion: "t", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0, clockOffsetMs: 0)

    @Test(arguments: StoreKind.allCases) func anotherSitesTicketIsNotFoundToItsKiosksAndStaff(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        let denpasarStaff = try server.client(token: try server.addToken(role: "staff", id: "dps-staff", site: "denpasar"))
        let city = try server.client(token: try server.addToken(role: "city", id: "kota-1"))
        let theirs = try denpasar.issue(request())
        for client in [try server.client(), try server.client(token: server.staffToken)] {
            let read = #expect(throws: QueueClientError.self) { try client.ticket(theirs.ticketId) }
            #expect(read.map(IssuingTests.kind) == "not-found")
        }
        #expect(try denpasarStaff.ticket(theirs.ticketId).number == theirs.number)
        #expect(try city.ticket(theirs.ticketId).number == theirs.number)
        // Every counter action on it is refused to Badung's staff, and it stays as it was.
        let badungStaff = try server.client(token: server.staffToken)
        for action in CounterAction.allCases {
            let acted = #expect(throws: QueueClientError.self) {
                try badungStaff.counter(action, ticketID: theirs.ticketId, transferTo: action == .transfer ? "ktp-el" : nil)
            }
            #expect(acted.map(IssuingTests.kind) == "not-found")
        }
        // Badung's kiosk can neither void it nor take its id.
        let voided = #expect(throws: QueueClientError.self) { try server.client().reportPrint(ticketID: theirs.ticketId, PrintReport(printed: false)) }
        #expect(voided.map(IssuingTests.kind) == "not-found")
        var copy = request()
        copy.ticketId = theirs.ticketId
        let taken = #expect(throws: QueueClientError.self) { try server.client().issue(copy) }
        #expect(taken.map(IssuingTests.kind) == "idempotency-mismatch")
        #expect(try denpasarStaff.ticket(theirs.ticketId).state == .waiting)
        server.expectContractKept()
    }

    @Test(arguments: StoreKind.allCases) func anotherSitesLeasedNumberIsNotLeasedHere(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        let lease = try denpasar.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 3))
        let offline = OfflineTicket(ticket: request(), sequence: lease.first, number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        let reply = try server.client().sync(SyncBatch(tickets: [offline]))
        #expect(reply.results.map(\.outcome) == [.rejected] && reply.results.first?.reason == "not-leased")
        #expect(try denpasar.sync(SyncBatch(tickets: [offline])).results.map(\.outcome) == [.accepted])
        server.expectContractKept()
    }

    /// A kiosk id is one site's: a token for Badung's `kiosk-1` at Denpasar is refused, so no kiosk can sync
    /// numbers of a lease another site's namesake took (leases are looked up by site and kiosk on both stores).
    @Test(arguments: StoreKind.allCases) func aKioskIDIsOneSitesOnly(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let refused = #expect(throws: (any Error).self) { try server.addKiosk("kiosk-1", site: "denpasar") }
        #expect(refused.map { "\($0)" }?.contains("kiosk \"kiosk-1\" belongs to site \"default\"") == true)
    }

    @Test(arguments: StoreKind.allCases) func aHeartbeatNamingAnotherSiteIsRefused(store: StoreKind) throws {
        let server = try TestServer(store: store)
        _ = try server.addKiosk("dps-k01", site: "denpasar")
        var beat = Self.beat
        beat.siteId = "denpasar"
        let refused = #expect(throws: QueueClientError.self) { try server.client().heartbeat(beat) }
        #expect(refused.map(IssuingTests.kind) == "site-mismatch")
        #expect(try server.client(token: server.staffToken).kiosks().kiosks.isEmpty)
        beat.siteId = "default"
        _ = try server.client().heartbeat(beat)
        #expect(try server.client(token: server.staffToken).kiosks().kiosks.map(\.heartbeat.siteId) == ["default"])
        // A kiosk that does not say its site is taken at its token's word.
        _ = try server.client().heartbeat(Self.beat)
        server.expectContractKept()
    }

    /// The technician counts a kiosk reports (issue 16) are never negative, and nothing is stored when they are.
    @Test(arguments: StoreKind.allCases) func aHeartbeatWithNegativeTechnicianCountsIsRefused(store: StoreKind) throws {
        let server = try TestServer(store: store)
        var beat = Self.beat
        beat.technician = TechnicianActivity(pinAttempts: 3, pinRejected: -1, lockouts: 0, entries: 0, exits: Int.min)
        let refused = #expect(throws: QueueClientError.self) { try server.client().heartbeat(beat) }
        #expect(refused.map(IssuingTests.kind) == "invalid-request")
        #expect(try server.client(token: server.staffToken).kiosks().kiosks.isEmpty)
        beat.technician = TechnicianActivity(pinAttempts: 6, pinRejected: 5, lockouts: 1, entries: 1, exits: 1)
        _ = try server.client().heartbeat(beat)
        #expect(try server.client(token: server.staffToken).kiosks().kiosks.map(\.heartbeat.technician?.lockouts) == [1])
        server.expectContractKept()
    }

    @Test(arguments: ["", String(repeating: "a", count: 33), "../etc", "Denpasar", "a b", "dénpasar", "a\"b", "-x", "a\nb"])
    func anOddSiteIDIsRefusedAndNothingIsWritten(site: String) throws {
        let server = try TestServer()
        let error = #expect(throws: CheckerError.self) { try server.addKiosk("odd-k01", site: site) }
        #expect(error?.description.contains("--site is 1–32 of a–z, 0–9 and -") == true)
        let database = try SQLiteDatabase(path: server.database, readOnly: true)
        #expect(try database.query("SELECT site_id FROM sites").map { try $0.text(0) } == ["default"])
        #expect(try database.query("SELECT count(*) FROM credentials WHERE principal = 'odd-k01'").first?.int(0) == 0)
    }

    @Test(arguments: StoreKind.allCases) func metricsAreLabelledBySite(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let denpasar = try server.client(token: try server.addKiosk("dps-k01", site: "denpasar"))
        _ = try server.client().issue(request())
        _ = try denpasar.issue(request(at: 1))
        _ = try denpasar.issue(request(at: 2))
        let lease = try denpasar.lease(LeaseRequest(serviceId: "ktp-el", day: TestServer.mondayDay, count: 1))
        let offline = OfflineTicket(ticket: request(at: 3), sequence: lease.first, number: "DA-00\(lease.first)", day: TestServer.mondayDay)
        #expect(try denpasar.sync(SyncBatch(tickets: [offline])).results.map(\.outcome) == [.accepted])
        _ = try denpasar.heartbeat(Self.beat)
        let text = String(decoding: try server.transport().send(HTTPRequest(method: "GET", path: "/metrics")).body, as: UTF8.self)
        for line in [
            #"queue_tickets_issued_total{site="default",origin="online"} 1"#,
            #"queue_tickets_issued_total{site="denpasar",origin="online"} 2"#,
            #"queue_tickets_issued_total{site="denpasar",origin="offline"} 1"#,
            #"queue_tickets_issued_total{site="default",origin="offline"} 0"#,
            #"queue_sync_lag_seconds_count{site="denpasar"} 1"#, #"queue_sync_lag_seconds_count{site="default"} 0"#,
            #"queue_kiosks_offline{site="default"} 0"#, #"queue_kiosks_offline{site="denpasar"} 0"#,
        ] {
            #expect(text.contains(line + "\n"), "\(line)")
        }
        server.expectContractKept()
    }
}
