import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

@Test("kioskd prints a ticket through a real cupsd: it arrives whole at the printer and is recorded printed",
      .timeLimit(.minutes(1)))
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
