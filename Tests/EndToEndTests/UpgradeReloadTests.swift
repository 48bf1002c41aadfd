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
