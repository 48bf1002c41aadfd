import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The directory of the packages `make deb` built; set by `make system-test`, which runs these tests.
private let packages = ProcessInfo.processInfo.environment["KIOSKD_SYSTEM_TEST_DEBS"]

/// One run of scripts/vm-system/run.sh (two boots of one disk) for every check below.
private let systemRun = Task { () throws -> [String: String] in
    let files = try guestFiles()
    defer { try? FileManager.default.removeItem(atPath: files) }
    let run = Process()
    run.executableURL = URL(fileURLWithPath: QueueServerProcess.repositoryRoot + "/scripts/vm-system/run.sh")
    run.arguments = [packages ?? "dist", files]
    let pipe = Pipe()
    run.standardOutput = pipe
    try run.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    run.waitUntilExit()
    print(output)
    var results: [String: String] = [:]
    for line in output.split(separator: "\n") where line.hasPrefix("SYS-RESULT ") {
        let fields = line.split(separator: " ", maxSplits: 2)
        if fields.count >= 2 { results[String(fields[1])] = String(line) }
    }
    results["script"] = run.terminationStatus == 0 ? "SYS-RESULT script PASS" : "SYS-RESULT script FAIL status \(run.terminationStatus)\n" + output
    return results
}

/// The guest's kiosk.json (DRM screen, the udev-named touchscreen, the USB printer gadget by its ids), the test
/// catalogue, and the screen points of a walk to an imigrasi/paspor-baru ticket, from the layout kioskd hit-tests with.
private func guestFiles() throws -> String {
    let fixture = try KioskFixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
    let walk = try KioskTouchDriver(fixture).walkPlan(agency: "imigrasi", service: "paspor-baru")
    let config = """
        {
          "kioskId": "SYS-K01",
          "mallName": {"id": "Mal Pelayanan Publik Uji", "en": "Test Public Service Mall"},
          "catalogue": "/etc/kioskd/catalogue.json",
          "stateDirectory": "/var/lib/kioskd",
          "display": {"kind": "drm", "device": "/dev/dri/card0", "width": \(fixture.screen.width), "height": \(fixture.screen.height)},
          "input": {"kind": "evdev", "path": "/dev/input/kiosk-touchscreen"},
          "printer": {"kind": "usb", "vendorId": "04b8", "productId": "0202", "paper": "80mm"}
        }
        """
    // The same kiosk linked to the packaged queue server on the guest's loopback; the deadline is the longest
    // allowed, so a guest starved under TCG still gets its number from the server.
    let online = config.replacingOccurrences(
        of: "\n}", with: ",\n  \"server\": {\"url\": \"http://127.0.0.1:8080\", \"tokenFile\": \"/etc/kioskd/queue-token\", "
            + "\"deadlineMilliseconds\": 10000}\n}")
    let directory = NSTemporaryDirectory() + "kioskd-system-files-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try config.write(toFile: directory + "/kiosk.json", atomically: true, encoding: .utf8)
    try online.write(toFile: directory + "/kiosk-online.json", atomically: true, encoding: .utf8)
    try KioskFixture.catalogueJSON().write(toFile: directory + "/catalogue.json", atomically: true, encoding: .utf8)
    let plan = walk.joined(separator: "\n") + "\n"
    try plan.write(toFile: directory + "/touch-plan", atomically: true, encoding: .utf8)
    return directory
}

/// The kioskd package on a debootstrapped Debian 12 booted with systemd and udev under QEMU
/// (scripts/vm-system/, docs/vm-system.md): installed with dpkg, READY=1 on VT 1, the uinput touchscreen and
/// the USB printer gadget given to kioskd by the package's udev rules and allowed by its unit, a walk prints
/// F-001 after a reload (one re-exec per reload, the screen kioskd's after it), `kioskctl technician add` as root makes a file kioskd can read, `kioskctl doctor` finds
/// nothing to fix, `systemctl restart` and an upgrade (taken up between citizens, same process) keep the ledger
/// and the numbering, the queue-server package starts and answers /healthz, the kiosk linked to it over the
/// guest's loopback prints a number the server gave and the server's page shows, no unit's thread was refused its
/// priority, a reboot keeps the ledger, and a purge removes what the packages added.
/// Run by `make system-test` only: it needs `make deb`'s packages and takes minutes (two boots of up to
/// `SYSTEM_DEADLINE`, 1,800 s, each on a starved machine).
@Test(
    .enabled(if: packages != nil, "make system-test runs this, with the packages from make deb"), .timeLimit(.minutes(75)),
    arguments: [
        "script", "install", "sysusers", "ready", "udev-touchscreen", "udev-printer", "udev-printer-lp", "unit-devices", "vt",
        "reload", "configured", "screen-install", "touch-opened", "ticket", "technician", "technician-readable", "doctor",
        "reload-once", "restart", "restart-ready", "restart-ledger", "restart-ticket", "upgrade", "upgrade-between-citizens",
        "upgrade-same-process", "upgrade-new-binary", "upgrade-version", "upgrade-ledger", "screen-upgrade", "upgrade-ticket", "upgrade-reload-once",
        "server-install",
        "server-ready", "server-healthz", "server-config", "server-link", "online-ticket", "online-doctor", "online-reload-once",
        "thread-priority", "reboot-ready", "boot-order", "screen-reboot", "reboot-vt", "reboot-server", "reboot-ledger",
        "reboot-thread-priority", "purge", "purge-files",
        "purge-unit", "server-purge", "server-purge-files",
    ])
func installedSystem(check: String) async throws {
    let results = try await systemRun.value
    let line = try #require(results[check], "the guest never reported \(check) (the check \"script\" shows the console)")
    #expect(line.contains(" \(check) PASS"), "\(line)")
}
