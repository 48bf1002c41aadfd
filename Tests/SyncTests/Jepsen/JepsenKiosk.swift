import Foundation
import KioskCore
import KioskLink
import KioskTestSupport

/// One real kioskd of the run, linked to the server through a fault proxy of its own, printing on a
/// printer emulator of its own, with a clock that may be hours off. A `kill -9` starts a new kioskd on
/// the same configuration and state directory; every process's log is kept for the verdict.
final class JepsenKiosk: @unchecked Sendable {
    /// A citizen's tap on the first screen and what came of it.
    struct Tap {
        /// The proxy's fault when the citizen tapped.
        var fault: String
        /// kioskd's ticket log line for it; nil when kioskd was killed before it (or never wrote one).
        var ticketLine: String?
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
    private let touch: KioskTouchDriver
    private(set) var processes: [KioskProcess] = []
    private(set) var taps: [Tap] = []
    private(set) var kills = 0
    /// Taps that gave no ticket line within 20 s (kioskd was then restarted).
    private(set) var stuck = 0
    private(set) var faultsApplied: [String: Int] = [:]

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
        touch = try KioskTouchDriver(fixture)
        try start()
        // Installed and online before the day's troubles: its first lease brings its server-assigned mark
        // (a kiosk that never heard it numbers fallback tickets under its id's tail, which here is the other's).
        guard current.waitForLines(containing: "lease(s) taken", timeout: 30).count == 1 else {
            throw ProcessFailure("kioskd \(id) took no lease: \(current.lines.suffix(5))")
        }
    }

    deinit {
        for process in processes { process.stop(signal: SIGKILL) }
        printer.stop()
        proxy.stop()
    }

    private var current: KioskProcess { processes[processes.count - 1] }

    /// Starts kioskd on the kiosk's state directory and waits until it serves citizens.
    func start() throws {
        let command = try FakeClock.command(Self.kioskd, ["--config", fixture.configPath], offsetSeconds: clockOffsetSeconds)
        let process = try KioskProcess(command.executable, arguments: command.arguments)
        processes.append(process)
        guard process.waitForLines(containing: "ready:", timeout: 30).count == 1 else {
            throw ProcessFailure("kioskd \(id) did not start: \(process.lines.suffix(5))")
        }
    }

    /// Citizens tap until `end`: a ticket of a random service, "Done", a pause; the proxy's fault changes
    /// every 3–8 s (every kind in turn, in a shuffled order); about one tap in eight, kioskd is killed
    /// (`kill -9`) 0–1.5 s after the tap, whatever it is doing, and started again.
    func run(until end: Date, random: inout SeededGenerator) throws {
        var order = Self.faults.shuffled(using: &random)
        var nextFault = Date()
        let services = KioskFixture.agencies.flatMap { agency in agency.services.map { (agency.id, $0.id) } }
        while Date() < end {
            if Date() >= nextFault {
                if order.isEmpty { order = Self.faults.shuffled(using: &random) }
                let fault = order.removeLast()
                proxy.fault = fault
                faultsApplied[fault.description, default: 0] += 1
                nextFault = Date().addingTimeInterval(Double.random(in: 3...8, using: &random))
            }
            let (agency, service) = services.randomElement(using: &random)!
            let killAfter: UInt32? = Int.random(in: 0..<8, using: &random) == 0 ? UInt32.random(in: 0...1_500_000, using: &random) : nil
            let before = current.lines.filter { $0.contains(" printed=") }.count
            let fault = proxy.fault.description
            try touch.takeTicket(agency: agency, service: service)
            if let killAfter {
                usleep(killAfter)
                current.stop(signal: SIGKILL)
                kills += 1
                taps.append(Tap(fault: fault, ticketLine: nil))
                try start()
                continue
            }
            let lines = current.waitForLines(containing: " printed=", count: before + 1, timeout: 20)
            guard lines.count > before else {
                taps.append(Tap(fault: fault, ticketLine: nil))
                stuck += 1
                current.stop(signal: SIGKILL)
                try start()
                continue
            }
            taps.append(Tap(fault: fault, ticketLine: lines[before]))
            try touch.finishTicket()
            usleep(UInt32.random(in: 200_000...1_200_000, using: &random))
        }
    }

    /// Every line every kioskd of this kiosk wrote, in order.
    var lines: [String] { processes.flatMap(\.lines) }

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
