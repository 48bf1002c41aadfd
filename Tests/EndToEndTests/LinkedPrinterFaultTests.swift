import Foundation
import KioskCore
import KioskLink
import KioskSQLite
import KioskTestSupport
import Testing

/// Every TCP printer fault on a kiosk linked to a real queue server: what the server holds of the
/// ticket. A failed ticket (no paper came out) is voided, so no counter calls a number nobody holds;
/// an uncertain one (it may be in the citizen's hand) is kept waiting for staff.
///
/// Serialized, as `PrinterFaultEndToEndTests`: each case blocks a test thread on a real kioskd and server.
@Suite("Printer faults on a linked kiosk: what the server holds", .serialized)
struct LinkedPrinterFaultTests {
    private static let agency = "samsat", service = "balik-nama"

    @Test("a TCP printer fault on a linked kiosk", .timeLimit(.minutes(4)), arguments: TCPFault.allCases)
    func serverHolds(_ fault: TCPFault) throws {
        let setup = try LinkedKioskEndToEndTests.Setup()
        let kiosk = try setup.start()
        defer { kiosk.stop() }
        try Self.check(fault, kiosk: kiosk, printer: setup.printer, fixture: setup.fixture, server: setup.server)
    }

    @Test("epson-tm-t20 (ASB): a paper end mid-job heard by automatic status: uncertain, kept waiting on the server",
          .timeLimit(.minutes(4)))
    func automaticStatusProfile() throws {
        let server = try Self.server()
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(
            printer: #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "profile": "epson-tm-t20"}"#,
            server: KioskFixture.serverJSON(port: server.port, tokenFile: try server.addKiosk("TEST-K01")))
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try Self.check(.paperOutMidJob, kiosk: kiosk, printer: printer, fixture: fixture, server: server)
        #expect(kiosk.lines.contains { $0.contains("printed=uncertain") && $0.contains("paper-out (automatic status)") }, "\(kiosk.lines)")
    }

