import KioskCore
import Testing

@testable import KioskUI

/// What each screen says: the right words, in the right language, colour and size.
@Suite struct ScreenContentTests {
    private struct Line {
        var text: String
        var size: Int
        var color: Color
    }

    private func lines(
        _ screen: Screen, _ language: Language = .indonesian, size: ScreenSize = Fixtures.portrait,
        catalogue: Catalogue = Fixtures.catalogue
    ) throws -> [Line] {
        var settings = Fixtures.settings(size)
        settings.catalogue = catalogue
        let plan = try Fixtures.renderer(size).plan(Fixtures.state(screen, language), settings, Fixtures.now)
        return plan.paints.compactMap {
            guard case .text(let text, let style, _, _, let color) = $0 else { return nil }
            return Line(text: text, size: style.size, color: color)
        }
    }

    private func allText(_ lines: [Line]) -> String { lines.map(\.text).joined(separator: " ") }

    @Test func theFirstScreenShowsTheTimeAndBothLanguagesUntilOneIsChosen() throws {
        let text = allText(try lines(.home))
        #expect(text.contains("10:15"))
        #expect(text.contains("Pilih instansi") && text.contains("Choose an agency"))
        #expect(text.contains(Fixtures.kioskID))
        var chosen = Fixtures.state(.home, .english)
        chosen.languageChosen = true
        let english = try Fixtures.renderer(Fixtures.portrait).plan(chosen, Fixtures.settings(Fixtures.portrait), Fixtures.now)
            .paints.compactMap { if case .text(let text, _, _, _, _) = $0 { text } else { nil } }.joined(separator: " ")
        #expect(english.contains("Choose an agency") && !english.contains("Pilih instansi"))
    }

    @Test func onlyASampleCatalogueIsMarkedAsSample() throws {
        let marker = Translations.text(.sampleCatalogue, .indonesian)
        #expect(allText(try lines(.home)).contains(marker))
        var official = Fixtures.catalogue
        official.isSample = false
        #expect(!allText(try lines(.home, catalogue: official)).contains(marker))
    }

    @Test(arguments: [Language.indonesian, .english])
    func closedAndFullServicesSayWhy(_ language: Language) throws {
        let text = allText(try lines(.services(Fixtures.civilRegistry, page: 0), language))
        #expect(text.contains(Translations.text(.serviceClosed, language)))
        #expect(text.contains(Translations.text(.serviceFull, language)))
    }

    @Test func englishScreensUseEnglishShortNamesAndTheServiceScreenTheOfficialName() throws {
        let text = allText(try lines(.home, .english))
        #expect(text.contains("Civil Registry") && !text.contains("Disdukcapil"))
        let services = allText(try lines(.services(Fixtures.civilRegistry, page: 0), .english))
        #expect(services.contains("Population and Civil"))
        #expect(!services.contains("Kependudukan"))
    }

    @Test(arguments: Fixtures.sizes)
    func theTicketNumberIsVeryLarge(_ size: ScreenSize) throws {
        let number = try #require(try lines(.ticket(Fixtures.ticket(), .printed), size: size).first { $0.text == "B-007" })
        #expect(number.size >= 250)
    }

    @Test func aFailedPrintIsToldInTheWarningColour() throws {
        let failed = try lines(.ticket(Fixtures.ticket(), .failed))
        let warning = failed.filter { $0.color == Theme.warning }.map(\.text).joined(separator: " ")
        #expect(warning == Translations.text(.printFailed, .indonesian))
        let printing = allText(try lines(.ticket(Fixtures.ticket(), .printing)))
        #expect(printing.contains(Translations.text(.printing, .indonesian)))
    }

    @Test func aMissingFontIsNamed() {
        let missing = "/nonexistent/fonts/DejaVuSans.ttf"
        let error = #expect(throws: FontError.self) { try Typesetter(regularPath: missing) }
        #expect(error?.path == missing)
    }
}
