import Dispatch
import KioskCore
import KioskDevices

/// How one print job ended, reported back to the event loop.
struct PrintResult: Sendable {
    var ticketID: TicketID
    /// nil when every byte was written; otherwise what went wrong.
    var failure: String?
    /// Monotonic time the transport returned.
    var finishedAt: UInt64
}

/// What the print worker tells the event loop.
enum PrinterReport: Sendable {
    case job(PrintResult)
    /// The printer's condition, from a check around a job or an idle poll.
    case status(PrinterCondition)
}

/// Talks to the printer on its own thread, one thing at a time, so the event loop never blocks on
/// it: print jobs, each checked before (a printer that cannot print gets no job, so nothing comes
/// out later) and after (the condition is reported, and the paper counter advanced), and polls.
final class PrintWorker: Sendable {
    private let transport: any PrinterTransport
    private let paper: PaperCounter?
    private let queue = DispatchQueue(label: "kioskd.printer")
    private let reports: Mailbox<PrinterReport>

    init(transport: any PrinterTransport, paper: PaperCounter?, reports: Mailbox<PrinterReport>) {
        self.transport = transport
        self.paper = paper
        self.reports = reports
    }

    /// Sends `bytes` for ticket `id` (`millimetres` of paper) and posts the outcome, then the condition.
    func submit(_ bytes: [UInt8], millimetres: Int, for id: TicketID) {
        queue.async { [self] in
            let before = transport.condition()
            var failure: String?
            if before.canPrint {
                do {
                    try transport.send(bytes)
                } catch {
                    failure = String(describing: error)
                }
            } else {
                failure = "printer \(transport.name): \(before.rawValue), the ticket was not sent"
            }
            reports.post(.job(PrintResult(ticketID: id, failure: failure, finishedAt: Clock.monotonicNanoseconds())))
            if failure == nil { _ = try? paper?.add(millimetres) }
            reports.post(.status(before.canPrint ? checked() : before))
        }
    }

    /// Asks the printer how it is and posts the answer.
    func poll() {
        queue.async { [self] in reports.post(.status(checked())) }
    }

    /// Waits for every submitted job and poll to finish.
    func drain() { queue.sync {} }

    /// The printer's own answer, turned to near-end when it is ready but the counted roll is nearly used.
    private func checked() -> PrinterCondition {
        let condition = transport.condition()
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
        case .tcp(let host, let port): TCPPrinter(host: host, port: port)
        case .cups(let queue): CupsPrinter(queue: queue)
        case .usb(let vendor, let product): USBPrinter(vendorID: vendor, productID: product)
        }
    }
}

/// A device kind the configuration names but this build cannot drive yet.
struct UnsupportedDevice: Error, CustomStringConvertible {
    var what: String
    var fix: String
    var description: String { "\(what) is not supported by this build of kioskd: \(fix)" }
}
