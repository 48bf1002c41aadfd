/// The diagnostics screens a technician moves between.
public enum DiagnosticsScreen: Sendable, Hashable {
    /// Digits of a PIN, masked, with a keypad; "locked until" while the pad is locked.
    case pinPad
    /// Each device as ok, warning or fault with its reason, version, kiosk id, uptime, addresses.
    case overview
    /// The printer's condition with its reason, paper left, a test page and "new roll".
    case printer
    /// The last code scanned while diagnostics is open: escaped, its length, when.
    case scanner
    /// The drawing test: the raw trail of every touch; links to the target grid and the calibration, and Undo.
    case touch
    /// A grid of targets to hit; misses are marked.
    case touchTargets
    /// The 5-point calibration: targets in turn, then the fit's residual and Save, or why it was refused.
    case calibration
    /// The queue server link: URL, online, last heartbeat and sync, outbox, leases, clock offset, "sync now".
    case network
    /// The last lines of kioskd's log, scrollable; Restart kioskd.
    case log
}

/// A code scanned while diagnostics is open, as the Scanner screen shows it (never raw).
public struct ScanRecord: Sendable, Hashable {
    /// The bytes with everything but printable ASCII as `\xNN` (``ScanClassifier/escapedForLog(_:)``).
    public var escaped: String
    public var length: Int
    /// What the code is to the kiosk (booking, ticket, badge, unknown, refused).
    public var kind: String
    public var at: Timestamp

    public init(escaped: String, length: Int, kind: String, at: Timestamp) {
        self.escaped = escaped
        self.length = length
        self.kind = kind
        self.at = at
    }
}

/// A PIN typed on the PIN pad, on its way to be checked. Its description never shows the digits.
public struct PINAttempt: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The digits, 0 to 9 each.
    public var digits: [UInt8]
    /// The attempt's number since kioskd started, to match the answer to it.
    public var number: Int

    public init(digits: [UInt8], number: Int) {
        self.digits = digits
        self.number = number
    }

    /// The digits as text, for the hash check only.
    public var text: String { String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) }

    public var description: String { "PIN attempt \(number) (\(digits.count) digits)" }
    public var debugDescription: String { description }
}

/// How a PIN check came out.
public enum PINCheck: Sendable, Hashable {
    /// The PIN is this technician's.
    case accepted(technician: String)
    /// No technician has this PIN.
    case rejected
    /// The PINs could not be checked (the technicians file is missing, unsafe or broken): `reason`.
    case unavailable(reason: String)
}

/// What happened at the PIN pad and in diagnostics since the last heartbeat took the counts.
public struct TechnicianCounts: Sendable, Hashable {
    public var attempts = 0
    public var rejected = 0
    public var lockouts = 0
    public var entries = 0
    public var exits = 0

    public init() {}
}

/// The technician side of the kiosk's state: the hidden gesture's progress, the PIN pad and its
/// lockout, and who is in diagnostics.
public struct TechnicianSession: Sendable, Hashable {
    /// When the top-left corner's hold ended, while the top-right one may still follow.
    public var firstCornerAt: Timestamp?
    /// Digits typed so far (shown masked, never logged).
    public var digits: [UInt8] = []
    /// The attempt being checked, if any: the pad takes no other until it is answered.
    public var checking: Int?
    /// Attempts made since kioskd started.
    public var attemptNumber = 0
    /// Wrong PINs since the last lockout or success.
    public var wrongInARow = 0
    /// Lockouts since the last success.
    public var lockouts = 0
    /// The PIN pad takes no PIN before this moment.
    public var lockedUntil: Timestamp?
    /// The technician in diagnostics, once the PIN was accepted.
    public var technician: String?
    /// A line for the PIN pad: why the last attempt failed, or nil.
    public var message: DiagnosticsText?
    /// Counts for the next heartbeat.
    public var counts = TechnicianCounts()
    /// The devices as the runtime last described them, while diagnostics is open.
    public var facts: DiagnosticsFacts?
    /// The last code scanned while diagnostics was open.
    public var lastScan: ScanRecord?
    /// The Touch screens' trail, marks and calibration.
    public var touch = TouchCheck()
    /// Log lines scrolled back from the newest.
    public var logOffset = 0
    /// "Restart kioskd?" is asked.
    public var confirmingRestart = false
    /// The last thing asked on the Printer, Network or Log screen and what came of it.
    public var note: DiagnosticsNote?
    /// The badge that opened the PIN pad, and whose the technicians file says it is.
    public var badge: String?
    public var badgeOwner: String?

    public init() {}

    /// True while the PIN pad is locked at `now`.
    public func isLocked(at now: Timestamp) -> Bool { lockedUntil.map { now < $0 } ?? false }
}
