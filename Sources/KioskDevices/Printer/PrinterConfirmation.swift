import KioskCore

/// Sorts the bytes a printer sends back while and after a job (see ``PrinterReply``): answers to
/// real-time `DLE EOT n` requests, the answer to the in-order `GS r 1` sent after the job, which
/// proves everything before it was processed, the `GS ( H` process ID sent after it where the
/// profile supports one (proof that the answer is this job's), and Automatic Status Back blocks
/// (Epson ESC/POS reference, "DLE EOT", "GS r", "GS ( H", "GS a").
///
/// A real-time answer counts only while a request is outstanding, so a stray answer (a printer
/// reads `DLE EOT n` even inside image data) before the job's requests is ignored; an in-order
/// answer counts only once the job and its `GS r 1` were written (``jobWritten()``), so a byte the
/// printer sent before (a greeting on connect, a late answer of an earlier job) never confirms it.
public struct PrinterConfirmation: Sendable {
    /// `GS r 1`: transmit the paper sensor status, in order.
    public static let request: [UInt8] = [0x1D, 0x72, 0x01]

    /// The `GS r 1` answer, once it came.
    public private(set) var answer: UInt8?
    /// The last complete round of real-time answers, once one came.
    public private(set) var lastStatus: PrinterStatus?
    /// What the last Automatic Status Back block said, once one came.
    public private(set) var automaticStatus: PrinterStatus?
    /// Whether the printer answered a `DLE DC4 8` buffer clear.
    public private(set) var bufferCleared = false
    /// The process ID asked for after the job (nil: none asked) and whether it came back.
    public let processID: [UInt8]?
    public private(set) var processIDAnswered = false
    private var jobSent = false
    private var outstanding: [PrinterStatusQuery.Request] = []
    private var round = PrinterStatus()
    private var parser = PrinterReplyParser()

    /// `processID`: four bytes of 32…126 to ask back with `GS ( H` after the job, or nil where the
    /// printer does not support it.
    public init(processID: [UInt8]? = nil) {
        self.processID = processID
    }

    /// A fresh process ID: four ASCII digits.
    public static func newProcessID() -> [UInt8] {
        (0..<4).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9) }
    }

    /// What follows the job: `GS r 1`, then `GS ( H` with the process ID where one is asked.
    public var requestBytes: [UInt8] {
        guard let processID else { return Self.request }
        return Self.request + [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30] + processID
    }

    /// The job's bytes and ``requestBytes`` are written: in-order answers count from now on.
    public mutating func jobWritten() { jobSent = true }

    /// Whether real-time requests are still waiting for their answers.
    public var isWaitingForStatus: Bool { !outstanding.isEmpty }

    /// Whether the in-order answers (`GS r`, and the process ID where one was asked) all came.
    public var isConfirmed: Bool { answer != nil && (processID == nil || processIDAnswered) }

    /// `DLE EOT 1…4` for a full check, noted as outstanding; send the bytes returned.
    public mutating func askStatus() -> [UInt8] {
        outstanding = PrinterStatusQuery.fullCheck
        round = PrinterStatus()
        return PrinterStatusQuery.fullCheck.flatMap(PrinterStatusQuery.bytes(for:))
    }

    /// Sorts `bytes` from the printer into the confirmation and the status answers.
    public mutating func consume(_ bytes: [UInt8]) {
        for reply in parser.consume(bytes) {
            switch reply {
            case .inOrderStatus(let byte):
                if jobSent, answer == nil { answer = byte }
            case .realTimeStatus(let byte):
                if let request = outstanding.first, PrinterStatusQuery.apply(byte, to: request, &round) {
                    outstanding.removeFirst()
                    if outstanding.isEmpty { lastStatus = round }
                }
            case .processID(let id):
                if jobSent, id == processID { processIDAnswered = true }
            case .bufferCleared:
                bufferCleared = true
            case .automaticStatus(let block):
                automaticStatus = block.status
            }
        }
    }

    /// What the `GS r 1` answer says of the paper: nil while it has not come.
    public var confirmedCondition: PrinterCondition? {
        guard let answer, isConfirmed else { return nil }
        if answer & 0x0C == 0x0C { return .paperOut }
        if answer & 0x03 == 0x03 { return .paperNearEnd }
        return .ready
    }

    /// The outcome once the job's bytes are written and the wait is over (`timedOut`) or a sign
    /// came: printed only on the in-order answer with paper present; uncertain otherwise (the
    /// bytes left). nil while it is worth waiting on.
    public func outcome(timedOut: Bool, deadlineText: String) -> (PrintJobOutcome, PrinterCondition)? {
        if let confirmed = confirmedCondition {
            if confirmed == .paperOut {
                return (.uncertain(reason: "the printer confirmed the ticket but reports paper end"), .paperOut)
            }
            return (.printed, confirmed)
        }
        if let status = automaticStatus, !status.condition.canPrint {
            return (.uncertain(
                reason: "the printer sent \(status.condition.rawValue) (automatic status) before confirming the ticket"),
                status.condition)
        }
        if let status = lastStatus, !status.condition.canPrint {
            return (.uncertain(
                reason: "the printer reports \(status.condition.rawValue) before confirming the ticket"), status.condition)
        }
        guard timedOut else { return nil }
        let condition = lastStatus?.condition ?? .notAnswering
        return (.uncertain(reason: "no confirmation within \(deadlineText)"), condition.canPrint ? .notAnswering : condition)
    }
}

/// A point in monotonic time that a job must finish by.
public struct PrintDeadline: Sendable {
    /// Monotonic seconds.
    public let at: Double

    /// `seconds` from now.
    public init(seconds: Double) { at = Self.now() + max(0, seconds) }

    /// Seconds left, never below 0.
    public var remaining: Double { max(0, at - Self.now()) }

    /// `CLOCK_MONOTONIC` in seconds.
    public static func now() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// "2.5 s", for reasons.
    public static func text(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
