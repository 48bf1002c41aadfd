import KioskCore
import KioskTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Shared pieces for the printer tests: a realistic ticket and temporary directories.
enum PrinterFixtures {
    static let ticketID = TicketID("3f2b8c1e-9a4d-4e7b-8c21-5d6e7f809a1b")!

    static let mallName = LocalizedText(
        indonesian: "Mal Pelayanan Publik Kabupaten Badung", english: "Badung Regency Public Service Mall")

    static let agency = Agency(
        id: AgencyID("disdukcapil"),
        name: LocalizedText(
            indonesian: "Dinas Kependudukan dan Pencatatan Sipil", english: "Population and Civil Registration Office"),
        services: [])

    static let service = Service(
        id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
        name: LocalizedText(indonesian: "Perekaman KTP Elektronik", english: "Electronic ID Card Recording"),
        prefix: "A", hours: OpeningHours([:]), dailyQuota: nil)

    /// Ticket A-023, issued 2026-03-02 09:15 WITA, with 4 people ahead.
    static func ticket(_ language: Language = .indonesian) -> Ticket {
        Ticket(
            id: ticketID, serviceID: service.id, agencyID: agency.id, day: "2026-03-02", sequence: 23,
            number: "A-023", issuedAt: Timestamp(secondsSinceEpoch: 1_772_414_100), peopleAhead: 4, language: language)
    }

    static func document(_ language: Language = .indonesian) -> TicketDocument {
        TicketLayout.document(
            for: ticket(language), agency: agency, service: service, mallName: mallName, kioskID: "MPP-BADUNG-K01",
            zone: .wita)
    }

    /// A fresh private directory under /tmp.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/kiosk-printer-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PrinterFixtureError.noTemporaryDirectory }
        return String(cString: made)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        let emulator = try PrinterEmulator()
        let port = emulator.port
        emulator.stop()
        return port
    }
}

enum PrinterFixtureError: Error { case noTemporaryDirectory }
