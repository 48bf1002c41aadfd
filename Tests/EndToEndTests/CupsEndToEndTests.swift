import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

@Test("kioskd prints a ticket through a real cupsd: it arrives whole at the printer and is recorded printed",
      .timeLimit(.minutes(4)))
func ticketThroughCups() throws {
    let printer = try PrinterEmulator()
    let cups = try CupsServer()
    defer { cups.stop(); printer.stop() }
    try cups.addRawQueue("ticket", printerPort: printer.port)
    let fixture = try KioskFixture(printer: #"{"kind": "cups", "queue": "ticket", "profile": "epson-tm-t82"}"#)
    let kiosk = try KioskProcess(
        arguments: ["--config", fixture.configPath], environment: ["CUPS_SERVER": cups.server])
    defer { kiosk.stop() }
    try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")

    try KioskTouchDriver(fixture).takeTicket(agency: "disdukcapil", service: "ktp-el")
    let line = try #require(kiosk.waitForLines(containing: "printed=yes").first, "\(kiosk.lines)")
    #expect(line.contains("number=A-001"))
    let receipt = try #require(printer.waitForReceipts(count: 1, timeout: 10).first)
    #expect(receipt.wasCut && receipt.text.contains("A-001"))
    #expect(Array(receipt.bytes.prefix(5)) == [0x1B, 0x40, 0x1B, 0x74, 19], "the TM-T82 profile's CP858")
    let day = String(try #require(line.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
    let stored = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: day)
    #expect(stored.map(\.outcome) == [.printed])
}

/// CUPS faults through a real kioskd and cupsd, one at a time (each blocks a test thread for seconds).
@Suite("CUPS faults end to end", .serialized)
struct CupsFaultEndToEndTests {
    /// What kioskd records of a ticket sent through `backend`, and the condition the queue keeps
    /// reporting afterwards (nil: none that stops the next citizen).
    static func expected(_ backend: CupsServer.TestBackend) -> (outcome: PrintOutcome, kept: String?) {
        switch backend {
        case .mediaEmpty: (.failed, "paper-out")
        case .doorOpen: (.failed, "cover-open")
        case .cutterJam: (.failed, "cutter-error")
        case .hangs: (.failed, nil)
        case .stopsReading: (.uncertain, nil)  // CUPS had started sending: bytes may have reached the printer
        }
    }

    @Test(
        "kioskd through cupsd: a job completed while the printer reported media-empty, an open cover or a cutter jam, one CUPS cannot deliver, or one the printer stopped reading, is never printed",
        .timeLimit(.minutes(4)), arguments: CupsServer.TestBackend.allCases)
    func cupsFault(_ backend: CupsServer.TestBackend) throws {
        let expected = Self.expected(backend)
        let printer = try PrinterEmulator()
        let cups = try CupsServer()
        defer { cups.stop(); printer.stop() }
        try cups.addQueue("ticket", backend: backend)
        let fixture = try KioskFixture(printer: #"{"kind": "cups", "queue": "ticket", "profile": "epson-tm-t82"}"#)
        let kiosk = try KioskProcess(
            arguments: ["--config", fixture.configPath], environment: ["CUPS_SERVER": cups.server])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)

        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let line = try #require(kiosk.waitForLines(containing: "ticket id=").first, "\(kiosk.lines)")
        let word = expected.outcome == .failed ? "printed=no" : "printed=uncertain"
        #expect(line.contains("number=A-001") && line.contains(word), "\(line)")
        let milliseconds = try #require(PrinterFaultEndToEndTests.tapToOutcome(line))
        #expect(milliseconds < 3000, "the citizen hears within 3 s: \(line)")
        let day = String(try #require(line.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.tickets(day: day).map(\.outcome) == [expected.outcome])
        let notice: TextKey = expected.outcome == .failed ? .printFailedNoNumber : .printUncertainNoNumber
        try touch.press(.back, on: .notice(notice, returnTo: .home))
        if let kept = expected.kept {
            // The queue keeps reporting the reason: the next citizen is told before choosing.
            try #require(kiosk.waitForLines(containing: "printer is \(kept)").count == 1, "\(kiosk.lines)")
            // The first screen says so itself and offers no agency: the taps make no number.
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
            #expect(try store.tickets(day: day).count == 1)
        }

        // The queue is pointed at a working printer (and a fresh state): the next good job prints the next number.
        try cups.run("lpadmin", ["-x", "ticket"])
        try cups.addRawQueue("ticket", printerPort: printer.port)
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let printed = try #require(kiosk.waitForLines(containing: "printed=yes").first, "\(kiosk.lines)")
        #expect(printed.contains("number=A-002"))
        #expect(printer.waitForReceipts(count: 1, timeout: 10).first?.text.contains("A-002") == true)
        #expect(try store.tickets(day: day).map(\.outcome) == [expected.outcome, .printed])
    }

    @Test("kioskctl printer status keeps what CUPS says and tells whether the queue can report paper",
          .timeLimit(.minutes(4)))
    func kioskctlCupsStatus() throws {
        let printer = try PrinterEmulator()
        let cups = try CupsServer()
        defer { cups.stop(); printer.stop() }
        try cups.addRawQueue("ticket", printerPort: printer.port)
        try cups.addQueue("empty", backend: .mediaEmpty)
        try cups.run("lp", ["-d", "empty", "-o", "raw", "/etc/hostname"])

        func status(_ queue: String) throws -> (status: Int32, output: String) {
            let fixture = try KioskFixture(printer: #"{"kind": "cups", "queue": "\#(queue)"}"#)
            let process = try KioskProcess(
                "kioskctl", arguments: ["--config", fixture.configPath, "printer", "status"],
                environment: ["CUPS_SERVER": cups.server])
            let code = process.waitForExit()
            usleep(50_000)
            return (code, process.lines.joined(separator: "\n"))
        }
        let raw = try status("ticket")
        #expect(raw.status == 0 && raw.output.contains("CUPS: printer-state idle"), "\(raw.output)")
        #expect(raw.output.contains("CANNOT report paper out"), "\(raw.output)")
        var empty = try status("empty")
        for _ in 0..<50 where empty.status != 2 {  // until the backend has raised its reason
            usleep(100_000)
            empty = try status("empty")
        }
        #expect(empty.status == 2 && empty.output.contains("cups:empty: paper-out"), "\(empty.output)")
        #expect(empty.output.contains("media-empty-error") && empty.output.contains("Out of paper"), "\(empty.output)")
    }
}
