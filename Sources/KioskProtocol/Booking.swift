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
    public var printed: Bool
    /// What went wrong, when not printed (e.g. `paperOut`), at most 200 characters.
    public var reason: String?

    public init(printed: Bool, reason: String? = nil) {
        self.printed = printed
        self.reason = reason
    }
}
