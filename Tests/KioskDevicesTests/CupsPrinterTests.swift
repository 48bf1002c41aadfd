import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// libcups against a real cupsd, with a raw socket queue to the printer emulator.
@Suite("CUPS transport")
struct CupsPrinterTests {
    @Test("a raw job through libcups arrives byte-exact at the printer and completes")
    func byteExact() throws {
        let emulator = try PrinterEmulator()
        let cups = try CupsServer()
        defer { cups.stop(); emulator.stop() }
        try cups.addRawQueue("ticket", printerPort: emulator.port)
        let printer = CupsPrinter(queue: "ticket", server: cups.server, timeoutSeconds: 20)
        #expect(printer.condition() == .ready)

        let ticket = EscPosEncoder.encode(PrinterFixtures.document(), profile: .named("epson-tm-t82")!)
        // Every byte value, including the ones a text filter would mangle, inside one receipt.
        let image: [UInt8] = [0x1D, 0x76, 0x30, 0, 32, 0, 8, 0] + (0..<256).map { UInt8($0) }
        let binary = [0x1B, 0x40] + image + [0x1D, 0x56, 66, 0]
        try printer.send(ticket)
        try printer.send(binary)
        let receipts = emulator.waitForReceipts(count: 2, timeout: 10)
        #expect(receipts.map(\.bytes) == [ticket, binary], "cupsd log: \(cups.errorLog)")
    }

    @Test("a stopped queue reads as offline, and a job to it is canceled when it does not complete in time")
    func stoppedQueue() throws {
        let emulator = try PrinterEmulator()
        let cups = try CupsServer()
        defer { cups.stop(); emulator.stop() }
        try cups.addRawQueue("ticket", printerPort: emulator.port)
        try cups.run("cupsdisable", ["ticket"])
        let printer = CupsPrinter(queue: "ticket", server: cups.server, timeoutSeconds: 2)
        #expect(printer.condition() == .offline)

        let attempt = printer.print([0x1B, 0x40, 0x41, 0x0A], within: 2)
        #expect(attempt.outcome == .failed(reason: "job 1 canceled after 2 s: CUPS had not started it"), "\(attempt)")
        // Enabling the queue again must not print the canceled ticket later: no ghost paper.
        try cups.run("cupsenable", ["ticket"])
        try printer.send([0x1B, 0x40, 0x42, 0x0A, 0x1D, 0x56, 66, 0])
        let receipts = emulator.waitForReceipts(count: 1, timeout: 10)
        #expect(receipts.map { $0.lines.map(\.text) } == [["B"]])
    }

    @Test("an unknown queue and an unreachable server are offline, and jobs to them fail with the reason")
    func unreachable() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        let missing = CupsPrinter(queue: "nobody", server: cups.server, timeoutSeconds: 2)
        #expect(missing.condition() == .offline)
        #expect(throws: PrinterError.self) { try missing.send([0x1B, 0x40]) }

