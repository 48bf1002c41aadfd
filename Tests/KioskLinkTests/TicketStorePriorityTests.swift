import Glibc
import KioskCore
import KioskSQLite
import Testing

@testable import KioskLink

private func temporaryPath() -> String {
    var template = Array("/tmp/kiosklink-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/tickets.sqlite"
}

private let code = BookingCode(symbols: "7QH2M9XKD4")!

private func ticket(_ byte: UInt8, priority: TicketPriority? = nil, booking: BookingCode? = nil) -> Ticket {
    Ticket(
        id: TicketID(randomBytes: [UInt8](repeating: byte, count: 16)), serviceID: ServiceID("ktp-el"),
        agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: Int(byte), number: "A-00\(byte)",
        issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300), peopleAhead: nil, language: .english,
        priority: priority, bookingCode: booking)
}

@Test func priorityAndBookingAreStoredAndATicketIsReadBackByItsID() throws {
    let path = temporaryPath()
    do {
        let store = try TicketStore(path: path)
        try store.record(ticket(1, priority: .nursing))
        try store.record(ticket(2, priority: .elderly, booking: code), checkingIn: code)
        try store.record(ticket(3))
    }
    let store = try TicketStore(path: path)
    #expect(try store.ticket(id: ticket(1).id) == ticket(1, priority: .nursing))
    #expect(try store.ticket(id: ticket(2).id) == ticket(2, priority: .elderly, booking: code))
    #expect(try store.ticket(id: ticket(3).id) == ticket(3))
    #expect(try store.ticket(id: ticket(9).id) == nil)
    #expect(try store.ticket(checkedInWith: code) == ticket(2).id.description)
}

@Test func aDatabaseFromBeforePriorityAndBookingColumnsStillOpensAndKeepsItsTickets() throws {
    let path = temporaryPath()
    do {
        // The schema the first kioskd wrote, with one ticket in it.
        let old = try SQLiteDatabase(path: path)
        try old.execute(
            """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY, day TEXT NOT NULL, service_id TEXT NOT NULL, agency_id TEXT NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence > 0), number TEXT NOT NULL, issued_at_ms INTEGER NOT NULL,
                language TEXT NOT NULL, print_outcome TEXT NOT NULL DEFAULT 'pending', failure_reason TEXT,
                UNIQUE (day, service_id, sequence));
            INSERT INTO tickets (id, day, service_id, agency_id, sequence, number, issued_at_ms, language)
            VALUES ('\(ticket(1).id)', '2026-12-01', 'ktp-el', 'disdukcapil', 1, 'A-001', 1796091300000, 'en');
            """)
    }
    let store = try TicketStore(path: path)
    #expect(try store.ticket(id: ticket(1).id) == ticket(1))
    try store.record(ticket(2, priority: .disability))
    #expect(try store.ticket(id: ticket(2).id)?.priority == .disability)
    #expect(try store.lastSequences(day: "2026-12-01") == [ServiceID("ktp-el"): 2])
    _ = try TicketStore(path: path)  // Reopening a migrated file adds nothing twice.
}
