import Foundation
import KioskCore
import KioskTestSupport
import KioskUI
import Testing

/// A broken configuration never leaves a black screen: kioskd shows the out-of-service screen or runs on the
/// last good configuration, refuses a broken reload, and takes a good one between citizens.
@Suite("Configuration life", .timeLimit(.minutes(3)))
struct ConfigurationLifeTests {
    /// The fixture's catalogue with one line broken (a second service with prefix "A"): line `line` of the file.
    private static func brokenCatalogue(_ fixture: KioskFixture) throws -> (text: String, line: Int) {
        let text = try String(contentsOfFile: fixture.catalogueFile, encoding: .utf8)
        let broken = text.replacingOccurrences(of: #""prefix": "B""#, with: #""prefix": "A""#)
        let line = try #require(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("kartu-keluarga") }) + 1
        return (broken, line)
    }

    @Test("a broken kiosk.json at start: the out-of-service screen, the file and line in the log, and service again once fixed")
    func brokenConfigShowsOutOfServiceUntilFixed() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let valid = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        let printerLine = try #require(valid.split(separator: "\n").firstIndex { $0.contains("\"printer\"") }) + 1
        try valid.replacingOccurrences(of: "\"kind\": \"tcp\"", with: "\"kind\": \"serial\"")
            .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let systemdState = fixture.directory + "/systemd-state"
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: ["STATE_DIRECTORY": systemdState])
        let outOfService = try #require(kiosk.waitForLines(containing: "out of service:").first, "\(kiosk.lines)")
        #expect(outOfService.contains("kiosk.json:\(printerLine):"), "names the file and line: \(outOfService)")
        #expect(outOfService.contains("serial") && outOfService.contains("tcp"), "says what is wrong and what would be right")

        // The screen is the out-of-service screen for that reason, not black and not the attract screen.
        let problem = String(outOfService[outOfService.range(of: "out of service: ")!.upperBound...])
        let renderer = try ScreenRenderer(
            size: ScreenSize(width: 1080, height: 1920),
            mallName: LocalizedText(indonesian: "Mal Pelayanan Publik", english: "Public Service Mall"), kioskID: "?")
        var state = KioskState()
        state.screen = .outOfService(reason: problem)
        let expected = renderer.render(
            state, settings: FlowSettings(
                catalogue: Catalogue(agencies: []), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
                agenciesPerPage: 1, servicesPerPage: 1),
            now: Timestamp(secondsSinceEpoch: 0))
        let shown = try PNGReader.read(path: systemdState + "/screen.png")
        #expect(ImageDifference.between(shown, expected, channelTolerance: 0)?.differingPixels == 0, "the out-of-service screen is shown")

        // Fixing the file brings the kiosk back by itself, and it serves.
        try valid.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).first?.text.contains("E-001") == true)
        #expect(kiosk.stop() == 0)
    }

    @Test("a broken catalogue at start: kioskd runs on the last good configuration and says so")
    func lastGoodConfigurationCarriesABrokenCatalogue() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let first = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(first.waitForLines(containing: "ready:").count == 1)
        #expect(first.stop() == 0)

        let broken = try Self.brokenCatalogue(fixture)
        try broken.text.write(toFile: fixture.catalogueFile, atomically: true, encoding: .utf8)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        let warning = try #require(kiosk.waitForLines(containing: "running on the last good configuration").first, "\(kiosk.lines)")
        #expect(warning.contains("catalogue.json:\(broken.line):"), "names the broken line: \(warning)")
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        let touch = try KioskTouchDriver(fixture)
        try touch.takeTicket(agency: "disdukcapil", service: "kartu-keluarga")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).first?.text.contains("B-001") == true)
        #expect(kiosk.stop() == 0)
    }

    @Test("SIGHUP: a broken catalogue is refused and the kiosk serves on; a good one waits for the citizen to finish")
    func reloadBetweenCitizens() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let good = try String(contentsOfFile: fixture.catalogueFile, encoding: .utf8)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        let touch = try KioskTouchDriver(fixture)

        let broken = try Self.brokenCatalogue(fixture)
        try broken.text.write(toFile: fixture.catalogueFile, atomically: true, encoding: .utf8)
        let refused = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "reload"])
        #expect(refused.waitForExit() == 78, "kioskctl refuses a broken configuration itself")
        kill(kiosk.pid, SIGHUP)
        let refusal = try #require(kiosk.waitForLines(containing: "reload refused").first)
        #expect(refusal.contains("catalogue.json:\(broken.line):"))
        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).count == 1, "the kiosk serves on with the old configuration")
        try #require(kiosk.waitForLines(containing: "ticket id=").count == 1, "the kiosk saw the ticket printed")
        try touch.finishTicket()

        // A good new catalogue while a citizen is mid-journey: taken up only once they are done.
        try good.replacingOccurrences(of: "Layanan balik-nama", with: "Layanan balik nama kendaraan")
            .write(toFile: fixture.catalogueFile, atomically: true, encoding: .utf8)
        try touch.press(.chooseAgency(AgencyID("samsat")), on: .home)  // A citizen has started.
        let reload = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "reload"])
        #expect(reload.waitForExit() == 0, "\(reload.lines)")
        try #require(kiosk.waitForLines(containing: "the configuration checks out").count == 1)
        try touch.press(.chooseService(ServiceID("balik-nama")), on: .services(AgencyID("samsat"), page: 0))
        let second = printer.waitForReceipts(count: 2, timeout: 20)
        #expect(second.last?.text.contains("E-002") == true, "\(kiosk.lines)")
        #expect(second.last?.text.contains("Layanan balik-nama") == true, "the citizen's ticket is from the configuration they started with")
        try #require(kiosk.waitForLines(containing: "ticket id=", count: 2).count == 2)
        try touch.finishTicket()
        try #require(kiosk.waitForLines(containing: "ready:", count: 2).count == 2, "taken up between citizens: \(kiosk.lines)")
        let lines = kiosk.lines
        let restart = try #require(lines.firstIndex { $0.contains("restarting to take up the configuration") }, "\(lines)")
        let secondTicket = try #require(lines.indices.filter { lines[$0].contains("ticket id=") }.dropFirst().first, "\(lines)")
        #expect(secondTicket < restart, "no restart while a citizen is mid-journey: \(lines)")
        try touch.takeTicket(agency: "samsat", service: "balik-nama")
        let third = printer.waitForReceipts(count: 3, timeout: 20)
        #expect(third.last?.text.contains("E-003") == true, "numbering goes on across the reload")
        #expect(third.last?.text.contains("balik nama kendaraan") == true, "the new catalogue is in use")
        #expect(kiosk.stop() == 0)
    }
}

