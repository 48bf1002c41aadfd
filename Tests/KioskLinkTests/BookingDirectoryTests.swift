import Glibc
import KioskCore
import KioskSQLite
import Testing

@testable import KioskLink

private func temporaryDirectory() -> String {
    var template = Array("/tmp/kiosk-bookings-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}

private let catalogue = Catalogue(agencies: [
    Agency(
        id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
        services: [
            Service(
                id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
                name: LocalizedText(indonesian: "KTP-el", english: "ID card"), prefix: "A", hours: OpeningHours([:]),
                dailyQuota: nil)
        ])
])

private let code = BookingCode(symbols: "7QH2M9XKD4")!

private func ticket(_ sequence: Int) -> Ticket {
    Ticket(
        id: TicketID(randomBytes: [UInt8](repeating: UInt8(sequence), count: 16)), serviceID: ServiceID("ktp-el"),
        agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: sequence, number: "A-00\(sequence)",
        issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300), peopleAhead: nil, language: .indonesian)
}

@Test func aBookingFromTheFileChecksInOnce() throws {
    let directory = temporaryDirectory()
    let store = try TicketStore(path: directory + "/tickets.sqlite")
    let bookings = """
        {"bookings": [{"code": "\(code)", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00"}]}
        """
    let files = ["/bookings.json": bookings]
    let lookUp = LocalBookingDirectory(path: "/bookings.json", catalogue: catalogue, store: store) { files[$0]! }

    let found = try lookUp.lookUp(code)
    #expect(found == .found(Booking(code: code, serviceID: ServiceID("ktp-el"), day: "2026-12-01",
        window: TimeRange(start: TimeOfDay(hour: 9, minute: 0), end: TimeOfDay(hour: 10, minute: 0)))))
    #expect(try lookUp.lookUp(BookingCode(symbols: "0000000000")!) == .unknown)

    try store.record(ticket(1), checkingIn: code)
    #expect(try lookUp.lookUp(code) == .alreadyUsed)
    #expect(throws: DatabaseError.self, "a second ticket for the same booking is refused") {
        try store.record(ticket(2), checkingIn: code)
    }
    #expect(try store.tickets(day: "2026-12-01").map(\.number) == ["A-001"], "the refused ticket left nothing behind")
}

@Test func aBrokenBookingsFileNamesTheLineAndTheFix() throws {
    let store = try TicketStore(path: temporaryDirectory() + "/tickets.sqlite")
    let text = """
        {"bookings": [
          {"code": "\(code)", "service": "sim-baru", "day": "2026-12-01", "window": "09:00-10:00"}
        ]}
        """
    let lookUp = LocalBookingDirectory(path: "/state/bookings.json", catalogue: catalogue, store: store) { _ in text }
    let error = #expect(throws: ConfigError.self) { try lookUp.lookUp(code) }
    #expect(error?.line == 2)
    #expect(error?.jsonPath == "$.bookings[0].service")
    #expect(error?.description.contains("not in the catalogue") == true)
}

@Test func aLinkedKiosksCheckInIsRememberedWithoutALocalTicket() throws {
    let store = try TicketStore(path: temporaryDirectory() + "/tickets.sqlite")
    let text = """
        {"bookings": [{"code": "\(code)", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00"}]}
        """
    let lookUp = LocalBookingDirectory(path: "/bookings.json", catalogue: catalogue, store: store) { _ in text }
    try store.recordCheckIn(code, ticket: ticket(1).id)
    #expect(try lookUp.lookUp(code) == .alreadyUsed)
    #expect(try store.tickets(day: "2026-12-01").isEmpty, "the ticket itself lives on the server or in the outbox")
    #expect(throws: DatabaseError.self) { try store.recordCheckIn(code, ticket: ticket(2).id) }
}

/// The file is read at every look-up and parsed again only when its text changed: staff replacing it while the kiosk
/// runs are seen at the next scan, a broken replacement is reported (not the old bookings used), and the fixed one works.
@Test func aReplacedBookingsFileIsSeenAtTheNextScan() throws {
    let store = try TicketStore(path: temporaryDirectory() + "/tickets.sqlite")
    let other = BookingCode(symbols: "0000000000")!
    func file(_ code: BookingCode) -> String {
        #"{"bookings": [{"code": "\#(code)", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00"}]}"#
    }
    var text = file(code)
    let lookUp = LocalBookingDirectory(path: "/bookings.json", catalogue: catalogue, store: store) { _ in text }
    #expect(try lookUp.lookUp(code) != .unknown && lookUp.lookUp(other) == .unknown)
    #expect(try lookUp.lookUp(code) != .unknown, "the same text again")
    text = file(other)
    #expect(try lookUp.lookUp(code) == .unknown && lookUp.lookUp(other) != .unknown)
    text = "{\"bookings\": ["
    #expect(throws: ConfigError.self) { try lookUp.lookUp(other) }
    text = file(code)
    #expect(try lookUp.lookUp(code) != .unknown)
}
