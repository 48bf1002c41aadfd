import KioskCore
import Testing

@testable import KioskUI

/// The first screen's letter index (issue 18, item 1): on the sample catalogue, in both languages and
/// orientations, a key for each letter some agency starts with and no other, every agency under its
/// letter exactly once, each key at least 15 mm, and a ticket still within three taps through it.
@Suite struct LetterIndexTests {
    static let sample = TapCountTests.sampleCatalogue
    static let now = TapCountTests.morning

    static func settings(_ size: ScreenSize, _ catalogue: Catalogue = sample) -> FlowSettings {
        let capacity = LayoutMetrics.pageCapacity(for: size)
        return FlowSettings(
            catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
            agenciesPerPage: capacity.agencies, servicesPerPage: capacity.services, alwaysOpen: true)
    }

    static func state(_ language: Language) -> KioskState {
        var state = KioskState()
        state.language = language
        state.languageChosen = language == .english
        return state
    }

    static func renderer(_ size: ScreenSize) throws -> ScreenRenderer {
        try ScreenRenderer(size: size, mallName: LocalizedText(indonesian: "MPP", english: "MPP"), kioskID: "K01")
    }

    static let cases: [(ScreenSize, Language)] = [Fixtures.portrait, Fixtures.landscape].flatMap { size in
        Language.allCases.map { (size, $0) }
    }

    @Test(arguments: cases)
    func everyAgencyIsUnderItsLetterOnce(_ size: ScreenSize, _ language: Language) throws {
        let settings = Self.settings(size)
        let renderer = try Self.renderer(size)
        let home = renderer.layout(Self.state(language), settings: settings, now: Self.now)
        let keys = home.buttons.compactMap { if case .chooseLetter(let letter) = $0.action { letter } else { nil } }
        // Only the letters the sample's short names start with, in order: 8 in Indonesian, 14 in English.
        let expected: [Character] = language == .indonesian ? Array("BDIKOPST") : Array("BCDHILMNOPRSTW")
        #expect(keys == expected)
        var found: [AgencyID] = []
        for letter in keys {
            let (after, _) = KioskFlow.step(
                Self.state(language), .press(.chooseLetter(letter)),
                StepContext(now: Self.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 2, count: 16))),
                settings: settings)
            #expect(after.screen == .letter(letter))
            let agencies = renderer.layout(after, settings: settings, now: Self.now).buttons.compactMap {
                if case .chooseAgency(let id) = $0.action { id } else { nil }
            }
            for id in agencies {
                #expect(Catalogue.indexLetter(of: Self.sample.agency(id)!.shortName(language)) == letter)
            }
            found += agencies
        }
        #expect(found.sorted() == Self.sample.agencies.map(\.id).sorted(), "each of the 31 agencies once")
    }

    /// On the 21.5-inch design panel (4.03 px/mm).
    @Test(arguments: cases)
    func everyKeyIsAtLeast15Millimetres(_ size: ScreenSize, _ language: Language) throws {
        let home = try Self.renderer(size).layout(Self.state(language), settings: Self.settings(size), now: Self.now)
        let keys = home.buttons.filter { if case .chooseLetter = $0.action { true } else { false } }
        #expect(!keys.isEmpty)
        for key in keys + home.buttons.filter({ if case .chooseAgency = $0.action { true } else { false } }) {
            let millimetres = Double(min(key.frame.width, key.frame.height)) / ContrastAndTargetTests.pixelsPerMillimetre
            #expect(millimetres >= 15, "\(key.action) is \(millimetres) mm at \(size)")
        }
    }

    /// A citizen who reads English finds the Tourism Office under T: letter, agency, service, by
    /// tapping the centres of the buttons drawn, in both orientations.
    @Test(arguments: [Fixtures.portrait, Fixtures.landscape])
    func aJourneyThroughALetterTakesThreeTaps(_ size: ScreenSize) throws {
        let settings = Self.settings(size)
        let renderer = try Self.renderer(size)
        var state = Self.state(.english)
        var taps = 0
        func tap(_ wanted: (Action) -> Bool) throws {
            let layout = renderer.layout(state, settings: settings, now: Self.now)
            let button = try #require(layout.buttons.first { wanted($0.action) }, "on \(state.screen)")
            let action = try #require(layout.action(atX: button.frame.x + button.frame.width / 2, y: button.frame.y + button.frame.height / 2))
            taps += 1
            (state, _) = KioskFlow.step(
                state, .press(action),
                StepContext(now: Self.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 3, count: 16))),
                settings: settings)
        }
        try tap { $0 == .chooseLetter("T") }
        #expect(state.screen == .letter("T"))
        let tourism = try #require(Self.sample.agencies.first { $0.shortName.english == "Tourism Office" })
        try tap { $0 == .chooseAgency(tourism.id) }
        if case .services = state.screen { try tap { if case .chooseService = $0 { true } else { false } } }
        guard case .ticket(let ticket, _) = state.screen else {
            Issue.record("no ticket: \(state.screen)")
            return
        }
        #expect(ticket.agencyID == tourism.id && taps <= 3)
        // Back from the letter's agencies returns to the first screen with the index.
        state = Self.state(.english)
        try tap { $0 == .chooseLetter("T") }
        try tap { $0 == .back }
        #expect(state.screen == .home)
    }

    /// Kementerian Agama is under K in Indonesian; no English short name starts with K: switching
    /// language there returns to the index instead of an empty screen.
    @Test func switchingToALanguageWithoutTheLetterReturnsToTheIndex() throws {
        let settings = Self.settings(Fixtures.portrait)
        var state = Self.state(.indonesian)
        state.screen = .letter("K")
        state.history = [.home]
        let context = StepContext(now: Self.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 4, count: 16)))
        let (english, _) = KioskFlow.step(state, .press(.chooseLanguage(.english)), context, settings: settings)
        #expect(english.screen == .home && english.language == .english)
        state.screen = .letter("P")
        let (stays, _) = KioskFlow.step(state, .press(.chooseLanguage(.english)), context, settings: settings)
        #expect(stays.screen == .letter("P"), "P has agencies in English too")
    }

    /// A letter the index does not show (none starts with it) opens nothing.
    @Test func aLetterWithoutAgenciesOpensNothing() {
        let (after, _) = KioskFlow.step(
            Self.state(.indonesian), .press(.chooseLetter("Z")),
            StepContext(now: Self.now, freshTicketID: TicketID(randomBytes: [UInt8](repeating: 5, count: 16))),
            settings: Self.settings(Fixtures.portrait))
        #expect(after.screen == .home)
    }

    @Test func namesAreFiledUnderTheirFirstCapitalOrHash() {
        #expect(Catalogue.indexLetter(of: "bank BRI") == "B")
        #expect(Catalogue.indexLetter(of: " Ombudsman") == "O")
        #expect(Catalogue.indexLetter(of: "3 in 1") == "#")
        #expect(Catalogue.indexLetter(of: "Émigration") == "#")
        #expect(Catalogue.indexLetter(of: "") == "#")
    }

    /// A mall with a handful of agencies reads them at a glance: no index.
    @Test func aSmallCatalogueHasNoIndex() {
        var small = Self.sample
        small.agencies = Array(small.agencies.prefix(Catalogue.letterIndexMinimumAgencies - 1))
        #expect(small.agencyLetters(.indonesian).isEmpty)
    }
}
