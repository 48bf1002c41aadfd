import Foundation
import KioskTestSupport
import Testing

/// `kioskctl doctor` run as a process against real parts: a printer emulator on a loopback port, a touch
/// FIFO, the reference queue server. (Device nodes, udev and the systemd unit: the installed-system test.)
@Suite struct KioskctlDoctorTests {
    private func doctor(_ fixture: KioskFixture) throws -> (status: Int32, lines: [String]) {
        let run = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "doctor"])
        let status = run.waitForExit()
        return (status, run.lines)
    }

    private func closedPort() throws -> Int {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        return printer.port
    }

    @Test func aWorkingStandaloneKioskPassesEveryCheck() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        #expect(mkfifo(fixture.fifoPath, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)

        let (status, lines) = try doctor(fixture)
        #expect(status == 0, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("ok       configuration: ") && $0.contains("is valid") })
        #expect(lines.contains { $0.hasPrefix("ok       printer: 127.0.0.1:\(printer.port) accepts connections") })
        #expect(lines.contains { $0.hasPrefix("ok       touchscreen: \(fixture.fifoPath) (a FIFO") })
        #expect(lines.contains { $0.hasPrefix("ok       disk: ") && $0.contains("MiB free for \(fixture.stateDirectory)") })
        #expect(lines.contains { $0.hasPrefix("ok       unit: ") })
        #expect(lines.contains { $0.hasPrefix("ok       technicians: no \(fixture.directory)/technicians") }, "\(lines)")
        #expect(lines.last?.hasPrefix("all ") == true && lines.last?.hasSuffix(" checks passed") == true, "\(lines)")
    }

    @Test func eachProblemIsNamedWithItsFix() throws {
        let fixture = try KioskFixture(printerPort: try closedPort())  // no FIFO, no state directory, no printer

        let (status, lines) = try doctor(fixture)
        #expect(status == 1, "\(lines)")
        for check in ["printer", "touchscreen", "disk"] {
            let index = try #require(lines.firstIndex { $0.hasPrefix("PROBLEM  \(check): ") }, "\(check): \(lines)")
            #expect(lines.indices.contains(index + 1) && lines[index + 1].hasPrefix("         fix: "), "\(lines)")
        }
        #expect(lines.contains { $0.contains("touchscreen: \(fixture.fifoPath) is missing") })
        #expect(lines.last?.hasPrefix("3 of ") == true && lines.last?.hasSuffix(" checks found a problem") == true, "\(lines)")
    }

    @Test func aBrokenConfigurationExits78AndStillChecksTheRest() throws {
        let fixture = try KioskFixture(printerPort: 9)
        try "{\"kioskId\": ".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)

        let (status, lines) = try doctor(fixture)
        #expect(status == 78, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("PROBLEM  configuration: ") && $0.contains(fixture.configPath + ":1:") })
        #expect(lines.contains { $0.hasPrefix("ok       unit: ") })
        #expect(lines.contains { $0.hasPrefix("ok       clock: ") })
    }

    @Test(.timeLimit(.minutes(4))) func theQueueServerAndItsClockAreChecked() throws {
        let server = try QueueServerProcess()
        defer { server.stop() }
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let token = try server.addKiosk("TEST-K01")
        let fixture = try KioskFixture(printerPort: printer.port, server: KioskFixture.serverJSON(port: server.port, tokenFile: token))
        #expect(mkfifo(fixture.fifoPath, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)

        let linked = try doctor(fixture)
        #expect(linked.status == 0, "\(linked.lines)")
        #expect(linked.lines.contains { $0.hasPrefix("ok       server: http://127.0.0.1:\(server.port)/healthz answered 200") })
        #expect(linked.lines.contains { $0.hasPrefix("ok       clock: the server's clock is ") }, "\(linked.lines)")

        server.stop()
        let unreachable = try doctor(fixture)
        #expect(unreachable.status == 1, "\(unreachable.lines)")
        #expect(unreachable.lines.contains { $0.hasPrefix("PROBLEM  server: http://127.0.0.1:\(server.port) does not answer") })
    }
}
