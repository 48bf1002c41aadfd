/// A printed ticket as a list of blocks, independent of the printer's command language.
///
/// The ESC/POS encoder turns it into bytes for a given paper width; text in it is plain
/// Unicode that the encoder sanitises and maps to the printer's code page.
public struct TicketDocument: Sendable, Hashable {
    public var blocks: [TicketBlock]
    public init(blocks: [TicketBlock]) { self.blocks = blocks }
}

/// One element of a printed ticket.
public enum TicketBlock: Sendable, Hashable {
    case text(String, TextStyle)
    /// A QR code carrying `payload`, centred.
    case qrCode(payload: String)
    /// A full-width separator line.
    case rule
    /// Blank lines.
    case feed(lines: Int)
    /// Cut the paper (partial cut, leaving a hinge, as ticket printers usually do).
    case cut
    /// A 1-bit picture, such as the mall's logo, centred.
    case image(MonochromeImage)
}

/// A 1-bit picture: `height` rows of `widthBytes` bytes, most significant bit leftmost, 1 = black.
public struct MonochromeImage: Sendable, Hashable {
    public let widthBytes: Int
    public let height: Int
    public let bits: [UInt8]

    /// Nil unless `bits` holds exactly `height` rows of `widthBytes` (both at least 1).
    public init?(widthBytes: Int, height: Int, bits: [UInt8]) {
        guard widthBytes > 0, height > 0, bits.count == widthBytes * height else { return nil }
        self.widthBytes = widthBytes
        self.height = height
        self.bits = bits
    }
}

/// How a line of ticket text is set.
public struct TextStyle: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, center, right }
    public var alignment: Alignment
    public var bold: Bool
    /// Character magnification, 1...8 in each direction (ESC/POS `GS !`).
    public var widthScale: Int
    public var heightScale: Int

    public init(alignment: Alignment = .left, bold: Bool = false, widthScale: Int = 1, heightScale: Int = 1) {
        self.alignment = alignment
        self.bold = bold
        self.widthScale = widthScale
        self.heightScale = heightScale
    }

    public static let body = TextStyle()
    public static let centered = TextStyle(alignment: .center)
    public static let heading = TextStyle(alignment: .center, bold: true)
    public static let headingLarge = TextStyle(alignment: .center, bold: true, widthScale: 2, heightScale: 2)
    /// The queue number: 8 times Font A's 24-dot height, 24 mm cells on an 8 dots/mm printer, so
    /// the digits stand over 15 mm tall; six times as wide, so `DA-007` still fits 42 columns (the
    /// encoder narrows longer numbers to fit the paper, keeping their height).
    public static let number = TextStyle(alignment: .center, bold: true, widthScale: 6, heightScale: 8)
}

/// Lays out the queue ticket a citizen takes away.
public enum TicketLayout {
    /// The document for `ticket`: the fixed texts in the ticket's language then the other, the
    /// agency's official name, the service and its counter in the ticket's language. With
    /// `citizenPage` (a linked kiosk's public address) the QR holds `{citizenPage}/t/{id}` and
    /// says to scan it to follow the queue; without, the bare id, to scan at the kiosk.
    public static func document(
        for ticket: Ticket, agency: Agency, service: Service, mallName: LocalizedText, kioskID: String,
        zone: KioskTimeZone, citizenPage: String? = nil
    ) -> TicketDocument {
        let language = ticket.language
        let local = LocalTime(ticket.issuedAt, zone: zone)
        // A short label on one line ("Tanggal / Date"); a sentence on a line per language.
        func both(_ key: TextKey, _ values: [String: String] = [:]) -> String {
            Translations.text(key, language, values) + " / " + Translations.text(key, language.other, values)
        }
        func lines(_ key: TextKey, _ values: [String: String] = [:]) -> [TicketBlock] {
            [language, language.other].map { .text(Translations.text(key, $0, values), .centered) }
        }
        var blocks: [TicketBlock] = [
            .text(mallName(language), .heading),
            .rule,
            .text(both(.yourNumber), .centered),
            .text(ticket.number, .number),
            .feed(lines: 1),
        ] + TicketMarks.blocks(for: ticket) + [
            .text(agency.name(language), .centered),
            .text(service.name(language), .heading),
        ]
        if let counter = service.counter {
            blocks.append(.text(both(.counter) + ": " + counter(language), .heading))
        }
        blocks.append(.feed(lines: 1))
        if let ahead = ticket.peopleAhead {
            blocks += lines(.ticketPeopleAhead, ["count": String(ahead)])
        }
        // The server's estimate only: an offline ticket has none (the kiosk cannot know the queue).
        if let minutes = ticket.estimatedWaitMinutes, !ticket.offline {
            blocks += lines(.ticketWaitMinutes, ["minutes": String(minutes)])
        }
        let payload = citizenPage.map { $0 + "/t/" + ticket.id.description } ?? ticket.id.description
        blocks += [
            // Date and time on lines of their own, so they never wrap on 58 mm paper.
            .text(both(.ticketDate) + ": " + local.dateText, .centered),
            .text(both(.ticketTime) + ": " + local.timeText + " " + zone.abbreviation, .centered),
        ]
        blocks += lines(.ticketPleaseWait) + [.feed(lines: 1), .qrCode(payload: payload)]
        blocks += lines(citizenPage == nil ? .ticketScanAtKiosk : .ticketScanLinked)
        blocks += [.text(both(.ticketKiosk) + " " + kioskID, .centered), .feed(lines: 3), .cut]
        return TicketDocument(blocks: blocks)
    }
}
