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

/// Sends print jobs on its own thread, one at a time, so the event loop never blocks on a printer.
final class PrintWorker: Sendable {
    private let transport: any PrinterTransport
    private let queue = DispatchQueue(label: "kioskd.printer")
    private let results: Mailbox<PrintResult>

    init(transport: any PrinterTransport, results: Mailbox<PrintResult>) {
        self.transport = transport
        self.results = results
    }

    /// Sends `bytes` for ticket `id` and posts the outcome to the results mailbox.
    func submit(_ bytes: [UInt8], for id: TicketID) {
        queue.async { [transport, results] in
            var failure: String?
            do {
                try transport.send(bytes)
            } catch {
                failure = String(describing: error)
            }
            results.post(PrintResult(ticketID: id, failure: failure, finishedAt: Clock.monotonicNanoseconds()))
        }
    }

    /// Waits for every submitted job to finish.
    func drain() { queue.sync {} }
}

/// Makes the transport the configuration asks for.
enum PrinterFactory {
    /// The transport for `config`, or an error saying this build cannot drive that kind yet.
    static func transport(for config: PrinterConfig) throws -> any PrinterTransport {
        switch config.transport {
        case .file(let path): return FilePrinter(path: path)
        case .tcp(let host, let port): return TCPPrinter(host: host, port: port)
        case .cups, .usb:
            throw UnsupportedDevice(
                what: "printer kind \"\(config.transport.kindName)\"",
                fix: "use \"tcp\" (Ethernet printers, port 9100) or \"file\" (e.g. /dev/usb/lp0) for now")
        }
    }
}

/// A device kind the configuration names but this build cannot drive yet.
struct UnsupportedDevice: Error, CustomStringConvertible {
    var what: String
    var fix: String
    var description: String { "\(what) is not supported by this build of kioskd: \(fix)" }
}
