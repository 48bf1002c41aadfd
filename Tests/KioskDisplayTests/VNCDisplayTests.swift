import Foundation
import KioskCore
import KioskDisplay
import KioskUI
import Testing

/// The VNC view against a real client: vncdotool's `vncdo` (PyPI), run as a process.
@Suite(.serialized) struct VNCDisplayTests {
    let size = ScreenSize(width: 480, height: 480)

    /// The attract screen as the headless backend would write it.
    func attractFrame() throws -> Canvas {
        let renderer = try ScreenRenderer(
            size: size, mallName: LocalizedText(indonesian: "Mal Pelayanan Publik", english: "Public Service Mall"), kioskID: "TEST-K01")
        let settings = FlowSettings(
            catalogue: Catalogue(agencies: []), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
            agenciesPerPage: 4, servicesPerPage: 4)
        return renderer.render(KioskState(), settings: settings, now: Timestamp(secondsSinceEpoch: 1_736_820_900))
    }

    /// A free loopback port, chosen by the kernel.
    func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func passwordFile(_ password: String, mode: mode_t) -> String {
        let path = NSTemporaryDirectory() + "kioskd-vnc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        _ = FileManager.default.createFile(atPath: path, contents: Data((password + "\n").utf8))
        chmod(path, mode)
        return path
    }

    /// Runs `vncdo` against the display, serving it (the event loop's part) on this thread until `vncdo`
    /// exits; returns its exit status.
    func vncdo(_ display: VNCDisplay, port: Int, password: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["vncdo", "--timeout", "20", "-s", "127.0.0.1::\(port)", "-p", password] + arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning {
            var fds = display.pollDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 20)
            display.handleEvents()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func captureEqualsTheHeadlessRender() throws {
        let password = passwordFile("kiosk01", mode: 0o600)
        defer { unlink(password) }
        let port = freePort()
        let display = try VNCDisplay(VNCConfig(port: port, passwordFile: password), size: size)
        let frame = try attractFrame()
        display.present(frame, damage: [frame.bounds])
        let capture = NSTemporaryDirectory() + "kioskd-vnc-capture-\(getpid()).png"
        defer { unlink(capture) }
        #expect(try vncdo(display, port: port, password: "kiosk01", ["capture", capture]) == 0)
        let captured = try PNGReader.read(path: capture)
        #expect(captured.width == frame.width && captured.height == frame.height)
        let wrong = zip(captured.pixels, frame.pixels).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(wrong.isEmpty, "\(wrong.count) pixels differ, first \(wrong.prefix(3).map { "\($0.offset): \(String($0.element.0, radix: 16)) vs \(String($0.element.1, radix: 16))" })")
    }

    @Test func aWrongPasswordIsRefused() throws {
        let password = passwordFile("kiosk01", mode: 0o600)
        defer { unlink(password) }
        let port = freePort()
        let display = try VNCDisplay(VNCConfig(port: port, passwordFile: password), size: size)
        let capture = NSTemporaryDirectory() + "kioskd-vnc-refused-\(getpid()).png"
        defer { unlink(capture) }
        #expect(try vncdo(display, port: port, password: "wrong99", ["capture", capture]) != 0)
        #expect(!FileManager.default.fileExists(atPath: capture))
    }

    @Test func viewOnlyIgnoresClicksAndAllowedInputTaps() throws {
        let password = passwordFile("kiosk01", mode: 0o600)
        defer { unlink(password) }
        for allow in [false, true] {
            let port = freePort()
            let display = try VNCDisplay(VNCConfig(port: port, passwordFile: password, allowInput: allow), size: size)
            #expect(try vncdo(display, port: port, password: "kiosk01", ["move", "120", "300", "click", "1", "pause", "0.2"]) == 0)
            let taps = display.takeViewerTaps()
            #expect(taps.map(\.x) == (allow ? [120] : []))
            #expect(taps.map(\.y) == (allow ? [300] : []))
        }
    }

    @Test func aPasswordFileOthersCanReadStopsTheKiosk() throws {
        let password = passwordFile("kiosk01", mode: 0o644)
        defer { unlink(password) }
        do {
            _ = try VNCDisplay(VNCConfig(port: freePort(), passwordFile: password), size: size)
            Issue.record("a password file of mode 0644 was accepted")
        } catch {
            #expect(error.problem == "mode 644 lets others read it")
            #expect(error.check == "chmod 600 \(password)")
        }
    }
}
