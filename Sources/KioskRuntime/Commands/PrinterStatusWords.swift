import KioskCore

/// What `kioskctl printer status` says about a condition, and the exit status it gives.
enum PrinterStatusWords {
    /// The cause, in words a technician can act on.
    static func reason(_ condition: PrinterCondition) -> String {
        switch condition {
        case .ready: "the printer answers and has paper"
        case .paperNearEnd: "the paper is nearly used up (sensor or counter): change the roll soon"
        case .paperOut: "the paper has run out: put in a new roll"
        case .coverOpen: "the cover is open: close it"
        case .cutterError: "the auto-cutter is jammed or failed: open the cover, clear it, close it"
        case .offline: "the printer cannot be reached, is switched off, or stopped on an error"
        case .notAnswering: "the printer takes connections but does not answer status requests: power-cycle it"
        case .unknown: "this transport cannot ask the printer (a file or device)"
        }
    }

    /// nil when the printer can print; 2 for a fault a person fixes at the printer; 3 when it
    /// cannot be reached or does not answer.
    static func exitStatus(_ condition: PrinterCondition) -> Int32? {
        switch condition {
        case .ready, .paperNearEnd, .unknown: nil
        case .paperOut, .coverOpen, .cutterError: 2
        case .offline, .notAnswering: 3
        }
    }
}
