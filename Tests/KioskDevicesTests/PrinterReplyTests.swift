import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// The bytes a printer sends back, told apart as the Epson manual's "transmission status
/// identification" table says: `GS ( H` process IDs and Automatic Status Back blocks are never
/// read as the `GS r` answer that confirms a ticket.
@Suite("Printer replies: GS ( H and Automatic Status Back", .timeLimit(.minutes(4)))
struct PrinterReplyTests {
    private let id: [UInt8] = Array("4711".utf8)

    @Test("a process ID response is not a GS r answer: the ticket is confirmed only by both")
    func processIDIsNotGSr() {
        var confirmation = PrinterConfirmation(processID: id)
        confirmation.jobWritten()
        confirmation.consume([0x37, 0x22] + id + [0x00])
        #expect(confirmation.answer == nil, "37 22 … 00 holds bytes shaped like GS r answers")
        #expect(confirmation.processIDAnswered && !confirmation.isConfirmed)
        #expect(confirmation.outcome(timedOut: false, deadlineText: "2 s") == nil, "still waiting for GS r")
        confirmation.consume([0x00])
        #expect(confirmation.isConfirmed)
        #expect(confirmation.outcome(timedOut: false, deadlineText: "2 s")! == (.printed, .ready))
    }

    @Test("another job's process ID does not confirm this one")
    func otherProcessID() {
        var confirmation = PrinterConfirmation(processID: id)
        confirmation.jobWritten()
        confirmation.consume([0x00, 0x37, 0x22] + Array("0815".utf8) + [0x00])
        #expect(!confirmation.isConfirmed)
        #expect(confirmation.outcome(timedOut: true, deadlineText: "2 s")!.0 == .uncertain(reason: "no confirmation within 2 s"))
    }

    @Test("the request after the job is GS r 1, then GS ( H fn 48 with the process ID")
    func requestBytes() {
        #expect(PrinterConfirmation().requestBytes == [0x1D, 0x72, 0x01])
        #expect(PrinterConfirmation(processID: id).requestBytes == [0x1D, 0x72, 0x01, 0x1D, 0x28, 0x48, 6, 0, 48, 48] + id)
        #expect(PrinterConfirmation.newProcessID().allSatisfy { (0x30...0x39).contains($0) })
    }

    @Test("an ASB block reporting paper end is not a GS r answer: uncertain, never printed")
    func automaticStatusIsNotGSr() {
        var confirmation = PrinterConfirmation()
        confirmation.consume([0x18, 0x00, 0x0C, 0x00])
        #expect(confirmation.answer == nil, "bytes 2–4 of an ASB block look like GS r answers")
        #expect(confirmation.automaticStatus?.condition == .paperOut)
        #expect(confirmation.outcome(timedOut: false, deadlineText: "2 s")! == (
            .uncertain(reason: "the printer sent paper-out (automatic status) before confirming the ticket"), .paperOut))
    }

    @Test("an ASB block split across reads, with an XOFF inside, between DLE EOT answers and before GS r")
    func interleaved() {
        var confirmation = PrinterConfirmation()
        _ = confirmation.askStatus()
        confirmation.consume([0x16, 0x12, 0x10])  // printer: online; offline cause: none; ASB starts
        confirmation.consume([0x13, 0x00, 0x03])  // XOFF, then ASB bytes 2 and 3: paper near end
        confirmation.consume([0x00, 0x12, 0x12])  // ASB byte 4; error cause: none; paper sensor: present
        #expect(confirmation.lastStatus?.condition == .ready, "the four DLE EOT answers, none taken from the block")
        #expect(confirmation.automaticStatus?.condition == .paperNearEnd)
        #expect(confirmation.answer == nil)
        confirmation.jobWritten()
        confirmation.consume([0x00])
        #expect(confirmation.answer == 0x00)
    }

    @Test("the parser tells each kind apart", arguments: [
        ([UInt8(0x12)], [PrinterReply.realTimeStatus(0x12)]),
        ([0x0C], [.inOrderStatus(0x0C)]),
        ([0x37, 0x25, 0x00], [.bufferCleared]),
        ([0x11, 0x13], []),
        ([0x3C, 0x08, 0x0C, 0x00], [.automaticStatus(AutomaticStatus([0x3C, 0x08, 0x0C, 0x00])!)]),
    ])
    func kinds(bytes: [UInt8], expected: [PrinterReply]) {
        var parser = PrinterReplyParser()
        #expect(parser.consume(bytes) == expected)
    }

    @Test("ASB block bits: cover open, cutter error, paper end, near end")
    func automaticStatusBits() {
        let status = AutomaticStatus([0x38, 0x08, 0x0F, 0x00])!.status
        #expect(status.coverOpen && status.offline && status.cutterError && status.paperOut && status.paperNearEnd)
        #expect(AutomaticStatus([0x10, 0, 0, 0])!.status.condition == .ready)
        #expect(AutomaticStatus([0x10, 0, 0]) == nil)
    }

    @Test("the emulator sends an ASB block when GS a turns it on, and on each fault change, at once")
    func emulatorAutomaticStatus() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let client = try RawPrinterClient(port: emulator.port)
        client.write(PrinterReplyParser.enableAutomaticStatus)
        #expect(client.read(4) == [0x10, 0x00, 0x00, 0x00], "the status at once when turned on")
        emulator.paperOut = true
        #expect(client.read(4) == [0x18, 0x00, 0x0C, 0x00], "paper end, unasked, while idle")
        emulator.paperOut = false
        emulator.coverOpen = true
        #expect(client.read(8) == [0x10, 0x00, 0x00, 0x00, 0x38, 0x00, 0x00, 0x00])
    }

    @Test("a TCP job with a process ID and ASB on a printer that supports them prints, confirmed by its ID")
    func tcpProcessID() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let printer = TCPPrinter(
            host: "127.0.0.1", port: emulator.port, statusTimeoutSeconds: 2, asksProcessID: true, usesAutomaticStatus: true)
        let ticket = Array("A-001\n".utf8) + [0x1D, 0x56, 0x42, 0x00]
        #expect(printer.print(ticket, within: 10) == PrintAttempt(.printed, .ready))
        #expect(emulator.receipts.map(\.text) == ["A-001"])
    }

    @Test("paper end mid-job on a printer with ASB: the block ends the wait, uncertain, the rest cleared")
    func tcpAutomaticStatusMidJob() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        emulator.inject(.paperRunsOut(afterBytes: 200))
        let printer = TCPPrinter(
            host: "127.0.0.1", port: emulator.port, statusTimeoutSeconds: 2, asksProcessID: true, usesAutomaticStatus: true)
        let ticket = [UInt8](repeating: 0x41, count: 400) + [0x0A, 0x1D, 0x56, 0x42, 0x00]
        #expect(printer.print(ticket, within: 10) == PrintAttempt(
            .uncertain(reason: "the printer sent paper-out (automatic status) before confirming the ticket"
                + "; the rest of the ticket was cleared from the printer (DLE DC4 8)"), .paperOut))
        #expect(emulator.receipts.isEmpty)
    }
}
