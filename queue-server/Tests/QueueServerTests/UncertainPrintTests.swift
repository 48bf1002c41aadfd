import Foundation
import KioskLink
import KioskProtocol
import KioskSQLite
@testable import QueueServer
import Testing

/// Issue 11's staff mark: a ticket whose print its kiosk reported `uncertain` is listed for staff,
/// called in its turn with the mark, and confirmed or voided by staff; schema version 6 (SQLite) and
/// 3 (PostgreSQL) bring earlier databases forward with nothing marked.
@Suite("Uncertain prints: marked for staff, called with the mark, settled by staff")
struct UncertainPrintTests {
    /// What PostgreSQL's version 3 added, undone (a test turns a new database into an earlier version's).
    /// Takes a PostgreSQL database back to version 2 (version 4's survey table and version 5's number series go too).
    static let undoVersion3 =
        PrioritySeriesTests.undoPostgresVersion5 + "DROP TABLE surveys; DROP INDEX tickets_callable; DROP INDEX tickets_uncertain; ALTER TABLE tickets DROP COLUMN print_uncertain;"

    static func send(_ server: TestServer, _ method: String, _ path: String, token: String) throws -> HTTPReply {
        try server.transport().send(HTTPRequest(method: method, path: path, headers: ["Authorization": "Bearer " + token]))
    }

    static func uncertainList(_ server: TestServer, token: String) throws -> [String] {
        let reply = try send(server, "GET", UncertainPrint.listPath, token: token)
        guard reply.status == 200 else { throw CheckerError("uncertain list: \(reply.status)") }
        return try JSONDecoder().decode(UncertainTickets.self, from: Data(reply.body)).tickets.map(\.ticketId)
    }

    static func settle(_ server: TestServer, _ settlement: UncertainPrint.Settlement, _ ticketID: String) throws -> (status: Int, ticket: QueueTicket?) {
        let reply = try send(server, "POST", QueueAPI.tickets + "/" + ticketID + "/" + settlement.rawValue, token: server.staffToken)
        return (reply.status, reply.status == 200 ? try JSONDecoder().decode(QueueTicket.self, from: Data(reply.body)) : nil)
    }

