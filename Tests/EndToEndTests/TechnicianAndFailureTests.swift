import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// A port on 127.0.0.1 that nothing listens on: bound, then released.
private func closedPort() throws -> Int {
    let printer = try PrinterEmulator()
    let port = printer.port
    printer.stop()
    return port
}

@Test(.timeLimit(.minutes(4)))
func aPrinterThatIsDownIsAnnouncedAndIssuesNoNumber() throws {
    let fixture = try KioskFixture(printerPort: try closedPort())
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    defer { kiosk.stop() }
    try #require(kiosk.waitForLines(containing: "ready:").count == 1)
    try #require(kiosk.waitForLines(containing: "printer is offline").count == 1)

    let (noAgency, output) = try ControlTap.findsNoAgency(fixture, agency: "disdukcapil")
    #expect(noAgency, "the first screen offers no agency: \(output)")
    #expect(kiosk.lines.filter { $0.contains("ticket id=") }.isEmpty)
    let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    let today = LocalTime(now, zone: .wita).dayKey
    #expect(try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: today).isEmpty)
}

@Test(.timeLimit(.minutes(4)))
func kioskctlTapsChecksConfigurationAndListsTickets() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)

    let noKiosk = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "tap", "10", "10"])
    #expect(noKiosk.waitForExit() == 69, "kioskd unreachable")
    #expect(noKiosk.lines.joined().contains("kioskd not running"), "\(noKiosk.lines)")

    let check = try KioskProcess("kioskctl", arguments: ["check-config", fixture.configPath])
    #expect(check.waitForExit() == 0)
    #expect(check.lines.contains { $0.contains("3 agencies, 6 services") })

    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    defer { kiosk.stop() }
    try #require(kiosk.waitForLines(containing: "ready:").count == 1)
    let tap = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "tap", "540", "960"])
    #expect(tap.waitForExit() == 0, "\(tap.lines)")
    let offScreen = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "tap", "5000", "1"])
    #expect(offScreen.waitForExit() == 64)
    #expect(offScreen.lines.joined().contains("off the 1080x1920 screen"))

    let touch = try KioskTouchDriver(fixture)
    try touch.press(.chooseLanguage(.english), on: .home)
    try touch.press(.chooseAgency(AgencyID("imigrasi")), on: .home, language: .english)
    try touch.press(.chooseService(ServiceID("paspor-baru")), on: .services(AgencyID("imigrasi"), page: 0), language: .english)
    try #require(printer.waitForReceipts(count: 1, timeout: 20).count == 1)
    #expect(printer.receipts.first?.text.contains("Your queue number") == true, "the ticket speaks English")

    let list = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "tickets"])
    #expect(list.waitForExit() == 0)
    #expect(list.lines.contains { $0.contains("F-001") && $0.contains("paspor-baru") })
}

@Test func kioskctlNamesTheBrokenFile() throws {
    let fixture = try KioskFixture(printerPort: 9)
    try "{\"kioskId\": ".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
    let check = try KioskProcess("kioskctl", arguments: ["check-config", fixture.configPath])
    #expect(check.waitForExit() == 78)
    #expect(check.lines.joined().contains(fixture.configPath + ":1:"))
}

/// A catalogue the configuration names but that cannot be read is a configuration error (exit 78) at the line of
/// `catalogue`, with the fix (review, session 29: it was exit 1 and "open …: no such file or directory").
@Test func aMissingCatalogueIsAConfigurationErrorAtItsLine() throws {
    let fixture = try KioskFixture(printerPort: 9)
    try FileManager.default.removeItem(atPath: fixture.catalogueFile)
    let line = try #require(
        try String(contentsOfFile: fixture.configPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("\"catalogue\"") }) + 1
    let check = try KioskProcess("kioskctl", arguments: ["check-config", fixture.configPath])
    #expect(check.waitForExit() == 78, "\(check.lines)")
    let said = check.lines.joined()
    #expect(said.contains(fixture.configPath + ":\(line):") && said.contains("$.catalogue"), "\(check.lines)")
    #expect(said.contains("catalogue.json cannot be read: no such file or directory") && said.contains("Write the path"), "\(check.lines)")
}
