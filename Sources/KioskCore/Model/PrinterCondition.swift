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
    /// The printer cannot be asked (a plain file, a printer that does not answer status requests).
    case unknown

    /// Whether a ticket may be printed: ready, near end and unknown print; the others cannot.
    public var canPrint: Bool {
        switch self {
        case .ready, .paperNearEnd, .unknown: true
        case .paperOut, .coverOpen, .offline, .cutterError: false
        }
    }
}
