import Foundation
import KioskCore
import KioskLink
import KioskSQLite
import KioskTestSupport
import Synchronization

/// One real kioskd of the run, linked to the server through a fault proxy of its own, printing on a
/// printer emulator of its own, with a clock that may be hours off. A `kill -9` starts a new kioskd on
/// the same configuration and state directory; every process's log is kept for the verdict.
final class JepsenKiosk: Sendable {
    /// A citizen's tap on the first screen and what came of it.
    struct Tap {
        /// The proxy's fault when the citizen tapped.
        var fault: String
        var outcome: Outcome
        /// kioskd's ticket log line for it, when it wrote one.
        var ticketLine: String? { if case .ticket(let line) = outcome { line } else { nil } }
    }

    /// What a tap on a kiosk showing its first screen gave the citizen.
    enum Outcome {
        /// A ticket: kioskd's ticket line (`printed=yes`, `no` or `uncertain`).
        case ticket(String)
        /// A notice instead of a number (refused, not recorded): kioskd's line saying so.
        case notice(String)
        /// kioskd was killed (`kill -9`) before it could answer.
        case killed
        /// Nothing within 20 s: why, as far as kioskd's log and screen tell.
        case stalled(String)
    }

    /// Every kind of network fault the proxy has, as the run cycles them.
    static let faults: [NetworkFault] = [
        .none, .latency(milliseconds: 700), .blackHole, .reset, .cutAfter(bytes: 40), .serverError, .malformedJSON,
        .slowDrip(milliseconds: 5), .loseOneAnswer,
    ]

    /// The kioskd the run starts: this build's, or `$JEPSEN_KIOSKD` (a release build for the figures).
    static let kioskd = ProcessInfo.processInfo.environment["JEPSEN_KIOSKD"] ?? KioskProcess.binaryDirectory + "/kioskd"

    let id: String
    let fixture: KioskFixture
    let printer: PrinterEmulator
    let proxy: FaultProxy
    private let clockOffsetSeconds: Int
    /// Used by the thread that runs this kiosk's citizens only.
    private let touch: Mutex<KioskTouchDriver>
    private let probe: ControlProbe
    private let record = Mutex(Record())

    /// What the run did to this kiosk and saw of it.
    private struct Record {
        /// Every kioskd started, the one running last.
        var processes: [KioskProcess] = []
        var taps: [Tap] = []
        var kills = 0
        /// Citizens who found the kiosk not on its first screen within 20 s and did not tap, by what it showed.
        var notReady: [String: Int] = [:]
        var faultsApplied: [String: Int] = [:]
    }

    var taps: [Tap] { record.withLock { $0.taps } }
    var kills: Int { record.withLock { $0.kills } }
    /// Citizens who found the kiosk not on its first screen within 20 s and did not tap, by what it showed.
    var notReady: [String: Int] { record.withLock { $0.notReady } }
    var faultsApplied: [String: Int] { record.withLock { $0.faultsApplied } }

    init(id: String, server: QueueServerProcess, clockOffsetSeconds: Int) throws {
        self.id = id
        printer = try PrinterEmulator()
        proxy = try FaultProxy(upstreamPort: server.port)
        let token = try server.addKiosk(id)
        fixture = try KioskFixture(
            printerPort: printer.port,
            server: KioskFixture.serverJSON(port: proxy.port, tokenFile: token, deadlineMilliseconds: 1500, leaseSize: 10),
            kioskID: id)
        self.clockOffsetSeconds = clockOffsetSeconds
        touch = Mutex(try KioskTouchDriver(fixture))
        probe = ControlProbe(fixture)
        try start()
        // Installed and online before the day's troubles: its first lease brings its server-assigned mark
        // (a kiosk that never heard it numbers fallback tickets under its id's tail, which here is the other's).
        guard current.waitForLines(containing: "lease(s) taken", timeout: 30).count == 1 else {
            throw ProcessFailure("kioskd \(id) took no lease: \(current.lines.suffix(5))")
        }
    }

    deinit {
        for process in record.withLock({ $0.processes }) { process.stop(signal: SIGKILL) }
        printer.stop()
        proxy.stop()
    }

    private var current: KioskProcess { record.withLock { $0.processes[$0.processes.count - 1] } }

    /// Starts kioskd on the kiosk's state directory and waits until it serves citizens.
    func start() throws {
        let command = try FakeClock.command(Self.kioskd, ["--config", fixture.configPath], offsetSeconds: clockOffsetSeconds)
        let process = try KioskProcess(command.executable, arguments: command.arguments)
        record.withLock { $0.processes.append(process) }
        guard process.waitForLines(containing: "ready:", timeout: 30).count == 1 else {
            throw ProcessFailure("kioskd \(id) did not start: \(process.lines.suffix(5))")
        }
    }

