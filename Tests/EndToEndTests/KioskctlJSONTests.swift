import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Issue 16: every kioskctl command has `--json`. doctor and technician add, the two that print reports of their
/// own, parsed here as JSON (the control-socket commands: ControlSocketTests, OutOfServiceControlTests).
@Suite struct KioskctlJSONTests {
    /// Runs kioskctl; its status and the one JSON line it printed, parsed.
    private func kioskctl(_ arguments: [String]) throws -> (status: Int32, json: JSONValue, lines: [String]) {
        let run = try KioskProcess("kioskctl", arguments: arguments)
        let status = run.waitForExit()
        let objects = run.lines.filter { $0.hasPrefix("{") }
        try #require(objects.count == 1, "one JSON object: \(run.lines)")
        return (status, try JSONParser.parse(objects[0]), run.lines)
    }

    private func check(_ json: JSONValue, _ name: String) -> JSONValue? {
        guard case .array(let checks)? = json["checks"]?.content else { return nil }
        return checks.first { $0["check"]?.stringValue == name }
    }

    @Test func doctorListsEveryCheckWithItsFix() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        #expect(mkfifo(fixture.fifoPath, 0o600) == 0)
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        let passed = try kioskctl(["--config", fixture.configPath, "--json", "doctor"])
        #expect(passed.status == 0 && passed.json["ok"]?.content == .bool(true) && passed.json["problems"]?.integerValue == 0, "\(passed.lines)")
        #expect(check(passed.json, "printer")?["seen"]?.stringValue == "127.0.0.1:\(printer.port) accepts connections")
        #expect(check(passed.json, "printer")?["ok"]?.content == .bool(true) && check(passed.json, "printer")?["fix"] == nil)

        printer.stop()
        try FileManager.default.removeItem(atPath: fixture.fifoPath)
        let failed = try kioskctl(["--config", fixture.configPath, "--json", "doctor"])
        #expect(failed.status == 1 && failed.json["ok"]?.content == .bool(false) && failed.json["fault"]?.stringValue == "failed")
        #expect(failed.json["problems"]?.integerValue == 2 && failed.json["error"]?.stringValue?.hasPrefix("2 of ") == true, "\(failed.lines)")
        for name in ["printer", "touchscreen"] {
            #expect(check(failed.json, name)?["ok"]?.content == .bool(false) && check(failed.json, name)?["fix"]?.stringValue?.isEmpty == false,
                "\(name): \(failed.lines)")
        }

        try "{\"kioskId\": ".write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let broken = try kioskctl(["--config", fixture.configPath, "--json", "doctor"])
        #expect(broken.status == 78 && broken.json["fault"]?.stringValue == "config", "\(broken.lines)")
        #expect(check(broken.json, "configuration")?["seen"]?.stringValue?.contains(fixture.configPath + ":1:") == true)
    }

    @Test func technicianAddSaysWhatItDidWithoutThePIN() throws {
        let fixture = try KioskFixture(printerPort: 9)
        let added = try Technicians.add("wayan", input: "8642\n8642\n", config: fixture.configPath, options: ["--json"])
        #expect(added.status == 0, "\(added.output)")
        let json = try JSONParser.parse(try #require(added.output.split(separator: "\n").first { $0.hasPrefix("{") }.map(String.init)))
        #expect(json["ok"]?.content == .bool(true) && json["technician"]?.stringValue == "wayan" && json["changed"]?.content == .bool(false))
        #expect(json["file"]?.stringValue == fixture.directory + "/technicians" && json["mode"]?.stringValue == "0600", "\(added.output)")
        let changed = try Technicians.add("wayan", input: "9753\n9753\n", config: fixture.configPath, options: ["--json"])
        #expect(changed.output.contains("\"changed\":true"), "\(changed.output)")
        #expect(!added.output.contains("8642") && !changed.output.contains("9753"), "the PIN is never printed")

        let refused = try Technicians.add("wayan", input: "1111\n2222\n", config: fixture.configPath, options: ["--json"])
        #expect(refused.status == 64 && refused.output.contains("\"fault\":\"usage\""), "\(refused.output)")
    }
}
