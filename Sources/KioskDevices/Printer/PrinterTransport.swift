import KioskCore

/// A way to get a print job's bytes to the printer and to ask it how it is.
///
/// Every call may block (a network, a CUPS server, a USB transfer): transports are called from a
/// worker thread, never from the event loop.
public protocol PrinterTransport: Sendable {
    /// The printer as the configuration names it, e.g. `127.0.0.1:9100`, `cups:ticket`, `/dev/usb/lp0`.
    var name: String { get }

    /// Prints one job and says how it ended, within `seconds`: printed only when the printer
    /// confirmed it in order, failed when it said it could not print or never got the bytes,
    /// uncertain when bytes left but no confirmation came in time. Never throws, never waits past
    /// the deadline (the citizen is waiting).
    func print(_ bytes: [UInt8], within seconds: Double) -> PrintAttempt

    /// Asks the printer how it is now; `.offline` when it cannot be reached, `.notAnswering` when
    /// it was asked and did not answer, `.unknown` when the transport cannot ask.
    func condition() -> PrinterCondition
}

/// How a job went, and the printer's condition as the job left it.
public struct PrintAttempt: Sendable, Hashable {
    public var outcome: PrintJobOutcome
    /// What the printer said during the job (before it, in its confirmation, or when asked after a
    /// silence); nil when the transport learned nothing.
    public var condition: PrinterCondition?
    /// Monotonic seconds when the job's last byte was written, where the transport knows it (for
    /// the benchmark's "tap → last byte"; not part of equality).
    public var lastByteWritten: Double?

    public init(_ outcome: PrintJobOutcome, _ condition: PrinterCondition?, lastByteWritten: Double? = nil) {
        self.outcome = outcome
        self.condition = condition
        self.lastByteWritten = lastByteWritten
    }

    public static func == (a: PrintAttempt, b: PrintAttempt) -> Bool { a.outcome == b.outcome && a.condition == b.condition }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(outcome)
        hasher.combine(condition)
    }
}

extension PrinterTransport {
    /// Prints `bytes` within `seconds` (20 by default) and throws `PrinterError` unless the
    /// printer confirmed it: for the technician's test page and for tests.
    public func send(_ bytes: [UInt8], within seconds: Double = 20) throws {
        let attempt = print(bytes, within: seconds)
        if let reason = attempt.outcome.reason {
            throw PrinterError(printer: name, reason: attempt.outcome.word == "uncertain" ? "uncertain: " + reason : reason)
        }
    }
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
