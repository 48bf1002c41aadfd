import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// kioskctl through kioskd's control socket, end to end: a real kioskd, the real socket, real kioskctl.
@Suite struct ControlSocketTests {
    /// Runs kioskctl with `arguments` (after `--config` of `fixture`); its status, every line, and the JSON answer if any.
    private func kioskctl(_ fixture: KioskFixture, _ arguments: [String]) throws -> (status: Int32, output: String, json: ControlAnswer?) {
        try run(KioskProcess.binaryDirectory + "/kioskctl", ["--config", fixture.configPath] + arguments)
    }

    private func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String, json: ControlAnswer?) {
        let process = try KioskProcess(program, arguments: arguments)
        let status = process.waitForExit()
        let json = process.lines.first { $0.hasPrefix("{") }.flatMap(ControlAnswer.parse)
        return (status, process.lines.joined(separator: "\n"), json)
    }

    private func startKiosk(_ fixture: KioskFixture) throws -> KioskProcess {
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: "control socket ").count == 1, "\(kiosk.lines)")
        return kiosk
    }

    @Test(.timeLimit(.minutes(4)))
    func kioskctlWorksTheRunningKioskThroughItsSocketAndTheFilesWithoutIt() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port, scanner: KioskFixture.scannerFIFO)
        let kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        var info = stat()
        #expect(stat(fixture.directory + "/control.sock", &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFSOCK && info.st_mode & 0o777 == 0o660 && info.st_gid == getegid(), "mode 0660, kioskd's group")

        let status = try kioskctl(fixture, ["--json", "status"])
        #expect(status.status == 0, "\(status.output)")
        #expect(status.json?["kioskId"]?.stringValue == "TEST-K01" && status.json?["screen"]?.stringValue == "home", "\(status.output)")

        // A citizen's journey tapped through the socket; no test page while they choose.
        let touch = try KioskTouchDriver(fixture)
        let agency = try touch.centre(of: .chooseAgency(AgencyID("samsat")), on: .home)
        let tap = try kioskctl(fixture, ["--json", "tap", String(agency.x), String(agency.y)])
        #expect(tap.status == 0 && tap.json?["pressed"]?.content == .bool(true), "\(tap.output)")
        let busy = try kioskctl(fixture, ["printer", "test"])
        #expect(busy.status == 75 && busy.output.contains("mid-journey"), "no test page in a citizen's way: \(busy.output)")
        let service = try touch.centre(of: .chooseService(ServiceID("balik-nama")), on: .services(AgencyID("samsat"), page: 0))
        #expect(try kioskctl(fixture, ["tap", String(service.x), String(service.y)]).status == 0)
        try #require(printer.waitForReceipts(count: 1, timeout: 20).first?.text.contains("E-001") == true)
        try #require(kiosk.waitForLines(containing: "ticket id=").count == 1)
        #expect(try kioskctl(fixture, ["tap", "5000", "1"]).status == 64)

        let tickets = try kioskctl(fixture, ["--json", "tickets"])
        guard case .array(let listed)? = tickets.json?["tickets"]?.content else {
            Issue.record("\(tickets.output)")
            return
        }
        #expect(listed.count == 1 && listed.first?["number"]?.stringValue == "E-001" && listed.first?["outcome"]?.stringValue == "printed")
        #expect(!tickets.output.contains("not running"))
        let printerStatus = try kioskctl(fixture, ["printer", "status"])
        #expect(printerStatus.status == 0 && printerStatus.output.contains(": ready"), "\(printerStatus.output)")

        try touch.finishTicket()
        var test = try kioskctl(fixture, ["printer", "test"])
        for _ in 0..<100 where test.status == 75 {  // The ticket screen may still be closing.
            usleep(50_000)
            test = try kioskctl(fixture, ["printer", "test"])
        }
        #expect(test.status == 0, "\(test.output)")
        try #require(kiosk.waitForLines(containing: "test page: printed").count == 1)
        #expect(printer.waitForReceipts(count: 2, timeout: 20).last?.text.contains("TEST") == true)
        #expect(try kioskctl(fixture, ["printer", "reset-paper"]).status == 0)
        let counter = fixture.stateDirectory + "/paper-used-mm"
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: counter, encoding: .utf8)) != "0\n", Date() < deadline { usleep(20_000) }
        #expect(try String(contentsOfFile: counter, encoding: .utf8) == "0\n", "kioskd's printer thread reset the counter")
        #expect(try kioskctl(fixture, ["scan", "TECH-WAYAN"]).status == 0)
        #expect(kiosk.waitForLines(containing: "PIN pad opened by technician badge TECH-WAYAN").count == 1)

        #expect(kiosk.stop() == 0)
        #expect(access(fixture.directory + "/control.sock", F_OK) != 0, "kioskd removes its socket when it stops")
        let offline = try kioskctl(fixture, ["tickets"])
        #expect(offline.status == 0 && offline.output.contains("kioskd not running: read from the file") && offline.output.contains("E-001"))
        let noDaemon = try kioskctl(fixture, ["--json", "status"])
        #expect(noDaemon.status == 69 && noDaemon.output.contains(#""fault":"unreachable""#), "\(noDaemon.output)")
        #expect(try kioskctl(fixture, ["tap", "10", "10"]).status == 69)
        let list = try run(KioskProcess.binaryDirectory + "/kioskctl", ["--config", fixture.directory + "/none.json", "printer", "list"])
        #expect(list.status == 0 && list.output.contains("configured: none") && list.output.contains("generic-pos-80"), "\(list.output)")
    }

    @Test(.timeLimit(.minutes(4)))
    func kioskctlOpensTheCalibrationOnTheScreenOnlyBetweenCitizens() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port, scanner: KioskFixture.scannerFIFO)
        let kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        let standalone = try kioskctl(fixture, ["sync"])
        #expect(standalone.status == 64 && standalone.output.contains("no queue server"), "\(standalone.output)")
        #expect(try kioskctl(fixture, ["scan", "TECH-WAYAN"]).status == 0)
        #expect(kiosk.waitForLines(containing: "PIN pad opened by technician badge TECH-WAYAN").count == 1)
        let refused = try kioskctl(fixture, ["calibrate"])
        #expect(refused.status == 75, "the PIN pad is open: \(refused.output)")
        #expect(kiosk.waitForLines(containing: "refused, the PIN pad is open").count == 1)
        #expect(kiosk.stop() == 0)

        let again = try startKiosk(fixture)
        defer { again.stop() }
        let opened = try kioskctl(fixture, ["--json", "calibrate"])
        #expect(opened.status == 0 && opened.json?["calibration"] != nil, "\(opened.output)")
        #expect(again.waitForLines(containing: "opened the 5-point calibration on the screen").count == 1)
        #expect(try kioskctl(fixture, ["--json", "status"]).json?["screen"]?.stringValue?.contains("calibration") == true)
    }

    @Test(.timeLimit(.minutes(4)))
    func theSocketRefusesAPeerOutsideItsGroup() throws {
        let fixture = try KioskFixture(printerPort: 9)
        let kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        chmod(fixture.directory, 0o755)  // So that only the socket's own mode and kioskd's check stand in the way.
        let kioskctl = [KioskProcess.binaryDirectory + "/kioskctl", "--config", fixture.configPath, "status"]
        let nobody = ["--reuid=65534", "--regid=65534"]

        let denied = try run("/usr/bin/setpriv", nobody + ["--clear-groups"] + kioskctl)
        #expect(denied.status == 77 && denied.output.contains("Permission denied"), "mode 0660 keeps others out: \(denied.output)")
        let member = try run("/usr/bin/setpriv", nobody + ["--groups=\(getegid())"] + kioskctl)
        #expect(member.status == 0, "a member of the socket's group may: \(member.output)")

        chmod(fixture.directory + "/control.sock", 0o666)  // A socket left open to all: SO_PEERCRED still says no.
        let refused = try run("/usr/bin/setpriv", nobody + ["--clear-groups"] + kioskctl)
        #expect(refused.status == 77 && refused.output.contains("uid 65534 may not talk to kioskd"), "\(refused.output)")
        #expect(kiosk.waitForLines(containing: "control socket: refused kioskctl pid").first?.contains("uid 65534") == true)
        #expect(try self.kioskctl(fixture, ["status"]).status == 0, "root still may")
    }

    @Test(.timeLimit(.minutes(4)))
    func hostileAndSilentClientsNeitherCrashNorStallKioskd() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        let path = fixture.directory + "/control.sock"

        let long = try ControlSocketClient(path: path)
        long.send([UInt8](repeating: UInt8(ascii: "A"), count: 5000))
        #expect(long.readLine()?.contains("request longer than 4096 bytes") == true)
        let junk = try ControlSocketClient(path: path)
        junk.send([0x7B, 0xFF, 0x00, 0x7D, 0x0A])
        #expect(junk.readLine() == #"{"ok":false,"fault":"usage","error":"request is not UTF-8"}"#)

        // Sixteen clients that never finish a request hold every place; the next one is told to wait.
        let silent = try (0..<16).map { index in
            let client = try ControlSocketClient(path: path)
            if index.isMultiple(of: 2) { client.send(Array(#"{"command":"sta"#.utf8)) }
            return client
        }
        let extra = try ControlSocketClient(path: path)
        #expect(extra.readLine()?.contains(#""fault":"busy""#) == true)

        // Meanwhile a citizen is served, and after 10 s the silent ones are dropped.
        try KioskTouchDriver(fixture).takeTicket(agency: "imigrasi", service: "paspor-baru")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).count == 1, "a ticket while 16 clients hang on")
        for client in silent { #expect(client.waitForHangUp(timeout: 30)) }
        #expect(kiosk.waitForLines(containing: "dropped: no request or answer not read within 10 s", count: 16).count == 16)
        #expect(try kioskctl(fixture, ["status"]).status == 0)
        #expect(kiosk.stop() == 0, "kioskd was still running and stopped cleanly")
    }

    @Test(.timeLimit(.minutes(4)))
    func aClientThatNeverReadsItsLongAnswerDoesNotHoldKioskdUp() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        // A long day: 2,000 tickets make an answer of about 340 KB, more than the socket takes at once.
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        for sequence in 1...2000 {
            var id = [UInt8](repeating: 0, count: 16)
            (id[0], id[1]) = (UInt8(sequence & 0xFF), UInt8(sequence >> 8))
            try store.record(
                Ticket(
                    id: TicketID(randomBytes: id), serviceID: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
                    day: LocalTime(now, zone: .wita).dayKey, sequence: sequence, number: "A-\(sequence)", issuedAt: now,
                    peopleAhead: nil, language: .indonesian))
        }
        let kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        let hoarder = try ControlSocketClient(path: fixture.directory + "/control.sock")
        hoarder.send(Array((ControlRequest.tickets(day: nil).line + "\n").utf8))

        // kioskd goes on while that answer waits: kioskctl is answered and a citizen gets a ticket.
        #expect(try kioskctl(fixture, ["status"]).status == 0)
        try KioskTouchDriver(fixture).takeTicket(agency: "samsat", service: "balik-nama")  // Not under the agency: no bounce.
        #expect(printer.waitForReceipts(count: 1, timeout: 20).count == 1, "\(kiosk.lines.suffix(5))")
        #expect(kiosk.waitForLines(containing: "dropped: no request or answer not read within 10 s").count == 1, "the answer was stuck")
        #expect(hoarder.waitForHangUp())
        #expect(kiosk.stop() == 0)
    }

    @Test(.timeLimit(.minutes(4)))
    func aLockedPINPadStaysLockedAcrossRestarts() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port, scanner: KioskFixture.scannerFIFO)
        let add = Process()
        add.executableURL = URL(fileURLWithPath: KioskProcess.binaryDirectory + "/kioskctl")
        add.arguments = ["--config", fixture.configPath, "technician", "add", "wayan"]
        let input = Pipe()
        add.standardInput = input
        add.standardOutput = FileHandle.nullDevice
        try add.run()
        input.fileHandleForWriting.write(Data("2468\n2468\n".utf8))
        try input.fileHandleForWriting.close()
        add.waitUntilExit()
        try #require(add.terminationStatus == 0)

        var kiosk = try startKiosk(fixture)
        defer { kiosk.stop() }
        let touch = try KioskTouchDriver(fixture)
        #expect(try kioskctl(fixture, ["scan", "TECH-WAYAN"]).status == 0)
        try #require(kiosk.waitForLines(containing: "PIN pad opened by technician badge").count == 1)
        for attempt in 1...5 {
            for digit: UInt8 in [1, 3, 5, 7] { try touch.press(.pinDigit(digit), on: .diagnostics(.pinPad)) }
            try touch.press(.pinEnter, on: .diagnostics(.pinPad))
            try #require(kiosk.waitForLines(containing: "PIN attempt \(attempt) wrong").count == 1, "\(kiosk.lines.suffix(5))")
        }
        try #require(kiosk.waitForLines(containing: "PIN pad locked for 300 s (lockout 1)").count == 1)
        let isLocked = { () throws -> Bool in
            let status = try kioskctl(fixture, ["--json", "status"])
            return status.json?["pinPad"]?["locked"]?.content == .bool(true) && status.json?["pinPad"]?["lockouts"]?.integerValue == 1
        }
        #expect(try isLocked())

        // kioskctl restart: in place, once the technician has left the PIN pad.
        #expect(try kioskctl(fixture, ["restart"]).status == 0)
        try touch.press(.leaveDiagnostics, on: .diagnostics(.pinPad))
        try #require(kiosk.waitForLines(containing: "ready:", count: 2).count == 2, "\(kiosk.lines.suffix(5))")
        #expect(kiosk.waitForLines(containing: "PIN pad still locked from before the restart").count == 1)
        try #require(kiosk.waitForLines(containing: "control socket ", count: 2).count == 2)
        #expect(try isLocked())

        // Stopped and started again, as systemctl restart does.
        #expect(kiosk.stop() == 0)
        kiosk = try startKiosk(fixture)
        #expect(kiosk.waitForLines(containing: "PIN pad still locked from before the restart").count == 1)
        #expect(try isLocked())
        #expect(try kioskctl(fixture, ["scan", "TECH-WAYAN"]).status == 0)
        try #require(kiosk.waitForLines(containing: "PIN pad opened by technician badge").count == 1)
        // The right PIN on the locked pad: its keys are off, so nothing is even checked; Exit still works,
        // and the taps before it were read first.
        for digit: UInt8 in [2, 4, 6, 8] { try touch.press(.pinDigit(digit), on: .diagnostics(.pinPad)) }
        try touch.press(.pinEnter, on: .diagnostics(.pinPad))
        try touch.press(.leaveDiagnostics, on: .diagnostics(.pinPad))
        try #require(kiosk.waitForLines(containing: "PIN pad closed: Exit was touched").count == 1, "\(kiosk.lines.suffix(8))")
        #expect(!kiosk.lines.contains { $0.contains("PIN attempt 1") }, "no attempt since the restart")
        #expect(!kiosk.lines.contains { $0.contains("entered diagnostics") })
    }
}
