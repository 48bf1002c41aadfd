/// A way to get a print job's bytes to the printer.
///
/// Transports are called from a worker thread, never from the event loop.
public protocol PrinterTransport: Sendable {
    /// Sends the whole job; returns when the last byte was written. Throws `PrinterError`.
    func send(_ bytes: [UInt8]) throws
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