    /// The race of session 26: the idle watch hears a paper end while the server numbers the ticket.
    /// The number no paper (and, by default, no screen) can carry is voided; the citizen is told.
    @Test("a paper end heard while the server numbers the ticket: the server voids the number", .timeLimit(.minutes(4)))
    func paperEndWhileNumbering() throws {
        // The proxy holds the ask 1 s each way, inside a 5 s deadline; the ASB printer tells its paper end at once.
        let setup = try LinkedKioskEndToEndTests.Setup(deadlineMilliseconds: 5000, printerProfile: "epson-tm-t20")
        let kiosk = try setup.start()
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")
        setup.proxy.fault = .latency(milliseconds: 1000)
        try KioskTouchDriver(setup.fixture).takeTicket(agency: Self.agency, service: Self.service)
        let probe = ControlProbe(setup.fixture)
        try #require(LinkedKioskEndToEndTests.eventually(timeout: 10) { probe.screen() == "checking" }, "the number is asked")
        setup.printer.paperOut = true
        try #require(kiosk.waitForLines(containing: "printer is paper-out").count == 1, "\(kiosk.lines)")
        let late = try #require(
            kiosk.waitForLines(containing: "after the printer became paper-out", timeout: 20).first, "\(kiosk.lines)")
        let id = try #require(late.split(separator: " ").drop { $0 != "ticket" }.dropFirst().first.map(String.init))
        #expect(!kiosk.lines.contains { $0.contains(" printed=") || $0.contains("shown on screen only") }, "\(kiosk.lines)")
        #expect(probe.screen() == "notice", "the citizen is told the printer is down")
        setup.proxy.fault = .none
        let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try Self.states(setup.server)[id] == "voided" }
        #expect(voided, "the server voided \(id)")
    }

    @Test("a TCP printer nobody listens to: the linked kiosk turns the citizen away before a number, the server holds none",
          .timeLimit(.minutes(4)))
    func unplugged() throws {
        let server = try Self.server()
        let closed = try PrinterEmulator()
        let port = closed.port
        closed.stop()
        let fixture = try KioskFixture(
            printerPort: port, server: KioskFixture.serverJSON(port: server.port, tokenFile: try server.addKiosk("TEST-K01")))
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is offline").count == 1, "\(kiosk.lines)")
        // The first screen offers no agency: the tap makes no number.
        let (noAgency, output) = try ControlTap.findsNoAgency(fixture, agency: Self.agency)
        #expect(noAgency, "the first screen offers no agency: \(output)")
        #expect(!kiosk.lines.contains { $0.contains("ticket id=") }, "no number was made: \(kiosk.lines)")
        #expect(try Self.states(server).isEmpty, "the server holds no ticket")
    }

    @Test("a CUPS fault on a linked kiosk: the ticket failed and the server voided it", .timeLimit(.minutes(4)),
          arguments: [CupsServer.TestBackend.mediaEmpty, .hangs])
    func cupsServerVoids(_ backend: CupsServer.TestBackend) throws {
        let server = try Self.server()
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("ticket", backend: backend)
        let fixture = try KioskFixture(
            printer: #"{"kind": "cups", "queue": "ticket", "profile": "epson-tm-t82"}"#,
            server: KioskFixture.serverJSON(port: server.port, tokenFile: try server.addKiosk("TEST-K01")))
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: ["CUPS_SERVER": cups.server])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")

        try KioskTouchDriver(fixture).takeTicket(agency: Self.agency, service: Self.service)
        let ticket = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: 1).first)
        try #require(kiosk.waitForLines(containing: "printed=no").count == 1, "\(kiosk.lines)")
        let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try Self.states(server)[ticket.id] == "voided" }
        #expect(voided, "the server voided \(ticket.number)")
    }

    /// `fault` strikes the next ticket of a linked kiosk: never printed; failed → voided on the server,
    /// uncertain → still waiting once a later failed ticket's report (they go in order) was handled.
    private static func check(
        _ fault: TCPFault, kiosk: KioskProcess, printer: PrinterEmulator, fixture: KioskFixture, server: QueueServerProcess
    ) throws {
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        if fault == .paperOutBefore {
            // The idle watch (ASB, or DLE EOT every 2 s) hears a paper end before any citizen chooses: the first
            // screen says so and no number is asked for. (A paper end heard while a number is being asked:
            // `paperEndWhileNumbering`.)
            fault.inject(into: printer)
            try #require(kiosk.waitForLines(containing: "printer is paper-out").count == 1, "\(kiosk.lines)")
            let (noAgency, output) = try ControlTap.findsNoAgency(fixture, agency: agency)
            #expect(noAgency, "the first screen offers no agency: \(output)")
            #expect(!kiosk.lines.contains { $0.contains(" printed=") }, "\(kiosk.lines)")
            #expect(try states(server).isEmpty, "no number asked while the paper end was known")
            return
        }
        if fault == .neverAnswers {
            try touch.takeTicket(agency: agency, service: service, afterTheFirstCheckOf: printer) { fault.inject(into: printer) }
        } else {
            fault.inject(into: printer)
            try touch.takeTicket(agency: agency, service: service)
        }
        if fault.recorded == .failed {
            // The job's own check refuses it, or (a silent printer) the idle watch hears it first: voided either way.
            let id = try #require(LinkedKioskEndToEndTests.notPrinted(kiosk, count: 1).first, "\(kiosk.lines)")
            #expect(!printer.receipts.contains { $0.wasCut })
            let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try states(server)[id] == "voided" }
            #expect(voided, "the server voided \(id)")
            return
        }
        let ticket = try #require(LinkedKioskEndToEndTests.tickets(kiosk, count: 1).first)
        try #require(kiosk.waitForLines(containing: "printed=uncertain").count == 1, "\(kiosk.lines)")
        #expect(!printer.receipts.contains { $0.wasCut && $0.text.contains(ticket.number) })
        try touch.press(.back, on: .notice(.printUncertainNoNumber, returnTo: .home))
        fault.clear(printer)
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        // Silent after the first touch's check (a paper end would reach an ASB kiosk before the citizen chose).
        try touch.takeTicket(agency: agency, service: service, afterTheFirstCheckOf: printer) { printer.answersStatus = false }
        let later = try #require(LinkedKioskEndToEndTests.notPrinted(kiosk, count: 1).first, "\(kiosk.lines)")
        let voided = try LinkedKioskEndToEndTests.eventually(timeout: 30) { try states(server)[later] == "voided" }
        try #require(voided, "the later failed ticket \(later) was voided")
        #expect(try states(server)[ticket.id] == "waiting", "the uncertain \(ticket.number) is kept for staff")
    }

    /// A queue server holding the fixture catalogue.
    private static func server() throws -> QueueServerProcess {
        let catalogue = NSTemporaryDirectory() + "kiosk-linked-printer-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        return try QueueServerProcess(catalogue: catalogue)
    }

    /// Every ticket the server holds: id → state.
    private static func states(_ server: QueueServerProcess) throws -> [String: String] {
        var states: [String: String] = [:]
        for row in try SQLiteDatabase(path: server.database, readOnly: true).query("SELECT ticket_id, state FROM tickets") {
            guard case .text(let id) = row[0], case .text(let state) = row[1] else { continue }
            states[id] = state
        }
        return states
    }
}
