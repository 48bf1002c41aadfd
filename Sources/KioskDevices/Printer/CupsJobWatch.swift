import KioskCore

/// A CUPS queue as `Get-Printer-Attributes` describes it, kept whole (not folded into "ready").
public struct CupsQueueStatus: Sendable, Hashable {
    /// printer-state: 3 idle, 4 processing, 5 stopped.
    public var state: Int
    /// printer-state-reasons, with their `-error`, `-warning` and `-report` suffixes.
    public var reasons: [String]
    /// printer-state-message, often the backend's last words ("Waiting for printer to become available").
    public var message: String
    public var acceptingJobs: Bool
    /// device-uri, e.g. `socket://10.0.0.9:9100` or `usb://EPSON/TM-T82`.
    public var deviceURI: String

    public init(state: Int, reasons: [String], message: String, acceptingJobs: Bool, deviceURI: String) {
        self.state = state
        self.reasons = reasons
        self.message = message
        self.acceptingJobs = acceptingJobs
        self.deviceURI = deviceURI
    }

    /// Whether this queue can ever say the paper ran out: a `socket://`, `lpd://` or raw `ipp://`
    /// queue only learns what its backend learns, and these backends do not ask an ESC/POS
    /// printer about paper; the `usb://` backend reads the USB port status (paper empty) and
    /// IPP Everywhere printers report media-empty themselves.
    public var canReportPaper: Bool {
        let scheme = deviceURI.prefix { $0 != ":" }
        return scheme == "usb" || scheme == "ipps" || (scheme == "ipp" && !deviceURI.contains("/raw"))
    }
}

/// What a ticket's CUPS job did while the kiosk followed it: its state, and every printer reason
/// raised while it ran. Decides the job's outcome from that alone.
public struct CupsJobWatch: Sendable {
    /// job-state last seen: 3 pending, 4 held, 5 processing, 6 stopped, 7 canceled, 8 aborted, 9 completed.
    public private(set) var state = 0
    /// Reasons raised while the job ran that mean the paper did not come out (see ``spoils(_:)``).
    public private(set) var faults: [String] = []
    /// Whether CUPS ever started sending the job (processing or later).
    public private(set) var started = false
    /// Whether the backend was still looking for the printer when last seen.
    public private(set) var connecting = false
    public private(set) var message = ""

    public init() {}

    /// Notes one answer to Get-Job-Attributes.
    public mutating func observe(state: Int, reasons: [String], message: String) {
        self.state = state
        if state >= 5 { started = true }
        for reason in reasons where Self.spoils(reason) && !faults.contains(reason) { faults.append(reason) }
        connecting = reasons.contains { $0.hasPrefix("connecting-to-device") }
        if !message.isEmpty { self.message = message }
    }

    /// Whether a printer reason, raised while a job ran, means that job may not have come out:
    /// a reason that stops the printer at any severity (``stopsPrinter``), `media-*` (low is only a
    /// warning), and any `-error`. Other `-report` reasons are information only.
    public static func spoils(_ reason: String) -> Bool {
        let keyword = Self.keyword(reason)
        if reason == "none" { return false }
        if stopsPrinter.contains(keyword) { return true }
        if reason.hasSuffix("-report") { return false }
        if reason.hasSuffix("-error") { return true }
        return keyword.hasPrefix("media-") && keyword != "media-low"
    }

    /// Reasons that mean the printer cannot print whatever their severity suffix: an open cover.
    /// CUPS's own network backends raise it as `door-open-report` (backend/snmp-supplies.c maps
    /// the SNMP `doorOpen` bit so), and a thermal printer with its cover open prints nothing.
    /// (`media-empty-report` stays information: a printer with another tray full still prints.)
    public static let stopsPrinter: Set<String> = ["cover-open", "door-open", "interlock-open"]

    /// `reason` without its `-error`, `-warning` or `-report` suffix.
    public static func keyword(_ reason: String) -> String {
        for suffix in ["-error", "-warning", "-report"] where reason.hasSuffix(suffix) {
            return String(reason.dropLast(suffix.count))
        }
        return reason
    }

    /// The outcome once the job has ended; nil while it runs.
    public func attempt(job: Int) -> PrintAttempt? {
        let said = message.isEmpty ? "" : " (\(message))"
        switch state {
        case 9:
            guard faults.isEmpty else {
                return PrintAttempt(
                    .failed(reason: "job \(job) completed while the printer reported \(faults.joined(separator: ", "))"),
                    CupsPrinter.condition(state: 5, reasons: faults, acceptingJobs: true))
            }
            return PrintAttempt(.printed, nil)
        case 7, 8:
            let how = state == 7 ? "canceled" : "aborted"
            return PrintAttempt(.failed(reason: "job \(job) was \(how)\(said)"), .offline)
        default:
            return nil
        }
    }

    /// The outcome when the deadline passed and the job was canceled: failed while CUPS had not
    /// started it or its backend never reached the printer, uncertain once bytes may have left.
    public func timedOut(job: Int, after deadline: String) -> PrintAttempt {
        let said = message.isEmpty ? "" : " (\(message))"
        if !started || connecting {
            let why = started ? "the printer could not be reached" : "CUPS had not started it"
            return PrintAttempt(.failed(reason: "job \(job) canceled after \(deadline): \(why)\(said)"), .offline)
        }
        let why = state == 6 ? "the printer stopped" : "it did not complete"
        return PrintAttempt(.uncertain(reason: "job \(job) canceled after \(deadline): \(why)\(said)"), .notAnswering)
    }
}
