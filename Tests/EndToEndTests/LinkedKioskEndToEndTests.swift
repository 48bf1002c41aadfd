import Foundation
import KioskCore
import KioskLink
import KioskSQLite
import KioskTestSupport
import Testing

/// A real kioskd linked to a real queue-server process (through a fault proxy): online numbers,
/// offline numbers from a lease within the deadline, sync after healing, and a restart while offline.
@Suite(.serialized) struct LinkedKioskEndToEndTests {
    /// A queue server holding the fixture catalogue, a proxy in front of it, a TCP printer (of
    /// `printerProfile`, else the generic one), and a kiosk fixture linked through the proxy.
    final class Setup: Sendable {
        let server: QueueServerProcess
        let proxy: FaultProxy
        let printer: PrinterEmulator
        let fixture: KioskFixture
        static let deadline = 500

        init(deadlineMilliseconds: Int = deadline, printerProfile: String? = nil, scanner: String? = nil) throws {
            let catalogue = NSTemporaryDirectory() + "kiosk-linked-catalogue-\(UUID().uuidString).json"
            try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: catalogue) }
            server = try QueueServerProcess(catalogue: catalogue)
            proxy = try FaultProxy(upstreamPort: server.port)
            let printer = try PrinterEmulator()
            self.printer = printer
            fixture = try KioskFixture(
                printerPort: printer.port,
                printer: printerProfile.map { #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "profile": "\#($0)"}"# },
                scanner: scanner,
                server: KioskFixture.serverJSON(
                    port: proxy.port, tokenFile: try server.addKiosk("TEST-K01"), deadlineMilliseconds: deadlineMilliseconds))
        }

        deinit {
            printer.stop()
            proxy.stop()
        }

        func start() throws -> KioskProcess {
            let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
            try #require(kiosk.waitForLines(containing: "ready:").count == 1, "kioskd started: \(kiosk.lines)")
            return kiosk
        }

        /// The body of the last heartbeat the server received from the kiosk.
        func heartbeat() throws -> String? {
            let database = try SQLiteDatabase(path: server.database, readOnly: true)
            if case .text(let body) = try database.query("SELECT body FROM heartbeats WHERE kiosk_id = 'TEST-K01'").first?.first {
                return body
            }
            return nil
        }

