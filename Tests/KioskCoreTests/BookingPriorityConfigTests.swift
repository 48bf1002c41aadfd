import Testing

@testable import KioskCore

@Test func aBookingsFileCarriesAnOptionalPriorityAndRefusesAnUnknownOne() throws {
    let catalogue = Catalogue(agencies: [
        Agency(
            id: AgencyID("a"), name: LocalizedText(indonesian: "A", english: "A"),
            services: [
                Service(
                    id: ServiceID("ktp-el"), agencyID: AgencyID("a"), name: LocalizedText(indonesian: "K", english: "K"),
                    prefix: "A", hours: OpeningHours([:]), dailyQuota: nil)
            ])
    ])
    let code = BookingCode(symbols: "7QH2M9XKD4")!
    func entry(_ extra: String) -> String {
        #"{"bookings": [{"code": "\#(code)", "service": "ktp-el", "day": "2026-12-01", "window": "09:00-10:00"\#(extra)}]}"#
    }
    let plain = try ConfigParser.bookings(text: entry(""), path: "/b.json", catalogue: catalogue)
    #expect(plain.first?.priority == nil)
    let elderly = try ConfigParser.bookings(text: entry(#", "priority": "elderly""#), path: "/b.json", catalogue: catalogue)
    #expect(elderly.first?.priority == .elderly)
    let error = #expect(throws: ConfigError.self) {
        try ConfigParser.bookings(text: entry(#", "priority": "eldery""#), path: "/b.json", catalogue: catalogue)
    }
    #expect(error?.description.contains("elderly") == true, "suggests the right name")
}
