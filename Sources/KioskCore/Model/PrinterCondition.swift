/// What the ticket printer reports about itself, summed up for the kiosk and its citizens.
public enum PrinterCondition: String, Sendable, Hashable, CaseIterable {
    case ready
    /// Paper is running low (sensor or paper counter) but the printer still prints.
    case paperNearEnd = "paper-near-end"
    case paperOut = "paper-out"
    case coverOpen = "cover-open"
    /// Offline for another reason: unplugged, switched off, unreachable, stopped, unrecoverable error.
    case offline
    /// The auto-cutter jammed or failed.
    case cutterError = "cutter-error"
    /// The transport cannot ask at all (a plain file).
    case unknown
    /// The printer was asked and did not answer: its state is unknown, so it is not trusted with a
    /// ticket. It is asked again at the next poll and the next job.
    case notAnswering = "not-answering"

    /// Whether a ticket may be printed: ready, near end and unknown print; the others cannot.
    public var canPrint: Bool {
        switch self {
        case .ready, .paperNearEnd, .unknown: true
        case .paperOut, .coverOpen, .offline, .cutterError, .notAnswering: false
        }
    }
}

/// How one print job ended, as the transport could prove it.
public enum PrintJobOutcome: Sendable, Hashable {
    /// The printer confirmed, in order, that it processed every byte of the job.
    case printed
    /// No ticket came out: the printer said it could not print, or it never got the bytes.
    case failed(reason: String)
    /// The bytes (or some of them) left, but no confirmation came within the deadline: a ticket
    /// may or may not have come out.
    case uncertain(reason: String)

    /// What went wrong; nil when printed.
    public var reason: String? {
        switch self {
        case .printed: nil
        case .failed(let reason), .uncertain(let reason): reason
        }
    }

    /// `printed`, `failed` or `uncertain`, as the ledger, the log and the queue API spell it.
    public var word: String {
        switch self {
        case .printed: "printed"
        case .failed: "failed"
        case .uncertain: "uncertain"
        }
    }
}
