import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// The TCP transport against an emulator that fails mid-job.
@Suite("Printer faults over TCP")
struct PrinterFaultTests {
    private let ticket = EscPosEncoder.encode(PrinterFixtures.document(), profile: .named("epson-tm-t82")!)

    @Test("status over TCP follows the emulator's paper and cover")
    func status() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        #expect(printer.condition() == .ready)
        emulator.paperNearEnd = true
        #expect(printer.condition() == .paperNearEnd)
        emulator.paperOut = true
        #expect(printer.condition() == .paperOut)
        emulator.coverOpen = true
        #expect(printer.condition() == .coverOpen)
        emulator.stop()
        #expect(printer.condition() == .offline)
    }

    @Test("paper running out mid-job fails the job and nothing is printed", arguments: [
        PrinterFault.paperRunsOut(afterBytes: 200), .coverOpens(afterBytes: 200),
    ])
    func paperOrCoverMidJob(fault: PrinterFault) throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        emulator.inject(fault)
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        let error = #expect(throws: PrinterError.self) { try printer.send(ticket) }
        let expected = fault == .coverOpens(afterBytes: 200) ? "cover-open" : "paper-out"
        #expect(error?.reason == "the printer reports \(expected) after the job")
        #expect(emulator.receipts.isEmpty && emulator.lostReceipts == 1)
    }

    @Test("a connection dropped mid-job fails the job")
    func dropMidJob() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        emulator.inject(.dropsConnection(afterBytes: 100))
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        #expect(throws: PrinterError.self) { try printer.send(ticket) }
        #expect(emulator.receipts.isEmpty)
        // The printer is back for the next job.
        try printer.send(ticket)
        #expect(emulator.waitForReceipts(count: 1, timeout: 5).map(\.bytes) == [ticket])
    }
}

@Suite("A printer that does not answer status requests")
struct SilentPrinterTests {
    @Test("is asked once, then trusted: jobs go through without waiting, and its condition is unknown")
    func silentPrinter() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        emulator.answersStatus = false
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port, statusTimeoutSeconds: 0.2)
        let job: [UInt8] = [0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 66, 0]
        try printer.send(job)
        #expect(emulator.statusRequests == [1])
        #expect(printer.condition() == .unknown)
        try printer.send(job)
        #expect(emulator.waitForReceipts(count: 2, timeout: 5).count == 2)
        #expect(emulator.statusRequests == [1], "not asked again")
        emulator.stop()
        #expect(printer.condition() == .offline)
    }
}
