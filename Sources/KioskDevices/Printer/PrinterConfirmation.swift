import KioskCore

/// Sorts the bytes a printer sends back while and after a job: answers to real-time `DLE EOT n`
/// requests (bit 4 set, bit 1 set, bits 0 and 7 clear) and the answer to the in-order `GS r 1`
/// sent after the job (bits 4 and 7 clear), which proves everything before it was processed
/// (Epson ESC/POS reference, "DLE EOT" and "GS r").
///
/// A real-time answer counts only while a request is outstanding, so a stray answer (a printer
/// reads `DLE EOT n` even inside image data) before the job's requests is ignored.
public struct PrinterConfirmation: Sendable {
    /// `GS r 1`: transmit the paper sensor status, in order.
    public static let request: [UInt8] = [0x1D, 0x72, 0x01]

    /// The `GS r 1` answer, once it came.
    public private(set) var answer: UInt8?
    /// The last complete round of real-time answers, once one came.
    public private(set) var lastStatus: PrinterStatus?
    private var outstanding: [PrinterStatusQuery.Request] = []
    private var round = PrinterStatus()

    public init() {}

    /// Whether real-time requests are still waiting for their answers.
    public var isWaitingForStatus: Bool { !outstanding.isEmpty }

    /// `DLE EOT 1…4` for a full check, noted as outstanding; send the bytes returned.
    public mutating func askStatus() -> [UInt8] {
        outstanding = PrinterStatusQuery.fullCheck
        round = PrinterStatus()
        return PrinterStatusQuery.fullCheck.flatMap(PrinterStatusQuery.bytes(for:))
    }

    /// Sorts `bytes` from the printer into the confirmation and the status answers.
    public mutating func consume(_ bytes: [UInt8]) {
        for byte in bytes {
            if byte & 0x90 == 0 {
                if answer == nil { answer = byte }
            } else if let request = outstanding.first, PrinterStatusQuery.apply(byte, to: request, &round) {
                outstanding.removeFirst()
                if outstanding.isEmpty { lastStatus = round }
            }
        }
    }

    /// What the `GS r 1` answer says of the paper: nil while it has not come.
    public var confirmedCondition: PrinterCondition? {
        guard let answer else { return nil }
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