        /// Every ticket the server holds: id → (number, state).
        func serverTickets() throws -> [String: (number: String, state: String)] {
            let database = try SQLiteDatabase(path: server.database, readOnly: true)
            var result: [String: (number: String, state: String)] = [:]
            for row in try database.query("SELECT ticket_id, number, state FROM tickets") {
                guard case .text(let id) = row[0], case .text(let number) = row[1], case .text(let state) = row[2] else { continue }
                result[id] = (number, state)
            }
            return result
        }
    }

    /// The ticket log lines of `kiosk`, as (id, number, offline, tap_to_print_ms).
    static func tickets(_ kiosk: KioskProcess, count: Int) -> [(id: String, number: String, offline: Bool, ms: Double?)] {
        kiosk.waitForLines(containing: " printed=", count: count).map { line in
            func field(_ key: String) -> String? {
                line.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            }
            return (field("id") ?? "", field("number") ?? "", field("offline") == "yes", field("tap_to_print_ms").flatMap(Double.init))
        }
    }

    /// The ids of the first `count` tickets of `kiosk` that no paper carries: refused by the job's own
    /// check (`printed=no`), or numbered after the printer's idle watch heard it go down while the number
    /// was asked (voided at once); fewer after `seconds`.
    static func notPrinted(_ kiosk: KioskProcess, count: Int, within seconds: Double = 20) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let ids = kiosk.lines.compactMap { line -> String? in
                let words = line.split(separator: " ").map(String.init)
                if line.contains(" printed=no") { return words.first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) } }
                if line.contains("after the printer became") { return words.drop { $0 != "ticket" }.dropFirst().first }
                return nil
            }
            if ids.count >= count || Date() >= deadline { return Array(ids.prefix(count)) }
            usleep(50_000)
        }
    }

    /// The id of the first ticket of `kiosk` no paper carries (as ``notPrinted(_:count:)``), or nil when
    /// the kiosk heard the roll end and, 3 s later, had still numbered no ticket beyond its first
    /// `numberedBefore`: the tap was turned away before a number. Fails the test after 20 s of neither.
    static func notPrintedOrTurnedAway(_ kiosk: KioskProcess, numberedBefore: Int) -> String? {
        let deadline = Date().addingTimeInterval(20)
        var heardAt: Date?
        while Date() < deadline {
            if let id = notPrinted(kiosk, count: 1, within: 0).first { return id }
            let lines = kiosk.lines
            if heardAt == nil, lines.contains(where: { $0.contains("printer is paper-out") }) { heardAt = Date() }
            if let heardAt, Date().timeIntervalSince(heardAt) >= 3,
                lines.filter({ $0.contains(" numbered ") }).count == numberedBefore {
                return nil
            }
            usleep(50_000)
        }
        Issue.record("neither an unprinted ticket nor a turned-away tap within 20 s: \(kiosk.lines)")
        return nil
    }

    static func eventually(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            guard Date() < deadline else { return false }
            usleep(50_000)
        }
        return true
    }

    @Test(.timeLimit(.minutes(4)))
    func onlineTheKioskPrintsTheServersNumberAndTheServerHoldsTheTicket() throws {
        let setup = try Setup()
        let kiosk = try setup.start()
        let touch = try KioskTouchDriver(setup.fixture)
        try touch.takeTicket(agency: "samsat", service: "balik-nama")

        let receipt = try #require(setup.printer.waitForReceipts(count: 1, timeout: 20).first, "a ticket was printed")
        let ticket = try #require(Self.tickets(kiosk, count: 1).first)
        #expect(!ticket.offline, "numbered online: \(kiosk.lines)")
        #expect(ticket.number.hasPrefix("E-"))
        #expect(receipt.text.contains(ticket.number))
        #expect(receipt.text.contains("Antrean di depan Anda"), "the server's place in the queue is printed")
        #expect(!receipt.text.contains("luring"))
        let held = try setup.serverTickets()
        #expect(held[ticket.id]?.number == ticket.number && held[ticket.id]?.state == "waiting", "server holds \(held)")
        #expect(held.count == 1)

        // A ticket the printer did not confirm (the connection dropped mid-job) may be in the
        // citizen's hand: the server is told it is uncertain, and keeps it for staff to confirm.
        try touch.finishTicket()
        setup.printer.inject(.dropsConnection(afterBytes: 300))
        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        let uncertain = try #require(Self.tickets(kiosk, count: 2).last)
        try #require(kiosk.waitForLines(containing: "printed=uncertain").count == 1, "\(kiosk.lines)")
        try touch.press(.back, on: .notice(.printUncertainNoNumber, returnTo: .home))
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")

        // A ticket whose printing fails is voided on the server: no counter calls a number nobody holds.
        // The roll ends after the first touch's check: the job's own check refuses it (printed=no), or the
        // idle watch (DLE EOT every 2 s) hears it first, while the number is asked: voided either way. Or
        // the idle watch hears it before the second tap, which is then turned away: no number is made.
        try touch.takeTicket(agency: "samsat", service: "balik-nama", afterTheFirstCheckOf: setup.printer) { setup.printer.paperOut = true }
        if let unprinted = Self.notPrintedOrTurnedAway(kiosk, numberedBefore: 2) {
            let voided = try Self.eventually(timeout: 30) { try setup.serverTickets()[unprinted]?.state == "voided" }
            #expect(voided, "the server voided the unprinted ticket \(unprinted)")
        } else {
            #expect(try setup.serverTickets().count == 2, "turned away before a number: the server holds no third ticket")
        }
        // Reports go in order: the uncertain one was handled first, and not voided.
        #expect(try setup.serverTickets()[uncertain.id]?.state == "waiting", "the uncertain ticket is kept")

        // The heartbeat reports the kiosk's health, version, outbox and leases.
        let heartbeat = try #require(try setup.heartbeat(), "the kiosk sent a heartbeat")
        #expect(heartbeat.contains("\"softwareVersion\":\"0.1.0\"") && heartbeat.contains("\"touchscreen\":\"ok\"")
                && heartbeat.contains("\"display\":\"ok\""), "\(heartbeat)")
        #expect(kiosk.stop() == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func behindABlackHoleTicketsKeepComingOfflineAndSyncExactlyAfterHealing() throws {
        let setup = try Setup()
        let kiosk = try setup.start()
        try #require(kiosk.waitForLines(containing: "lease(s) taken").count == 1, "leases taken: \(kiosk.lines)")
        setup.proxy.fault = .blackHole

        let touch = try KioskTouchDriver(setup.fixture)
        for index in 1...3 {
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
            let receipts = setup.printer.waitForReceipts(count: index, timeout: 10)
            try #require(receipts.count == index, "ticket \(index) printed while the server is unreachable")
            #expect(receipts.last?.text.contains("Diterbitkan luring") == true, "the ticket says it was issued offline")
            try #require(Self.tickets(kiosk, count: index).count == index, "the print outcome is in")
            try touch.finishTicket()
        }
        let printed = Self.tickets(kiosk, count: 3)
        #expect(printed.allSatisfy { $0.offline }, "\(printed)")
        #expect(printed.allSatisfy { $0.number.hasPrefix("A-") && !$0.number.contains("K01") }, "leased numbers: \(printed)")
        for ticket in printed {
            let ms = try #require(ticket.ms)
            #expect(ms < Double(Setup.deadline + 2000), "tap to last byte \(ms) ms: within the deadline plus print time")
        }
        #expect(try setup.serverTickets().isEmpty)

        setup.proxy.fault = .none
        #expect(
            try Self.eventually(timeout: 60) { try setup.serverTickets().count >= 3 }, "outbox synced: \(kiosk.lines.suffix(5))")
        let held = try setup.serverTickets()
        #expect(held.count == 3, "exactly the printed tickets: \(held)")
        for ticket in printed { #expect(held[ticket.id]?.number == ticket.number) }
        #expect(kiosk.stop() == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func restartedWhileOfflineTheKioskKeepsItsOutboxAndTheServersCatalogue() throws {
        let setup = try Setup()
        // The kiosk's own file lacks akta-lahir; the server's catalogue has it.
        let file = setup.fixture.catalogueFile
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let reduced = text.replacingOccurrences(
            of: #",\s*\{"id": "akta-lahir"[^}]*\}[^}]*\}"#, with: "", options: .regularExpression)
        try #require(reduced != text && !reduced.contains("akta-lahir"))
        try reduced.write(toFile: file, atomically: true, encoding: .utf8)

        var kiosk = try setup.start()
        try #require(kiosk.waitForLines(containing: "catalogue from the queue server in use").count == 1, "\(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: "lease(s) taken").count == 1)
        setup.proxy.fault = .blackHole
        let touch = try KioskTouchDriver(setup.fixture)
        try touch.takeTicket(agency: "disdukcapil", service: "akta-lahir")
        try #require(setup.printer.waitForReceipts(count: 1, timeout: 10).count == 1)
        let first = try #require(Self.tickets(kiosk, count: 1).first)
        #expect(first.offline)
        kiosk.stop(signal: SIGKILL)

        kiosk = try setup.start()
        #expect(kiosk.lines.contains { $0.contains("catalogue: cached") }, "booted from the cached catalogue: \(kiosk.lines)")
        #expect(!kiosk.lines.contains { $0.contains("was printing when kioskd stopped") }, "its outcome was durable: \(kiosk.lines)")
        try touch.takeTicket(agency: "disdukcapil", service: "akta-lahir")
        try #require(setup.printer.waitForReceipts(count: 2, timeout: 10).count == 2)
        let second = try #require(Self.tickets(kiosk, count: 1).first)
        #expect(second.offline && second.number != first.number, "\(kiosk.lines)")

        setup.proxy.fault = .none
        #expect(try Self.eventually(timeout: 60) { try setup.serverTickets().count >= 2 }, "outbox synced: \(kiosk.lines.suffix(5))")
        let held = try setup.serverTickets()
        #expect(held.count == 2 && held[first.id]?.number == first.number && held[second.id]?.number == second.number, "\(held)")
        #expect(kiosk.stop() == 0)
    }
}
