import Foundation
import KioskCore
import KioskTestSupport
import KioskUI
import Testing

/// kioskd's display as a running process: a backend that cannot start, and the VNC view.
@Suite(.serialized) struct DisplayEndToEndTests {
    /// The fixture's configuration with its display object replaced by `display`; returns the new path.
    func config(_ fixture: KioskFixture, display: String) throws -> String {
        let text = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("\"display\"") })
        let path = fixture.directory + "/display-kiosk.json"
        try text.replacingOccurrences(of: String(line), with: "  \"display\": \(display),").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A port on 127.0.0.1 that nothing listens on: bound, then released.
    func freePort() throws -> Int {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        return emulator.port
    }

    func passwordFile(_ fixture: KioskFixture, mode: mode_t) -> String {
        let path = fixture.directory + "/vnc-password"
        _ = FileManager.default.createFile(atPath: path, contents: Data("kiosk01\n".utf8))
        chmod(path, mode)
        return path
    }

    @Test(.timeLimit(.minutes(4)))
    func aCardThatCannotBeOpenedIsOutOfServiceNamingItWhyAndWhatToCheck() throws {
        let fixture = try KioskFixture(printerPort: try freePort())
        let path = try config(fixture, display: #"{"kind": "drm", "device": "/nonexistent/card9", "width": 1080, "height": 1920}"#)
        let kiosk = try KioskProcess(arguments: ["--config", path])
        // kioskd stays up (out of service, drawn as PNG snapshots) rather than exiting into a black screen.
        try #require(kiosk.waitForLines(containing: "out of service:").count == 1, "\(kiosk.lines)")
        #expect(kiosk.stop() == 0)
        let message = kiosk.lines.joined(separator: "\n")
        #expect(message.contains("display /nonexistent/card9: open: no such file or directory"), "\(kiosk.lines)")
        #expect(message.contains("Check: the card exists (ls /dev/dri)"))
    }

    /// At boot the card's driver may still be loading when kioskd starts (it waits for no udev settle): out of
    /// service until the node appears, then kioskd starts again at once, not at the next minute's retry.
    @Test(.timeLimit(.minutes(4)))
    func aCardThatAppearsLaterIsTakenAsSoonAsItIsThere() throws {
        let fixture = try KioskFixture(printerPort: try freePort())
        let card = fixture.directory + "/dri/card0"
        let path = try config(fixture, display: #"{"kind": "drm", "device": ""# + card + #"", "width": 1080, "height": 1920}"#)
        let kiosk = try KioskProcess(arguments: ["--config", path])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "out of service:").count == 1, "\(kiosk.lines)")
        // The node appears (a plain file here: kioskd opens it and is out of service again, for its DRM calls).
        try FileManager.default.createDirectory(atPath: fixture.directory + "/dri", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: card, contents: Data()))
        #expect(kiosk.waitForLines(containing: "\(card) changed: starting again", timeout: 30).count == 1, "\(kiosk.lines)")
        #expect(kiosk.waitForLines(containing: "out of service:", count: 2).count == 2, "\(kiosk.lines)")
    }

    @Test(.timeLimit(.minutes(4)))
    func aVncPasswordFileOthersCanReadKeepsKioskdOutOfService() throws {
        let fixture = try KioskFixture(printerPort: try freePort())
        let password = passwordFile(fixture, mode: 0o640)
        let path = try config(
            fixture,
            display: #"{"kind": "headless", "width": 1080, "height": 1920, "snapshot": "screen.png", "vnc": {"passwordFile": ""# + password + #"", "port": "#
                + "\(try freePort())}}")
        let kiosk = try KioskProcess(arguments: ["--config", path])
        try #require(kiosk.waitForLines(containing: "out of service:").count == 1, "\(kiosk.lines)")
        #expect(kiosk.stop() == 0)
        #expect(kiosk.lines.joined().contains("mode 640 lets others read it. Check: chmod 600 \(password)"), "\(kiosk.lines)")
    }

    @Test(.timeLimit(.minutes(4)))
    func handingTheDisplayAwayAndBackKeepsKioskdServing() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        kill(kiosk.pid, SIGUSR1)  // a VT switch away: the default action would end the process
        kill(kiosk.pid, SIGUSR2)
        try KioskTouchDriver(fixture).takeTicket(agency: "disdukcapil", service: "ktp-el")
        #expect(kiosk.waitForLines(containing: "ticket id=").count == 1, "\(kiosk.lines)")
    }

    @Test(.timeLimit(.minutes(4)))
    func theVncViewShowsWhatTheScreenShows() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let password = passwordFile(fixture, mode: 0o600)
        let port = try freePort()
        let path = try config(
            fixture,
            display: #"{"kind": "headless", "width": 1080, "height": 1920, "snapshot": "screen.png", "vnc": {"passwordFile": ""# + password + #"", "port": "#
                + "\(port)}}")
        let kiosk = try KioskProcess(arguments: ["--config", path])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        // English: a tap, so the view shows a frame that changed since the start.
        try KioskTouchDriver(fixture).press(.chooseLanguage(.english), on: .home)
        var matched = false
        for attempt in 0..<3 where !matched {
            usleep(300_000)  // the snapshot writer finishes the last frame
            let capture = fixture.directory + "/vnc-\(attempt).png"
            let vncdo = Process()
            vncdo.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            vncdo.arguments = ["vncdo", "--timeout", "20", "-s", "127.0.0.1::\(port)", "-p", "kiosk01", "capture", capture]
            try vncdo.run()
            vncdo.waitUntilExit()
            try #require(vncdo.terminationStatus == 0)
            matched = try PNGReader.read(path: capture).pixels == PNGReader.read(path: fixture.screenPath).pixels
        }
        #expect(matched, "the VNC capture equals the headless snapshot of the same frame")
    }
}
