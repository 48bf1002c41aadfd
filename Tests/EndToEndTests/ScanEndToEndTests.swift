import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Today's day key in the fixture's time zone (WITA).
private func today() -> String {
    LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
}

private func bookingsFile(_ entries: [(code: BookingCode, service: String, priority: String?)]) -> String {
    let items = entries.map {
        "{\"code\": \"\($0.code)\", \"service\": \"\($0.service)\", \"day\": \"\(today())\", \"window\": \"00:00-24:00\""
            + ($0.priority.map { ", \"priority\": \"\($0)\"" } ?? "") + "}"
    }
    return "{\"bookings\": [\(items.joined(separator: ", "))]}"
}

/// Any booking: the booking screen's buttons do not depend on which booking is shown.
private let shownBooking = Booking(
    code: BookingCode(symbols: "0000000000")!, serviceID: ServiceID("ktp-el"), day: "2026-12-01",
    window: TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 60)))

@Test(.timeLimit(.minutes(4)))
func aScannedBookingChecksInOnceWithAPrintedBookingTicket() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port, scanner: KioskFixture.scannerFIFO)
    let code = try #require(BookingCode(symbols: "7QH2M9XKD4"))
    try fixture.writeBookings(bookingsFile([(code, "kartu-keluarga", "elderly")]))
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    try #require(kiosk.waitForLines(containing: "ready:").count == 1)
    try #require(kiosk.waitForLines(containing: "scanner.fifo open").count == 1, "the scanner FIFO opened: \(kiosk.lines)")

    let scan = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "scan", code.description])
    #expect(scan.waitForExit() == 0); #expect(scan.lines.isEmpty, "kioskctl scan: \(scan.lines)")
    try #require(kiosk.waitForLines(containing: "may check in").count == 1, "\(kiosk.lines)")

    let touch = try KioskTouchDriver(fixture)
    try touch.press(.takeBookedTicket, on: .booking(shownBooking))
    let receipt = try #require(printer.waitForReceipts(count: 1, timeout: 20).first, "a ticket was printed")
    #expect(receipt.text.contains("B-001"), "the booked service's number: \(receipt.text)")
    #expect(receipt.text.contains("Layanan kartu-keluarga"))
    #expect(receipt.text.contains("PEMESANAN ONLINE \(code)"), "marked as a booking")
    #expect(receipt.text.contains("PRIORITAS - Lansia, verifikasi petugas"), "with the booking's priority")
    let logLine = try #require(kiosk.waitForLines(containing: "ticket id=").first)
    #expect(logLine.contains("booking=\(code)") && logLine.contains("priority=elderly"), "\(logLine)")

    // The same code again: already used, and nothing printed.
    try touch.finishTicket()
    let again = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "scan", code.description])
    #expect(again.waitForExit() == 0)
    #expect(kiosk.waitForLines(containing: "has already checked in").count == 1, "\(kiosk.lines)")
    #expect(printer.waitForReceipts(count: 2, timeout: 1).count == 1)
    #expect(kiosk.stop(signal: SIGTERM) == 0)
}

@Test(.timeLimit(.minutes(4)))
func aHostileCodeOnASerialScannerIsRefusedAndLoggedOnlyEscaped() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let terminal = try PseudoTerminal()
    let fixture = try KioskFixture(
        printerPort: printer.port,
        scanner: #"{"path": "\#(terminal.slavePath)", "transport": "serial", "baud": 9600, "suffix": "enter"}"#)
    let code = try #require(BookingCode(symbols: "ABCDE12345"))
    try fixture.writeBookings(bookingsFile([(code, "ktp-el", nil)]))
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
    try #require(kiosk.waitForLines(containing: "scanner \(terminal.slavePath) open").count == 1, "\(kiosk.lines)")

    terminal.send("\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}BK-\r")
    let refused = try #require(kiosk.waitForLines(containing: "scan refused").first, "\(kiosk.lines)")
    #expect(refused.contains("x1b]0;owned"), "the code appears escaped: \(refused)")
    #expect(!kiosk.lines.joined().utf8.contains(0x1B), "no raw ESC reaches the log")
    #expect(!kiosk.lines.joined().unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x9B })

    // The same serial scanner then checks a real booking in, end to end.
    terminal.send(code.description + "\r")
    try #require(kiosk.waitForLines(containing: "may check in").count == 1, "\(kiosk.lines)")
    try KioskTouchDriver(fixture).press(.takeBookedTicket, on: .booking(shownBooking))
    let receipt = try #require(printer.waitForReceipts(count: 1, timeout: 20).first)
    #expect(receipt.text.contains("A-001") && receipt.text.contains("PEMESANAN ONLINE \(code)"))
    #expect(!receipt.text.contains("owned"), "nothing of the hostile code reached the printer")
    #expect(kiosk.stop(signal: SIGTERM) == 0)
}
