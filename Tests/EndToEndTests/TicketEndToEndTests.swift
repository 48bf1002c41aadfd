import Foundation
import KioskCore
import KioskTestSupport
import KioskUI
import Testing

/// Runs `zbarimg` on a PNG and returns the decoded QR payloads.
private func decodeQRCodes(_ pngPath: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
    process.arguments = ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", pngPath]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// Whether `condition` becomes true within `timeout` seconds.
private func eventually(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { return false }
        usleep(10_000)
    }
    return true
}

/// The value of `key=` in a kioskd ticket log line.
private func field(_ key: String, in line: String) -> String? {
    line.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
}

@Test(.timeLimit(.minutes(4)))
func citizenTakesATicketFromARealKioskProcess() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    try #require(kiosk.waitForLines(containing: "ready:").count == 1, "kioskd started: \(kiosk.lines)")

    let touch = try KioskTouchDriver(fixture)
    try touch.takeTicket(agency: "samsat", service: "balik-nama")

    let receipt = try #require(printer.waitForReceipts(count: 1, timeout: 20).first, "a ticket was printed")
    let logLine = try #require(kiosk.waitForLines(containing: "ticket id=").first)
    let ticketID = try #require(field("id", in: logLine))
    #expect(field("number", in: logLine) == "E-001")
    #expect(field("service", in: logLine) == "balik-nama")
    #expect(field("printed", in: logLine) == "yes")
    #expect(field("tap_to_print_ms", in: logLine) != nil)

    #expect(receipt.text.contains("E-001"))
    #expect(receipt.text.contains("Layanan balik-nama"))
    #expect(receipt.text.contains("Mal Pelayanan Publik Uji"))
    #expect(receipt.qrPayloads == [ticketID])
    #expect(receipt.wasCut)

    let png = fixture.directory + "/ticket.png"
    try PNGWriter.write(receipt.render(paperDots: 576), to: png)
    #expect(try decodeQRCodes(png) == [ticketID], "the QR on the printed ticket carries the ticket id")
    #expect(eventually { FileManager.default.fileExists(atPath: fixture.screenPath) }, "the screen is written as PNG")

    // The next citizen gets the next number.
    try touch.finishTicket()
    try touch.takeTicket(agency: "samsat", service: "balik-nama")
    let second = printer.waitForReceipts(count: 2, timeout: 20)
    #expect(second.count == 2)
    #expect(second.last?.text.contains("E-002") == true)

    #expect(kiosk.stop(signal: SIGTERM) == 0, "kioskd stops cleanly on SIGTERM")
    #expect(kiosk.lines.contains { $0.contains("stopped") })
}