    /// Citizens tap until `end`: a ticket of a random service, "Done", a pause; the proxy's fault changes
    /// every 3–8 s (every kind in turn, in a shuffled order); about one tap in eight, kioskd is killed
    /// (`kill -9`) 0–1.5 s after the tap, whatever it is doing, and started again. A citizen taps only a
    /// kiosk showing its first screen (as one would); one that does not within 20 s is counted, not tapped.
    func run(until end: Date, random: inout SeededGenerator) throws {
        var order = Self.faults.shuffled(using: &random)
        var nextFault = Date()
        let services = KioskFixture.agencies.flatMap { agency in agency.services.map { (agency, $0.id) } }
        while Date() < end {
            if Date() >= nextFault {
                if order.isEmpty { order = Self.faults.shuffled(using: &random) }
                let fault = order.removeLast()
                proxy.fault = fault
                record.withLock { $0.faultsApplied[fault.description, default: 0] += 1 }
                nextFault = Date().addingTimeInterval(Double.random(in: 3...8, using: &random))
            }
            let (agency, service) = services.randomElement(using: &random)!
            let killAfter: UInt32? = Int.random(in: 0..<8, using: &random) == 0 ? UInt32.random(in: 0...1_500_000, using: &random) : nil
            if let shown = waitForFirstScreen(timeout: 20) {
                record.withLock { $0.notReady[shown, default: 0] += 1 }
                continue
            }
            let before = current.lines.count
            let fault = proxy.fault.description
            try touch.withLock { try $0.press(.chooseAgency(AgencyID(agency.id)), on: .home) }
            if agency.services.count > 1 {
                // A citizen reads the agency's services before touching one. (Tapped at once, a service button where
                // the agency's was is swallowed by kioskd's 300 ms debounce of a second touch on one spot: the
                // "tap not taken (screen services)" stalls of session 25, a driver too fast for any human.)
                guard waitForScreen("services", timeout: 20) else {
                    let shown = probe.screen() ?? "no answer"
                    record.withLock { $0.taps.append(Tap(fault: fault, outcome: .stalled("agency tap not taken (screen \(shown))"))) }
                    continue
                }
                usleep(UInt32.random(in: 400_000...900_000, using: &random))
                try touch.withLock { try $0.press(.chooseService(ServiceID(service)), on: .services(AgencyID(agency.id), page: 0)) }
            }
            if let killAfter {
                usleep(killAfter)
                current.stop(signal: SIGKILL)
                record.withLock {
                    $0.kills += 1
                    $0.taps.append(Tap(fault: fault, outcome: .killed))
                }
                try start()
                continue
            }
            let outcome = awaitOutcome(after: before, timeout: 20)
            record.withLock { $0.taps.append(Tap(fault: fault, outcome: outcome)) }
            switch outcome {
            case .ticket: try touch.withLock { try $0.finishTicket() }
            case .stalled:  // A defect, counted in the table: kioskd starts again so the run goes on.
                current.stop(signal: SIGKILL)
                try start()
            case .notice, .killed: break  // The notice closes by itself; the next citizen waits for the first screen.
            }
            usleep(UInt32.random(in: 200_000...1_200_000, using: &random))
        }
    }

    /// Waits (at most `timeout` s) until kioskd shows `screen`; false when it does not.
    private func waitForScreen(_ screen: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if probe.screen() == screen { return true }
            usleep(20_000)
        }
        return false
    }

    /// Waits until kioskd shows its first screen: nil when it does, else what it showed last ("no answer" when
    /// its control socket did not answer).
    private func waitForFirstScreen(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var shown = "no answer"
        while Date() < deadline {
            shown = probe.screen() ?? "no answer"
            if shown == "home" { return nil }
            usleep(50_000)
        }
        return shown
    }

    /// What kioskd made of the tap whose log starts after line `before`: its ticket line, a notice, or
    /// (nothing within `timeout` s) the stall's cause from its log and the screen it shows.
    private func awaitOutcome(after before: Int, timeout: Double) -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        let notices = ["refused by the queue server", "could not be recorded", "shown on screen only"]
        var polls = 0
        while Date() < deadline {
            let since = current.lines.dropFirst(before)
            if let line = since.first(where: { $0.contains(" printed=") }) { return .ticket(line) }
            if let line = since.first(where: { line in notices.contains { line.contains($0) } }) { return .notice(line) }
            polls += 1
            // Some notices have no log line of their own (the printer turned the citizen away): the screen tells.
            if polls % 10 == 0, probe.screen() == "notice" {
                let printer = since.first { $0.contains("printer is ") }
                return .notice("notice on screen" + (printer.map { " after \"\($0.split(separator: ":").last ?? "")\"" } ?? ""))
            }
            usleep(20_000)
        }
        let since = current.lines.dropFirst(before)
        let screen = probe.screen() ?? "no answer"
        let cause: String
        if since.contains(where: { $0.contains(" numbered ") }) {
            cause = "numbered, not printed (screen \(screen))"
        } else if screen == "checking" {
            cause = "waiting for the link"
        } else {
            cause = "tap not taken (screen \(screen))"
        }
        print("jepsen: \(id) stalled tap, \(cause); kioskd's log since the tap:\n  " + since.suffix(15).joined(separator: "\n  "))
        return .stalled(cause)
    }

    /// Every line every kioskd of this kiosk wrote, in order.
    var lines: [String] { record.withLock { $0.processes }.flatMap(\.lines) }

    /// Waits (at most `timeout` s) until kioskd has sent everything: its outbox is empty and no ticket is printing.
    func waitUntilSynced(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let database = try? SQLiteDatabase(path: fixture.stateDirectory + "/sync.sqlite", readOnly: true),
                let outbox = try? database.query("SELECT count(*) FROM outbox"), case .integer(0) = outbox.first?.first,
                let printing = try? database.query("SELECT count(*) FROM printing"), case .integer(0) = printing.first?.first
            {
                return true
            }
            usleep(200_000)
        }
        return false
    }

    /// Stops kioskd as systemd would.
    func stop() { current.stop() }
}