/// Every kind of configuration that cannot start shows the out-of-service screen, and kioskd keeps
/// running (and stops cleanly) instead of exiting into a black screen.
@Suite("Out of service at start", .timeLimit(.minutes(4)))
struct OutOfServiceAtStartTests {
    enum Breakage: String, CaseIterable, CustomTestStringConvertible {
        case syntax, missingCatalogue, brokenCatalogue, missingConfig, tokenFileMode
        var testDescription: String { rawValue }
    }

    @Test("kioskd stays up with the out-of-service screen and the reason", arguments: Breakage.allCases)
    func cannotStart(_ breakage: Breakage) throws {
        let token = "kiosk-token-0123456789abcdef"
        let fixture = try KioskFixture(
            printerPort: 9,
            server: breakage == .tokenFileMode ? KioskFixture.serverJSON(port: 9, tokenFile: "token") : nil)
        var configPath = fixture.configPath
        var expected: String
        switch breakage {
        case .syntax:
            try "{\"kioskId\": ".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
            expected = "kiosk.json:1:"
        case .missingCatalogue:
            try FileManager.default.removeItem(atPath: fixture.catalogueFile)
            expected = "catalogue.json"
        case .brokenCatalogue:
            try "{\"agencies\": []}".write(toFile: fixture.catalogueFile, atomically: true, encoding: .utf8)
            expected = "catalogue.json:1:"
        case .missingConfig:
            configPath = fixture.directory + "/nothing-here.json"
            expected = "nothing-here.json"
        case .tokenFileMode:
            try token.write(toFile: fixture.directory + "/token", atomically: true, encoding: .utf8)
            chmod(fixture.directory + "/token", 0o644)
            expected = "token file"
        }
        let kiosk = try KioskProcess(
            arguments: ["--config", configPath], environment: ["STATE_DIRECTORY": fixture.directory + "/systemd-state"])
        let line = try #require(kiosk.waitForLines(containing: "out of service:").first, "\(kiosk.lines)")
        #expect(line.contains(expected), "\(line)")
        #expect(!kiosk.lines.joined().contains(token), "the token never reaches the log")
        // Drawn where kiosk.json says when it reads, else in the state directory systemd gives.
        let kioskJSONReads = [.missingCatalogue, .brokenCatalogue, .tokenFileMode].contains(breakage)
        #expect(FileManager.default.fileExists(atPath: kioskJSONReads ? fixture.screenPath : fixture.directory + "/systemd-state/screen.png"))
        usleep(300_000)
        #expect(kiosk.waitForLines(containing: "stopped", timeout: 0.1).isEmpty)
        #expect(kiosk.stop() == 0, "still running, and stops cleanly")
    }
}
