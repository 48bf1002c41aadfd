import Foundation
import KioskCore
import KioskLink
import KioskSQLite
import KioskTestSupport
import Testing

/// Issue 11 #3 with a real kioskd, queue server and printer: the ticket is durably "printing"
/// before its first byte; `kill -9` while the printer holds the job (it stopped reading mid-ticket)
/// leaves it so; the restarted kioskd reports it uncertain (not lost, not counted printed) and the
/// server keeps it waiting, released from its hold, for staff to confirm.
@Suite(.serialized) struct KilledWhilePrintingTests {
    @Test(.timeLimit(.minutes(4)))
    func aTicketKilledMidPrintIsReportedUncertainAfterTheRestart() throws {
        let setup = try LinkedKioskEndToEndTests.Setup()
        let storePath = setup.fixture.stateDirectory + "/sync.sqlite"
        var kiosk = try setup.start()
        setup.printer.inject(.stopsReading(afterBytes: 200))
        try KioskTouchDriver(setup.fixture).takeTicket(agency: "samsat", service: "balik-nama")

        // The printing mark is on disk before the printer gets the ticket's bytes.
        var printing: [String] = []
        let marked = try LinkedKioskEndToEndTests.eventually(timeout: 20) {
            printing = try SyncStoreReader(storePath).printing()
            return !printing.isEmpty
        }
        try #require(marked && printing.count == 1, "no ticket marked printing: \(kiosk.lines)")
        let id = printing[0]
        // Numbered online (or, on a machine too loaded for the 500 ms deadline, offline in the outbox).
        let onlineNumber = try setup.serverTickets()[id]?.number
        if onlineNumber != nil {
            #expect(try Self.heldUntil(setup, id) != nil, "an online ticket is held until the kiosk says it printed")
        }
        kiosk.stop(signal: SIGKILL)
        #expect(kiosk.lines.allSatisfy { !$0.contains("ticket id=\(id)") }, "killed before the outcome: \(kiosk.lines)")
        setup.printer.readingStopped = false

        // Restarted with the server out of reach: the outcome waits in the outbox, and it is "uncertain".
        setup.proxy.fault = .blackHole
        kiosk = try setup.start()
        try #require(
            kiosk.waitForLines(containing: "ticket id=\(id) was printing when kioskd stopped").count == 1, "\(kiosk.lines)")
        let reader = try SyncStoreReader(storePath)
        #expect(try reader.printing().isEmpty)
        #expect(try reader.printReports() == [id: #"{"outcome":"uncertain","printed":false,"reason":"kioskd stopped while printing it"}"#])

        setup.proxy.fault = .none
        let sent = try LinkedKioskEndToEndTests.eventually(timeout: 60) { try reader.printReports().isEmpty }
        #expect(sent, "the report reached the server: \(kiosk.lines)")
        let released = try LinkedKioskEndToEndTests.eventually(timeout: 10) { try Self.heldUntil(setup, id) == nil }
        #expect(released, "an uncertain ticket may be in a citizen's hand: it is callable, not held")
        let kept = try setup.serverTickets()[id]
        #expect(kept?.state == "waiting", "not voided: \(String(describing: kept))")
        if let onlineNumber { #expect(kept?.number == onlineNumber, "the number on the paper") }
        #expect(kiosk.stop() == 0)
    }

    /// The server's hold on ticket `id` (milliseconds), nil when it is callable.
    static func heldUntil(_ setup: LinkedKioskEndToEndTests.Setup, _ id: String) throws -> Int64? {
        let database = try SQLiteDatabase(path: setup.server.database, readOnly: true)
        if case .integer(let until) = try database.query("SELECT held_until FROM tickets WHERE ticket_id = ?", [.text(id)]).first?.first {
            return until
        }
        return nil
    }
}

/// Reads a kiosk's sync.sqlite beside the running kioskd, without changing it.
struct SyncStoreReader {
    let database: SQLiteDatabase

    init(_ path: String) throws { database = try SQLiteDatabase(path: path, readOnly: true) }

    /// Tickets marked printing.
    func printing() throws -> [String] {
        try database.query("SELECT ticket_id FROM printing").compactMap { if case .text(let id) = $0[0] { id } else { nil } }
    }

    /// Print outcomes waiting in the outbox: ticket id → JSON body.
    func printReports() throws -> [String: String] {
        var reports: [String: String] = [:]
        for row in try database.query("SELECT ticket_id, body FROM outbox WHERE kind = 'print'") {
            if case .text(let id) = row[0], case .text(let body) = row[1] { reports[id] = body }
        }
        return reports
    }
}
