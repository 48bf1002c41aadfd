import Foundation
import KioskTestSupport
import Testing

/// libcurl, libcups and libvncserver (with their 36 dependencies), libespeak-ng and libasound are mapped only
/// when the configuration uses them (the speech guidance's: when a citizen turns it on): a standalone kiosk printing over TCP has none of them, a VNC view brings libvncserver alone.
extension DisplayEndToEndTests {
    static let lazyLibraries = ["libcurl.so", "libcups.so", "libvncserver.so", "libespeak-ng.so", "libasound.so"]

    /// The lazily loaded libraries the running process `pid` has mapped.
    func mappedLazyLibraries(_ pid: Int32) throws -> [String] {
        // Read to the end: /proc files report no size, and a read by size stops at the first page.
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/maps"))
        defer { try? file.close() }
        let maps = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        try #require(maps.contains("/libsqlite3.so"), "not kioskd's map: \(maps)")
        return Self.lazyLibraries.filter { maps.contains("/" + $0) }
    }

    @Test(.timeLimit(.minutes(4)))
    func aStandaloneKioskPrintingOverTCPMapsNoneOfTheLazyLibraries() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let fixture = try KioskFixture(printerPort: emulator.port)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        let mapped = try mappedLazyLibraries(kiosk.pid)
        #expect(kiosk.stop() == 0)
        #expect(mapped.isEmpty, "mapped without being configured: \(mapped)")
    }

    @Test(.timeLimit(.minutes(4)))
    func aVncViewLoadsLibvncserverAndNothingElseOfTheLazyLibraries() throws {
        let fixture = try KioskFixture(printerPort: try freePort())
        let password = passwordFile(fixture, mode: 0o600)
        let path = try config(
            fixture,
            display: #"{"kind": "headless", "width": 1080, "height": 1920, "snapshot": "screen.png", "vnc": {"passwordFile": ""# + password + #"", "port": "#
                + "\(try freePort())}}")
        let kiosk = try KioskProcess(arguments: ["--config", path])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        let mapped = try mappedLazyLibraries(kiosk.pid)
        #expect(kiosk.stop() == 0)
        #expect(mapped == ["libvncserver.so"])
    }
}
