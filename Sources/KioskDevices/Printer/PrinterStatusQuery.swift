import KioskCore

/// What the answers to real-time status requests said; a field is false until an answer says otherwise.
public struct PrinterStatus: Sendable, Hashable {
    public var offline = false
    public var coverOpen = false
    public var paperOut = false
    public var paperNearEnd = false
    /// Printing stopped on an error (offline cause bit 6, or an unrecoverable or auto-recoverable error).
    public var error = false
    /// The auto-cutter failed (error cause bit 3).
    public var cutterError = false

    public init() {}

    /// The condition a technician most needs to hear about: cover, paper, cutter, offline, near end, ready.
    public var condition: PrinterCondition {
        if coverOpen { return .coverOpen }
        if paperOut { return .paperOut }
        if cutterError { return .cutterError }
        if offline || error { return .offline }
        if paperNearEnd { return .paperNearEnd }
        return .ready
    }
}

/// ESC/POS real-time status: `DLE EOT n` requests and their one-byte answers (Epson ESC/POS
/// reference, "DLE EOT").
public enum PrinterStatusQuery {
    /// Which status a `DLE EOT n` request asks for.
    public enum Request: UInt8, Sendable, CaseIterable {
        case printer = 1
        case offlineCause = 2
        case errorCause = 3
        case paperSensor = 4
    }

    /// The requests that together give a full `PrinterStatus`.
    public static let fullCheck: [Request] = [.printer, .offlineCause, .errorCause, .paperSensor]

    /// The bytes of `DLE EOT n` for `request`.
    public static func bytes(for request: Request) -> [UInt8] { [0x10, 0x04, request.rawValue] }

    /// Whether `byte` can be a status answer at all: bits 1 and 4 are always 1, bits 0 and 7 always 0.
    public static func isStatusByte(_ byte: UInt8) -> Bool { byte & 0b1001_0011 == 0b0001_0010 }

    /// Adds what `answer` to `request` says to `status`; returns false (changing nothing) when
    /// `answer` is not a status byte.
    @discardableResult
    public static func apply(_ answer: UInt8, to request: Request, _ status: inout PrinterStatus) -> Bool {
        guard isStatusByte(answer) else { return false }
        func bit(_ n: UInt8) -> Bool { answer & (1 << n) != 0 }
        switch request {
        case .printer:
            status.offline = status.offline || bit(3)
        case .offlineCause:
            status.coverOpen = status.coverOpen || bit(2)
            status.paperOut = status.paperOut || bit(5)
            status.error = status.error || bit(6)
        case .errorCause:
            status.cutterError = status.cutterError || bit(3)
            status.error = status.error || bit(5) || bit(6)
        case .paperSensor:
            status.paperNearEnd = status.paperNearEnd || (bit(2) && bit(3))
            status.paperOut = status.paperOut || (bit(5) && bit(6))
        }
        return true
    }

    /// The status one answer reports, or nil when `answer` is not a status byte.
    public static func parse(_ answer: UInt8, for request: Request) -> PrinterStatus? {
        var status = PrinterStatus()
        return apply(answer, to: request, &status) ? status : nil
    }
}
