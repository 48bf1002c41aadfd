/// A 128-bit ticket id, made by the kiosk before anything is sent; the idempotency key.
public struct TicketID: Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]

    /// Makes an RFC 9562 version 4 UUID from 16 random bytes.
    public init(randomBytes: [UInt8]) {
        precondition(randomBytes.count == 16, "a ticket id needs 16 random bytes")
        var b = randomBytes
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        bytes = b
    }

    /// Parses the 8-4-4-4-12 form, in lowercase or uppercase hex.
    public init?(_ text: String) {
        let chars = Array(text.utf8)
        guard chars.count == 36 else { return nil }
        var out: [UInt8] = []
        var high: UInt8?
        for (i, c) in chars.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let n = Self.nibble(c) else { return nil }
            if let h = high {
                out.append(h << 4 | n)
                high = nil
            } else {
                high = n
            }
        }
        bytes = out
    }

    /// Canonical lowercase 8-4-4-4-12 form.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A queue ticket as issued to a citizen.
public struct Ticket: Sendable, Hashable {
    public var id: TicketID
    public var serviceID: ServiceID
    public var agencyID: AgencyID
    /// Local day the sequence belongs to, `YYYY-MM-DD`.
    public var day: String
    /// Position in the service's daily sequence, from 1; 0 for a kiosk-marked fallback number
    /// (issued offline when no leased number was left).
    public var sequence: Int
    /// The number a citizen sees and a counter calls, e.g. `A-023` (`AP-003` in a priority series).
    public var number: String
    /// The series `sequence` counts in: the service's own, or its priority series.
    public var series: NumberSeries = .general
    public var issuedAt: Timestamp
    /// People waiting before this ticket, when known (the standalone kiosk cannot know).
    public var peopleAhead: Int?
    /// The language the citizen used, for the printed ticket.
    public var language: Language
    /// The priority the citizen asked for (or the booking carried), for staff to verify.
    public var priority: TicketPriority?
    /// The online booking this ticket checked in, if any.
    public var bookingCode: BookingCode?
    /// The queue server's estimate of the wait, in minutes, when it numbered the ticket online.
    public var estimatedWaitMinutes: Int?
    /// True when the kiosk numbered the ticket itself because the queue server did not answer in
    /// time (a leased or kiosk-marked number); staff see a small mark on screen and ticket.
    public var offline = false

    public init(
        id: TicketID, serviceID: ServiceID, agencyID: AgencyID, day: String, sequence: Int, number: String,
        issuedAt: Timestamp, peopleAhead: Int?, language: Language, priority: TicketPriority? = nil,
        bookingCode: BookingCode? = nil
    ) {
        self.id = id
        self.serviceID = serviceID
        self.agencyID = agencyID
        self.day = day
        self.sequence = sequence
        self.number = number
        self.issuedAt = issuedAt
        self.peopleAhead = peopleAhead
        self.language = language
        self.priority = priority
        self.bookingCode = bookingCode
    }

    /// The visible number for `sequence` of `service` in `series`: the series' prefix, dash, zero-padded sequence.
    public static func number(for service: Service, sequence: Int, series: NumberSeries = .general) -> String {
        let digits = String(sequence)
        let padding = String(repeating: "0", count: max(0, service.numberWidth - digits.count))
        return service.prefix(of: series) + "-" + padding + digits
    }
}
