/// A scanned booking code, to become a ticket.
public struct CheckInRequest: Codable, Sendable, Hashable {
    /// The kiosk-made id the ticket will have.
    public var ticketId: String
    /// The code as scanned: 4–32 of `A`–`Z`, `0`–`9` and `-`; anything else is refused.
    public var bookingCode: String
    public var issuedAt: Int64
    public var clockOffsetMs: Int64
    public var language: String

    public init(ticketId: String, bookingCode: String, issuedAt: Int64, clockOffsetMs: Int64 = 0, language: String = "id") {
        self.ticketId = ticketId
        self.bookingCode = bookingCode
        self.issuedAt = issuedAt
        self.clockOffsetMs = clockOffsetMs
        self.language = language
    }
}

/// Whether a ticket left the kiosk on paper.
public struct PrintReport: Codable, Sendable, Hashable {
    /// How the print job ended, as the kiosk could prove it.
    public enum Outcome: String, Codable, Sendable, Hashable {
        /// The printer confirmed it.
        case printed
        /// No ticket came out: the server voids a waiting ticket.
        case failed
        /// The bytes left but the printer did not confirm: a ticket may have come out. The server
        /// keeps it (it is not voided) until staff confirm what happened.
        case uncertain
    }

    /// True only when the printer confirmed the ticket (false for `failed` and `uncertain`).
    public var printed: Bool
    /// Absent from older kiosks, where `printed: false` means failed. When present it decides.
    public var outcome: Outcome?
    /// What went wrong, when not printed (e.g. `paperOut`), at most 200 characters.
    public var reason: String?

    public init(printed: Bool, outcome: Outcome? = nil, reason: String? = nil) {
        self.printed = printed
        self.outcome = outcome
        self.reason = reason
    }

    /// The outcome, from `printed` when an older kiosk left it out.
    public var effectiveOutcome: Outcome { outcome ?? (printed ? .printed : .failed) }
}
