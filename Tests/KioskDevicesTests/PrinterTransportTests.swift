import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

@Suite("Printer transports")
struct PrinterTransportTests {
    private func contents(of path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { return out }
            out += chunk[0..<count]
        }
    }

    @Test("FilePrinter creates the file and appends exactly the bytes of each job")
    func fileAppends() throws {
        let path = try PrinterFixtures.temporaryDirectory() + "/lp0"
        let printer = FilePrinter(path: path)
        let first = EscPosEncoder.encode(PrinterFixtures.document(), profile: .generic(.mm80))
        let second: [UInt8] = Array(0...255)
        try printer.send(first)
        try printer.send([])
        try printer.send(second)
        #expect(contents(of: path) == first + second)
    }

    @Test("FilePrinter names the file and the failed call")
    func fileFailure() throws {
        let path = try PrinterFixtures.temporaryDirectory() + "/missing/lp0"
        #expect(throws: PrinterError(printer: path, reason: "open: no such file or directory")) {
            try FilePrinter(path: path).send([0x1B, 0x40])
        }
    }

    @Test("TCPPrinter to a port nobody listens on says connection refused")
    func connectionRefused() throws {
        let port = try PrinterFixtures.closedPort()
        let error = #expect(throws: PrinterError.self) {
            try TCPPrinter(host: "127.0.0.1", port: port, timeoutSeconds: 2).send([0x1B, 0x40])
        }
        #expect(error?.description == "printer 127.0.0.1:\(port): connection refused; the ticket was not sent")
    }

    @Test("TCPPrinter never looks a host name up in DNS (no deadline bounds it): it fails at once and says why")
    func hostNameIsNotLookedUp() {
        for host in ["printer.invalid", "localhost"] {
            let started = PrintDeadline.now()
            let attempt = TCPPrinter(host: host, port: 9100, timeoutSeconds: 2).print([0x1B, 0x40], within: 3)
            #expect(PrintDeadline.now() - started < 0.5)
            #expect(attempt == PrintAttempt(
                .failed(reason: "\"\(host)\" is not an IP address (kioskd does not look printers up in DNS); the ticket was not sent"),
                .offline))
            #expect(TCPPrinter(host: host, port: 9100).condition() == .offline)
        }
    }

    @Test("TCPPrinter delivers a large job whole, and several jobs as several receipts")
    func largeAndRepeatedJobs() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        let image: [UInt8] = [0x1D, 0x76, 0x30, 0, 72, 0, 0x20, 0x03] + [UInt8](repeating: 0xAA, count: 72 * 800)
        let big = [0x1B, 0x40] + image + [0x1D, 0x56, 66, 0]
        try printer.send(big)
        let ticket = EscPosEncoder.encode(PrinterFixtures.document(), profile: .generic(.mm80))
        try printer.send(ticket)
        let receipts = emulator.waitForReceipts(count: 2, timeout: 5)
        #expect(receipts.map(\.bytes) == [big, ticket])
    }
}
