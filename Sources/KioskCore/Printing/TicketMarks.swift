/// The lines that tell staff how a ticket came to be: a priority claim they must verify, the
/// online booking it checked in, and that the kiosk numbered it offline.
enum TicketMarks {
    /// Bold, centred lines for `ticket` (none for a plain ticket), in the ticket's language then the other.
    static func blocks(for ticket: Ticket) -> [TicketBlock] {
        var blocks: [TicketBlock] = []
        for language in [ticket.language, ticket.language.other] {
            if let priority = ticket.priority {
                let name = Translations.text(priority.label, language)
                blocks.append(.text(Translations.text(.priorityTicketLine, language, ["priority": name]), .heading))
            }
            if let code = ticket.bookingCode {
                blocks.append(.text(Translations.text(.bookingTicketLine, language, ["code": code.description]), .heading))
            }
            if ticket.offline {
                blocks.append(.text(Translations.text(.ticketOffline, language), .heading))
            }
        }
        return blocks.isEmpty ? [] : blocks + [.feed(lines: 1)]
    }
}
