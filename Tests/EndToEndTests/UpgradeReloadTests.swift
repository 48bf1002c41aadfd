import Foundation
import KioskTestSupport
import Testing

/// A package upgrade renames the new kioskd over the running one, then reloads it (debian/kioskd.postinst):
/// the restart between citizens must start the new file, not the deleted one the process still runs.
@Test(.timeLimit(.minutes(4)))
func aReloadAfterTheBinaryWasReplacedStartsTheNewVersion() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    let installed = fixture.directory + "/bin/kioskd"
    try FileManager.default.createDirectory(atPath: fixture.directory + "/bin", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: KioskProcess.binaryDirectory + "/kioskd", toPath: installed)
    let kiosk = try KioskProcess(installed, arguments: ["--config", fixture.configPath])
    // SIGKILL: the stand-in inherits kioskd's blocked SIGTERM (kioskd reads it from a signalfd), as a new kioskd would.
    defer { kiosk.stop(signal: SIGKILL) }
    try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")

    // As dpkg unpacks: the new version written beside the old one, then renamed over it.
    let unpacked = installed + ".dpkg-new"
    try "#!/bin/sh\necho \"new version started: $*\" >&2\nexec sleep 600\n".write(toFile: unpacked, atomically: true, encoding: .utf8)
    #expect(chmod(unpacked, 0o755) == 0)
    #expect(rename(unpacked, installed) == 0)
    #expect(kill(kiosk.pid, SIGHUP) == 0)

    let started = kiosk.waitForLines(containing: "new version started: --config \(fixture.configPath)")
    #expect(started.count == 1, "\(kiosk.lines)")
    #expect(kiosk.lines.contains { $0.contains("restarting to take up the configuration (\(installed))") }, "\(kiosk.lines)")
}

/// What kioskd tells systemd (`NOTIFY_SOCKET`) when a reload restarts it in place: RELOADING=1 then the new
/// program's READY=1. STOPPING=1 there made systemd stop the restarted kioskd (seen in the installed-system test).
/// With a watchdog, the old program's last ping is all systemd has until the new one pings: without a ping before
/// the exec and with READY=1, a slow start was killed by the watchdog right after the reload (installed-system test).
/// A fresh start pings only with READY=1: systemd arms the watchdog at the first ping (installed-system test).
@Test(.timeLimit(.minutes(4)))
func aRestartInPlaceTellsSystemdItReloadsNotThatItStops() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    let socketPath = fixture.directory + "/notify"
    let fd = UnixSocket.bound(to: socketPath, type: SOCK_DGRAM)
    try #require(fd >= 0)
    defer { close(fd) }
    /// The messages kioskd sent, until one holds `last` or 20 s pass.
    func messages(until last: String) -> [String] {
        var seen: [String] = []
        let deadline = Date().addingTimeInterval(20)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline, !seen.contains(where: { $0.contains(last) }) {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 200) == 1 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { seen.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return seen
    }

    // A watchdog of 10 min: the loop's own pings (every 5 min) never come during the test.
    let kiosk = try KioskProcess(
        arguments: ["--config", fixture.configPath], environment: ["NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "600000000"])
    defer { kiosk.stop() }
    let start = messages(until: "READY=1")
    try #require(start.contains("READY=1"))
    // systemd arms the watchdog at the first ping: one before READY=1 made a start slower than the interval fatal.
    let firstPing = start.firstIndex(of: "WATCHDOG=1") ?? start.count
    #expect(firstPing >= start.count - 2, "no ping before the one with READY=1 on a fresh start: \(start)")
    #expect(kill(kiosk.pid, SIGHUP) == 0)
    let reload = messages(until: "READY=1")
    #expect(reload.contains("RELOADING=1"), "\(reload)")
    #expect(!reload.contains("STOPPING=1"), "\(reload)")
    #expect(reload.last == "READY=1", "\(reload) \(kiosk.lines)")
    let afterReloading = reload.drop { $0 != "RELOADING=1" }.dropFirst()
    #expect(afterReloading.filter { $0 == "WATCHDOG=1" }.count >= 2, "pinged before the exec and with READY=1: \(reload)")
    #expect(reload.suffix(2).first == "WATCHDOG=1", "\(reload)")
}
