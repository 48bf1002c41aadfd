import Dispatch
import KioskCore
import KioskDevices
import Synchronization

/// How one print job ended, reported back to the event loop.
struct PrintResult: Sendable {
    var ticketID: TicketID
    var outcome: PrintJobOutcome
    /// Monotonic time the transport returned (after the printer's confirmation, where it gives one).
    var finishedAt: UInt64
    /// Monotonic time the last byte was written, where the transport knows it.
    var lastByteAt: UInt64?
}

/// What the print worker tells the event loop.
enum PrinterReport: Sendable {
    case job(PrintResult)
    /// The printer's condition, from a job or an idle poll.
    case status(PrinterCondition)
}

/// Talks to the printer on its own thread, one thing at a time, so the event loop never blocks on
/// it. It carries out what the core decided: each job within the deadline it is given (the
/// transport checks the printer before the job and proves it printed after), then reports the
/// outcome, the printer's condition, and advances the paper counter for every job that may have
/// used paper. Between jobs, a TCP printer is watched on a connection of its own
/// (``TCPStatusWatch``) and a USB printer through its port status (``USBStatusWatch``), let go
/// while a job or a poll has the printer.
final class PrintWorker: Sendable {
    private let transport: any PrinterTransport
    private let paper: PaperCounter?
    private let queue = DispatchQueue(label: "kioskd.printer")
    private let reports: Mailbox<PrinterReport>
    private let watch: (any IdleStatusWatch)?

    init(transport: any PrinterTransport, paper: PaperCounter?, reports: Mailbox<PrinterReport>) {
        self.transport = transport
        self.paper = paper
        self.reports = reports
        let report: @Sendable (PrinterCondition) -> Void = { [reports, paper] condition in
            reports.post(.status(Self.withCounter(condition, paper)))
        }
        do {
            if let tcp = transport as? TCPPrinter {
                watch = try TCPStatusWatch(
                    printer: tcp, note: { Log.write(.warning, "printer \(tcp.name): " + $0) }, report: report)
            } else if let usb = transport as? USBPrinter {
                watch = try USBStatusWatch(printer: usb, report: report)
            } else {
                watch = nil
            }
        } catch {
            Log.write(.error, "printer \(transport.name): not watched between jobs: \(error)")
            watch = nil
        }
    }

    /// Prints `bytes` for ticket `id` (`millimetres` of paper, feed to the cutter included) within
    /// `seconds`, and posts the outcome, then the condition.
    func submit(_ bytes: [UInt8], millimetres: Int, for id: TicketID, within seconds: Double) {
        // The watch stays paused until the job's outcome, paper and condition are posted: what it
        // hears after the job must not be reported before them.
        queue.async { [self] in
            withPrinter {
                let attempt = transport.print(bytes, within: seconds)
                let condition = attempt.condition ?? transport.condition()
                let lastByte = attempt.lastByteWritten.map { UInt64(max(0, $0) * 1e9) }
                reports.post(.job(PrintResult(
                    ticketID: id, outcome: attempt.outcome, finishedAt: Clock.monotonicNanoseconds(), lastByteAt: lastByte)))
                // Paper of a ticket that may be out (or half out) is paper gone from the roll.
                if case .failed = attempt.outcome {} else { _ = try? paper?.add(millimetres) }
                reports.post(.status(Self.withCounter(condition, paper)))
            }
        }
    }

    deinit { watch?.stop() }

    /// Starts watching the printer between jobs, where it is watched (TCP and USB).
    func startWatching() { watch?.start() }

    /// Asks the printer how it is and posts the answer.
    func poll() {
        queue.async { [self] in withPrinter { reports.post(.status(Self.withCounter(transport.condition(), paper))) } }
    }

    /// A new roll: the paper counter starts again at 0 (after the jobs before it), then the condition is posted.
    func resetPaper() {
        queue.async { [self] in
            do {
                try paper?.reset()
            } catch {
                Log.write(.error, "paper counter not reset: \(error)")
            }
            withPrinter { reports.post(.status(Self.withCounter(transport.condition(), paper))) }
        }
    }

    /// Waits for every submitted job and poll to finish.
    func drain() { queue.sync {} }

    /// Waits for every submitted job and poll, then closes the watch's connection (the printer is free for the next kioskd).
    func stop() {
        drain()
        watch?.stop()
    }

    /// Runs `body` with the printer to itself: the watch let go of it meanwhile, so what `body`
    /// posts comes before anything the watch hears after.
    private func withPrinter<T>(_ body: () -> T) -> T {
        watch?.pause()
        defer { watch?.resume() }
        return body()
    }

    /// `condition`, turned to near-end when it is ready but the counted roll is nearly used.
    private static func withCounter(_ condition: PrinterCondition, _ paper: PaperCounter?) -> PrinterCondition {
        if condition == .ready || condition == .unknown, paper?.isNearEnd == true { return .paperNearEnd }
        return condition
    }
}

/// Makes the transport the configuration asks for.
enum PrinterFactory {
    /// The transport for `config`.
    static func transport(for config: PrinterConfig) -> any PrinterTransport {
        switch config.transport {
        case .file(let path): FilePrinter(path: path)
        case .tcp(let host, let port):
            TCPPrinter(
                host: host, port: port, asksProcessID: config.profile.processID,
                usesAutomaticStatus: config.profile.automaticStatusBack)
        case .cups(let queue): CupsPrinter(queue: queue)
        case .usb(let vendor, let product):
            USBPrinter(vendorID: vendor, productID: product, unreachable: { [log = ReasonLog("USB printer unreachable")] in
                log.write($0)
            })
        }
    }
}

/// Logs a driver's reason as a warning when it differs from the one it logged last, so a printer
/// polled while unplugged says why once, not at every poll.
final class ReasonLog: Sendable {
    private let prefix: String
    private let last = Mutex<String?>(nil)

    init(_ prefix: String) { self.prefix = prefix }

    func write(_ reason: String) {
        let isNew = last.withLock { last in
            defer { last = reason }
            return last != reason
        }
        if isNew { Log.write(.warning, prefix + ": " + reason) }
    }
}

/// A device kind the configuration names but this build cannot drive yet.
struct UnsupportedDevice: Error, CustomStringConvertible {
    var what: String
    var fix: String
    var description: String { "\(what) is not supported by this build of kioskd: \(fix)" }
}
