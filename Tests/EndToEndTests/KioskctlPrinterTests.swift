import Foundation
import KioskCore
import KioskTestSupport
import KioskUI
import Testing

@Suite("kioskctl printer")
struct KioskctlPrinterTests {
    /// Runs kioskctl with `arguments`; returns its exit status and output.
    private func kioskctl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = try KioskProcess("kioskctl", arguments: arguments)
        let status = process.waitForExit()
        usleep(50_000)  // the last output lines
        return (status, process.lines.joined(separator: "\n"))
    }

    /// The symbols `zbarimg` decodes in the PNG at `path`.
    private func zbarimg(_ path: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--raw", "-q", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("status, test page with both QR paths, paper counter reset, and list", .timeLimit(.minutes(4)))
    func printerCommands() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(
            printer: #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "profile": "xprinter-58"}"#)
        let config = ["--config", fixture.configPath]

        let status = try kioskctl(config + ["printer", "status"])
        #expect(status.status == 0)
        #expect(status.output.contains("printer 127.0.0.1:\(printer.port): ready"))
        #expect(status.output.contains("reason: the printer answers and has paper"))
        #expect(status.output.contains("paper left: about 8000 cm of 8000 cm"))
        printer.paperOut = true
        let out = try kioskctl(config + ["printer", "status"])
        #expect(out.status == 2 && out.output.contains(": paper-out") && out.output.contains("put in a new roll"), "\(out)")
        printer.paperOut = false
        printer.answersStatus = false
        let silent = try kioskctl(config + ["printer", "status"])
        #expect(silent.status == 3 && silent.output.contains(": not-answering"), "\(silent)")
        printer.answersStatus = true

        let test = try kioskctl(config + ["printer", "test"])
        #expect(test.status == 0, "\(test.output)")
        let receipts = printer.waitForReceipts(count: 1, timeout: 5)
        let page = try #require(receipts.first)
        #expect(page.text.contains("profile: xprinter-58"))
        #expect(page.bytes.contains(0x82), "é from the CP437 sample, as its code-page byte")
        let png = fixture.directory + "/test-page.png"
        try PNGWriter.write(page.render(paperDots: 384), to: png, compressionLevel: 6)
        #expect(try Set(zbarimg(png)) == ["kioskd test: native QR", "kioskd test: raster QR"])

        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        try "12345\n".write(toFile: fixture.stateDirectory + "/paper-used-mm", atomically: true, encoding: .utf8)
        #expect(try kioskctl(config + ["printer", "status"]).output.contains("about 6765 cm of 8000 cm (1234 cm used"))
        #expect(try kioskctl(config + ["printer", "reset-paper"]).status == 0)
        #expect(try kioskctl(config + ["printer", "status"]).output.contains("about 8000 cm of 8000 cm"))

        let list = try kioskctl(config + ["printer", "list"])
        #expect(list.status == 0)
        #expect(list.output.contains("xprinter-58 *"))
        #expect(list.output.contains("epson-tm-t82"))
        #expect(list.output.contains("USB printers"))
        #expect(try kioskctl(config + ["printer", "frobnicate"]).status == 64)
    }
}
