import Testing

@testable import KioskCore

@Test func localTimeConvertsToWitaAcrossMidnightAndLeapDays() {
    // 2028-02-29 15:59:59 UTC is 2028-02-29 23:59:59 WITA; one second later it is 1 March in Bali.
    let before = LocalTime(Timestamp(secondsSinceEpoch: 1_835_452_799), zone: .wita)
    #expect(before.dayKey == "2028-02-29")
    #expect(before.hour == 23 && before.minute == 59 && before.second == 59)
    #expect(before.weekday == .tuesday)
    let after = LocalTime(Timestamp(secondsSinceEpoch: 1_835_452_800), zone: .wita)
    #expect(after.dayKey == "2028-03-01")
    #expect(after.dateText == "01-03-2028")
    #expect(after.timeText == "00:00")
    #expect(LocalTime(Timestamp(secondsSinceEpoch: 0), zone: .wita).dayKey == "1970-01-01")
}

@Test func ticketIDsAreVersion4AndRoundTrip() throws {
    let id = TicketID(randomBytes: (0..<16).map { UInt8($0 * 17) })
    let text = id.description
    #expect(text.count == 36)
    #expect(Array(text)[14] == "4", "version nibble")
    #expect("89ab".contains(Array(text)[19]), "variant bits")
    #expect(TicketID(text) == id)
    #expect(TicketID(text.uppercased()) == id)
    #expect(TicketID("not-a-uuid") == nil)
    #expect(TicketID(String(text.dropLast()) + "g") == nil)
}

@Test func ticketNumbersArePaddedToTheServiceWidth() {
    let service = Service(
        id: ServiceID("x"), agencyID: AgencyID("y"), name: LocalizedText(indonesian: "x", english: "x"),
        prefix: "KB", numberWidth: 3, hours: OpeningHours([:]), dailyQuota: nil)
    #expect(Ticket.number(for: service, sequence: 7) == "KB-007")
    #expect(Ticket.number(for: service, sequence: 1234) == "KB-1234")
}

@Test func translationsExistInBothLanguagesAndFillPlaceholders() {
    for key in TextKey.allCases {
        #expect(!Translations.entry(key).indonesian.isEmpty, "\(key) in Indonesian")
        #expect(!Translations.entry(key).english.isEmpty, "\(key) in English")
    }
    #expect(Translations.text(.pageOf, .indonesian, ["page": "2", "pages": "5"]) == "Halaman 2 dari 5")
    #expect(Translations.text(.pageOf, .english, ["page": "2"]) == "Page 2 of {pages}")
}
