import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Issue 16: kioskd out of service (here a kiosk.json that does not load) still opens its control socket, so a
/// technician's `kioskctl status` says why, `kioskctl logs` shows the log and `kioskctl restart` starts it
/// again; what needs a serving kioskd is refused as out of service. Real kioskd, socket and kioskctl.
@Suite struct OutOfServiceControlTests {
    private func kioskctl(_ fixture: KioskFixture, _ arguments: [String]) throws -> (status: Int32, output: String, json: JSONValue?) {
        let process = try KioskProcess(KioskProcess.binaryDirectory + "/kioskctl", arguments: ["--config", fixture.configPath] + arguments)
        let status = process.waitForExit()
        let json = process.lines.first { $0.hasPrefix("{") }.flatMap { try? JSONParser.parse($0) }
        return (status, process.lines.joined(separator: "\n"), json)
    }

    @Test(.timeLimit(.minutes(4)))
    func aTechnicianReachesKioskdWhileItIsOutOfService() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let valid = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        try valid.replacingOccurrences(of: "\"kind\": \"tcp\"", with: "\"kind\": \"serial\"")
            .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let kiosk = try KioskProcess(
            arguments: ["--config", fixture.configPath], environment: ["STATE_DIRECTORY": fixture.directory + "/systemd-state"])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "out of service:").count == 1, "\(kiosk.lines)")
        let socketLine = try #require(kiosk.waitForLines(containing: "control socket ").first, "\(kiosk.lines)")
        #expect(socketLine.contains(fixture.directory + "/control.sock"), "the socket kiosk.json names, though it does not load")
        var info = stat()
        #expect(stat(fixture.directory + "/control.sock", &info) == 0 && info.st_mode & 0o777 == 0o660, "mode 0660")

        // status: why, as JSON and for a person; exit 1 (the kiosk needs a technician).
        let status = try kioskctl(fixture, ["--json", "status"])
        #expect(status.status == 1, "\(status.output)")
        #expect(status.output.split(separator: "\n").filter { $0.hasPrefix("{") }.count == 1, "one JSON object: \(status.output)")
        #expect(status.json?["ok"]?.content == .bool(true) && status.json?["screen"]?.stringValue == "out-of-service", "\(status.output)")
        let why = try #require(status.json?["outOfService"]?.stringValue, "\(status.output)")
        #expect(why.contains("kiosk.json:") && why.contains("serial"), "names the file, line and the wrong value: \(why)")
        let human = try kioskctl(fixture, ["status"])
        #expect(human.status == 1 && human.output.contains("OUT OF SERVICE") && human.output.contains("why: "), "\(human.output)")

        // logs: kioskd's own lines, the reason among them.
        let logs = try kioskctl(fixture, ["--json", "logs"])
        #expect(logs.status == 0, "\(logs.output)")
        guard case .array(let lines)? = logs.json?["lines"]?.content else {
            Issue.record("no lines: \(logs.output)")
            return
        }
        #expect(lines.contains { $0.stringValue?.contains("out of service: configuration error") == true }, "\(lines)")

        // What needs a serving kioskd is refused as out of service (kioskctl would exit 69).
        let client = try ControlSocketClient(path: fixture.directory + "/control.sock")
        client.send(Array("{\"command\":\"tap\",\"x\":10,\"y\":10}\n".utf8))
        let refused = try #require(client.readLine().flatMap(ControlAnswer.parse))
        #expect(refused.problem?.fault == "out-of-service" && refused.problem?.message.contains("status, logs and restart") == true)

        // restart: kioskd starts again at once; still broken, it is out of service again and answers again.
        let restart = try kioskctl(fixture, ["--json", "restart"])
        #expect(restart.status == 0 && restart.json?["ok"]?.content == .bool(true), "\(restart.output)")
        try #require(kiosk.waitForLines(containing: "restarting to take up the configuration").count == 1, "\(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: "out of service:", count: 2).count >= 2, "\(kiosk.lines)")  // it may also retry by itself
        #expect(Self.eventually { (try? kioskctl(fixture, ["status"]))?.output.contains("OUT OF SERVICE") == true })

        // Fixed: kioskd serves, and status is ok.
        try valid.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        try #require(kiosk.waitForLines(containing: "ready:", timeout: 60).count == 1, "\(kiosk.lines)")
        #expect(Self.eventually { (try? kioskctl(fixture, ["status"]))?.status == 0 }, "kioskctl status is ok again")
        #expect(kiosk.stop() == 0)
    }

    private static func eventually(timeout: Double = 30, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(200_000)
        }
        return true
    }
}