    @Test(arguments: StoreKind.allCases) func anUncertainTicketIsListedCalledWithItsMarkAndConfirmedOrVoidedByStaff(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let kiosk = try server.client()
        let staff = try server.client(token: server.staffToken)
        let tickets = try (0..<4).map { index in
            try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning + Int64(index)))
        }
        let uncertain = PrintReport(printed: false, outcome: .uncertain, reason: "kioskd stopped while printing")
        let first = try kiosk.reportPrint(ticketID: tickets[0].ticketId, uncertain)
        #expect(first.printUncertain && first.state == .waiting)
        #expect(try !kiosk.reportPrint(ticketID: tickets[1].ticketId, PrintReport(printed: true)).printUncertain)
        #expect(try kiosk.reportPrint(ticketID: tickets[2].ticketId, uncertain).printUncertain)
        // A later confirmation from the kiosk settles it.
        _ = try kiosk.reportPrint(ticketID: tickets[3].ticketId, uncertain)
        #expect(try !kiosk.reportPrint(ticketID: tickets[3].ticketId, PrintReport(printed: true)).printUncertain)

        #expect(try Self.uncertainList(server, token: server.staffToken) == [tickets[0].ticketId, tickets[2].ticketId])
        #expect(try Self.send(server, "GET", UncertainPrint.listPath, token: server.kioskToken).status == 403)
        #expect(try kiosk.ticket(tickets[0].ticketId).printUncertain)

        // Called in its turn, with the mark; staff confirm it when the citizen comes with the paper.
        let call = CallNextRequest(counterId: "L1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)
        let called = try #require(try staff.callNext(call))
        #expect(called.ticketId == tickets[0].ticketId && called.printUncertain)
        let confirmed = try Self.settle(server, .confirm, tickets[0].ticketId)
        #expect(confirmed.status == 200 && confirmed.ticket?.printUncertain == false && confirmed.ticket?.state == .called)
        #expect(try Self.settle(server, .confirm, tickets[0].ticketId).status == 409)
        // No ticket came out of the third: voided, never called; an unmarked ticket cannot be voided so.
        let voided = try Self.settle(server, .void, tickets[2].ticketId)
        #expect(voided.status == 200 && voided.ticket?.state == .voided)
        #expect(try Self.settle(server, .void, tickets[1].ticketId).status == 409)
        #expect(try Self.settle(server, .void, TestServer.newID()).status == 404)
        #expect(try Self.uncertainList(server, token: server.staffToken).isEmpty)
        #expect(try staff.callNext(call)?.ticketId == tickets[1].ticketId)
        #expect(try staff.callNext(call)?.ticketId == tickets[3].ticketId)
        #expect(try staff.callNext(call) == nil)
        server.expectContractKept()
    }

    /// Another site's staff see none of a site's marked tickets and cannot settle them.
    @Test(arguments: StoreKind.allCases) func staffSeeAndSettleTheirOwnSitesMarksOnly(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let other = try server.addToken(role: "staff", id: "staff-other", site: "other")
        let ticket = try server.client().issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        _ = try server.client().reportPrint(ticketID: ticket.ticketId, PrintReport(printed: false, outcome: .uncertain))
        #expect(try Self.uncertainList(server, token: other).isEmpty)
        let path = QueueAPI.tickets + "/" + ticket.ticketId + "/" + UncertainPrint.Settlement.void.rawValue
        #expect(try Self.send(server, "POST", path, token: other).status == 404)
        #expect(try Self.uncertainList(server, token: server.staffToken) == [ticket.ticketId])
        server.expectContractKept()
    }

    /// SQLite: a version-5 database (v4's tables and v5's counts, as version 5's code made them) is
    /// brought forward: nothing marked, its queue called in order through the new index.
    @Test func aVersion5SQLiteDatabaseIsBroughtForwardWithNothingMarked() throws {
        let base = TestServer.mondayMorning - 60_000
        let old: [(id: String, queuedAt: Int64, state: String, sequence: Int?)] = (1...5).map { (TestServer.newID(), base + Int64($0), "waiting", $0) }
        let server = try TestServer { path in
            try CountsMigrationTests.writeVersion4(at: path, tickets: old)
            let database = try SQLiteDatabase(path: path)
            try database.execute(SQLiteCounts.schema + SQLiteCounts.backfill + "PRAGMA user_version = 5;")
        }
        #expect(try SQLiteSchema.userVersion(SQLiteDatabase(path: server.database, readOnly: true)) == SQLiteSchema.version)
        let staff = try server.client(token: server.staffToken)
        let called = try #require(try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["ktp-el"], day: TestServer.mondayDay)))
        #expect(called.ticketId == old[0].id && !called.printUncertain)
        #expect(try Self.uncertainList(server, token: server.staffToken).isEmpty)
        let new = try server.client().issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        #expect(new.peopleAhead == 4)
        _ = try server.client().reportPrint(ticketID: new.ticketId, PrintReport(printed: false, outcome: .uncertain))
        #expect(try Self.uncertainList(server, token: server.staffToken) == [new.ticketId])
        server.expectContractKept()
    }

    /// PostgreSQL: a version-2 database is brought forward at the next start, nothing marked.
    @Test func aVersion2PostgresDatabaseIsBroughtForwardWithNothingMarked() throws {
        let server = try TestServer(store: .postgres)
        let kiosk = try server.client()
        let old = try (0..<3).map { index in
            try kiosk.issue(IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "meterai", issuedAt: TestServer.mondayMorning + Int64(index)))
        }
        server.stop()
        let cluster = try PostgresCluster.shared.get()
        let name = try #require(server.database.components(separatedBy: "@/").last?.components(separatedBy: "?").first)
        _ = try cluster.psql(name, Self.undoVersion3 + " UPDATE schema_version SET version = 2")
        try server.start()
        #expect(try cluster.psql(name, "SELECT version FROM schema_version") == String(PostgresSchema.version))
        #expect(try !server.client().ticket(old[1].ticketId).printUncertain)
        let staff = try server.client(token: server.staffToken)
        #expect(try staff.callNext(CallNextRequest(counterId: "L1", serviceIds: ["meterai"], day: TestServer.mondayDay))?.ticketId == old[0].ticketId)
        _ = try server.client().reportPrint(ticketID: old[2].ticketId, PrintReport(printed: false, outcome: .uncertain))
        #expect(try Self.uncertainList(server, token: server.staffToken) == [old[2].ticketId])
        server.expectContractKept()
    }
}
