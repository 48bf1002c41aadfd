import KioskCore

/// A way to get a print job's bytes to the printer and to ask it how it is.
///
/// Every call may block (a network, a CUPS server, a USB transfer): transports are called from a
/// worker thread, never from the event loop.
public protocol PrinterTransport: Sendable {
    /// The printer as the configuration names it, e.g. `127.0.0.1:9100`, `cups:ticket`, `/dev/usb/lp0`.
    var name: String { get }

    /// Sends the whole job; returns when the printer has taken (and, where the transport can tell,
    /// printed) every byte. Throws `PrinterError`.
    func send(_ bytes: [UInt8]) throws

    /// Asks the printer how it is now; `.offline` when it cannot be reached, `.unknown` when it
    /// cannot say.
    func condition() -> PrinterCondition
}

/// A print job that could not be delivered, saying which printer and what failed,
/// e.g. "printer 127.0.0.1:9100: connection refused".
public struct PrinterError: Error, CustomStringConvertible, Equatable {
    /// The printer as configured: `host:port` or a file path.
    public var printer: String
    /// What failed, in words a technician can act on.
    public var reason: String

    public init(printer: String, reason: String) {
        self.printer = printer
        self.reason = reason
    }

    public var description: String { "printer \(printer): \(reason)" }
}