        let port = try PrinterFixtures.closedPort()
        let noServer = CupsPrinter(queue: "ticket", server: "127.0.0.1:\(port)", timeoutSeconds: 2)
        #expect(noServer.condition() == .offline)
        let error = #expect(throws: PrinterError.self) { try noServer.send([0x1B, 0x40]) }
        #expect(error?.description.hasPrefix("printer cups:ticket: cannot reach the CUPS server") == true)
    }

    @Test(
        "printer-state and printer-state-reasons map to the kiosk's condition",
        arguments: [
            (3, ["none"], true, PrinterCondition.ready),
            (4, ["media-low-warning"], true, .paperNearEnd),
            (5, ["media-empty-error", "media-needed"], true, .paperOut),
            (3, ["media-empty-report"], true, .ready),
            (5, ["cover-open"], true, .coverOpen),
            (5, ["door-open-error", "media-empty-error"], true, .coverOpen),
            (5, ["paused"], true, .offline),
            (3, ["offline-report", "offline"], true, .offline),
            (3, ["none"], false, .offline),
            (5, ["cutter-jam-error"], true, .cutterError),
            (3, ["door-open-report"], true, .coverOpen),
        ])
    func reasons(state: Int, reasons: [String], accepting: Bool, condition: PrinterCondition) {
        #expect(CupsPrinter.condition(state: state, reasons: reasons, acceptingJobs: accepting) == condition)
    }

    @Test("a job that completes while the printer reports media-empty-error is failed, never printed")
    func mediaEmptyWhileRunning() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("empty", backend: .mediaEmpty)
        let printer = CupsPrinter(queue: "empty", server: cups.server)
        // 10 s, not the citizen's 2.7: the deadline is not under test, and a loaded machine starts the backend late.
        let attempt = printer.print([0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 66, 0], within: 10)
        #expect(attempt.outcome.word == "failed", "\(attempt) cupsd log: \(cups.errorLog)")
        #expect(attempt.outcome.reason?.contains("media-empty-error") == true)
        #expect(attempt.condition == .paperOut)
        let status = try printer.status()
        #expect(status.reasons.contains("media-empty-error"), "kept whole, not folded into ready: \(status)")
        #expect(printer.condition() == .paperOut)
    }

    @Test("a job that completes while CUPS reports door-open-report (an open cover, as its network backends say it) is failed")
    func doorOpenWhileRunning() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("open", backend: .doorOpen)
        let printer = CupsPrinter(queue: "open", server: cups.server)
        // 10 s, not the citizen's 2.7: the deadline is not under test, and a loaded machine starts the backend late.
        let attempt = printer.print([0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 66, 0], within: 10)
        #expect(attempt.outcome.word == "failed", "\(attempt) cupsd log: \(cups.errorLog)")
        #expect(attempt.outcome.reason?.contains("door-open-report") == true, "\(attempt)")
        #expect(attempt.condition == .coverOpen)
    }

    @Test("a backend that stops reading the job: canceled within the deadline, uncertain (bytes may have reached the printer)")
    func backendStopsReading() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("stuck", backend: .stopsReading)
        let printer = CupsPrinter(queue: "stuck", server: cups.server)
        let started = PrintDeadline.now()
        let attempt = printer.print([UInt8](repeating: 0x41, count: 4096) + [0x0A], within: 2)
        #expect(PrintDeadline.now() - started < 2.9, "the citizen waits no longer than the deadline")
        #expect(attempt.outcome.word == "uncertain", "\(attempt) cupsd log: \(cups.errorLog)")
        #expect(attempt.outcome.reason?.hasPrefix("job 1 canceled after 2 s: it did not complete") == true, "\(attempt)")
    }

    @Test("a printer CUPS cannot reach: the job is canceled within the deadline, failed, and says why")
    func hangingBackend() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addQueue("far", backend: .hangs)
        let printer = CupsPrinter(queue: "far", server: cups.server)
        let started = PrintDeadline.now()
        let attempt = printer.print([0x1B, 0x40, 0x41, 0x0A], within: 2)
        #expect(PrintDeadline.now() - started < 2.9, "the citizen waits no longer than the deadline")
        #expect(attempt.outcome.word == "failed", "\(attempt)")
        #expect(attempt.outcome.reason?.hasPrefix("job 1 canceled after 2 s: the printer could not be reached") == true,
                "\(attempt)")
    }

    @Test("a raw socket queue to a printer that is down: canceled within the deadline, never printed")
    func socketPrinterDown() throws {
        let cups = try CupsServer()
        defer { cups.stop() }
        try cups.addRawQueue("down", printerPort: try PrinterFixtures.closedPort())
        let printer = CupsPrinter(queue: "down", server: cups.server)
        let attempt = printer.print([0x1B, 0x40, 0x41, 0x0A], within: 2.5)
        #expect(attempt.outcome != .printed, "\(attempt)")
        let status = try printer.status()
        #expect(!status.canReportPaper && status.deviceURI.hasPrefix("socket://"))
    }
}
