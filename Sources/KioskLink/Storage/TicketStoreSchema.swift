import KioskCore

/// Brings a ticket database written by an older kioskd up to the current columns, in place.
enum TicketStoreSchema {
    /// Columns added after the first release, with their SQL type; old rows read them as NULL.
    static let addedColumns = [
        ("priority", "TEXT"), ("booking_code", "TEXT"), ("print_reported", "INTEGER NOT NULL DEFAULT 0"),
    ]

    /// Adds each of ``addedColumns`` that the `tickets` table lacks (`ALTER TABLE … ADD COLUMN`).
    static func addMissingColumns(_ database: SQLiteDatabase) throws {
        let existing = Set(
            try database.query("PRAGMA table_info(tickets)").compactMap { row -> String? in
                if case .text(let name) = row[1] { return name }
                return nil
            })
        for (name, type) in addedColumns where !existing.contains(name) {
            try database.execute("ALTER TABLE tickets ADD COLUMN \(name) \(type)")
        }
    }
}

extension TicketStore {
    /// The ticket with `id`, as issued (people ahead unknown), or nil when this kiosk has none.
    public func ticket(id: TicketID) throws -> Ticket? {
        let rows = try database.query(
            """
            SELECT service_id, agency_id, day, sequence, number, issued_at_ms, language, priority, booking_code
            FROM tickets WHERE id = ?
            """, [.text(id.description)])
        guard let row = rows.first, case .text(let service) = row[0], case .text(let agency) = row[1],
            case .text(let day) = row[2], case .integer(let sequence) = row[3], case .text(let number) = row[4],
            case .integer(let issuedAt) = row[5], case .text(let language) = row[6]
        else { return nil }
        var priority: TicketPriority?
        if case .text(let text) = row[7] { priority = TicketPriority(rawValue: text) }
        var booking: BookingCode?
        if case .text(let text) = row[8] { booking = BookingCode(text) }
        return Ticket(
            id: id, serviceID: ServiceID(service), agencyID: AgencyID(agency), day: day, sequence: Int(sequence),
            number: number, issuedAt: Timestamp(millisecondsSinceEpoch: issuedAt), peopleAhead: nil,
            language: Language(rawValue: language) ?? .indonesian, priority: priority, bookingCode: booking)
    }
}
