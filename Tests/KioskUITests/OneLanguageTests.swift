import KioskCore
import Testing

@testable import KioskUI

/// Issue 18's bar "no citizen-facing screen in one language only where the citizen chose the
/// other", checked on what the screens really paint: once a language is chosen, no word on a
/// citizen screen belongs only to the other language, unless that text's own-language twin is
/// on the screen too (a deliberately bilingual line such as the SAMPLE band).
@Suite struct OneLanguageTests {
    /// Every text the citizen screens draw from: the translation table and the catalogue.
    static let texts: [LocalizedText] =
        TextKey.allCases.map(Translations.entry)
        + Fixtures.catalogue.agencies.flatMap { agency in
            [agency.name, agency.shortName] + agency.services.flatMap { [$0.name] + ($0.counter.map { [$0] } ?? []) }
        }
        + Fixtures.largerMall.categories.map(\.name) + Fixtures.catalogue.calendar.entries.map(\.name)
        + Fixtures.largerMall.agencies.map(\.name)
        + [Fixtures.mallName]

    /// The words (letters only, lower case, two letters or more) of `text`.
    static func words(_ text: String) -> Set<String> {
        Set(
            text.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 2 })
    }

    /// The literal parts of a template, placeholders (`{name}`) cut out.
    static func fragments(_ template: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            parts.append(String(rest[..<open]))
            rest = rest[rest.index(after: close)...]
        }
        parts.append(String(rest))
        return parts.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Words of `language`'s texts that no text of the other language has.
    static func onlyIn(_ language: Language) -> Set<String> {
        let own = texts.reduce(into: Set<String>()) { $0.formUnion(words($1(language))) }
        let other = texts.reduce(into: Set<String>()) { $0.formUnion(words($1(language.other))) }
        return own.subtracting(other)
    }

    /// The screen's text with every deliberately bilingual text (both languages present) removed.
    static func withoutBilingualPairs(_ shown: String) -> String {
        var rest = shown
        for text in texts {
            let both = fragments(text.indonesian) + fragments(text.english)
            guard both.allSatisfy({ rest.contains($0) }) else { continue }
            for fragment in both { rest = rest.replacingAll(fragment, with: " ") }
        }
        return rest
    }

    /// `screen` with the language chosen, and a ticket on it in that language (as the flow issues it).
    static func chosen(_ screen: ScreenCase, _ language: Language) -> KioskState {
        var state = screen.state
        state.language = language
        state.languageChosen = true
        switch state.screen {
        case .ticket(var ticket, let printState):
            ticket.language = language
            state.screen = .ticket(ticket, printState)
        case .ticketStatus(var ticket):
            ticket.language = language
            state.screen = .ticketStatus(ticket)
        default: break
        }
        return state
    }

    /// Citizen screens: not the technician's diagnostics, and not out-of-service (always both
    /// languages, with a reason for the technician in English).
    static let citizenCases = Fixtures.screenCases.filter {
        switch $0.state.screen {
        case .diagnostics, .outOfService: false
        default: true
        }
    }

    @Test(arguments: citizenCases)
    func aChosenLanguageIsTheOnlyOneShown(_ screen: ScreenCase) throws {
        for language in [Language.indonesian, .english] {
            let plan = try Fixtures.renderer(screen.size).plan(
                Self.chosen(screen, language), screen.settings, screen.now)
            // The ID | EN switch names each language by its code on every screen.
            let shown = plan.paints.compactMap { paint -> String? in
                guard case .text(let line, _, _, _, _) = paint, line != "ID", line != "EN" else { return nil }
                return line
            }
            // A word cut by an ellipsis ("Kependudukan d…") is not a word.
            let rest = Self.withoutBilingualPairs(shown.joined(separator: " "))
                .split(separator: " ").filter { !$0.hasSuffix("…") }.joined(separator: " ")
            let foreign = Self.words(rest).intersection(Self.onlyIn(language.other))
            #expect(foreign.isEmpty, "\(screen.name) in \(language): \(foreign.sorted()) in \(shown)")
        }
    }

    @Test func theCheckSeesAnotherLanguage() throws {
        // The same check on an English screen whose language was not chosen (titles in both) and
        // on one drawn with the other language's words must complain.
        let mixed = "Choose an agency " + Translations.text(.takeYourTicket, .indonesian)
        #expect(!Self.words(Self.withoutBilingualPairs(mixed)).intersection(Self.onlyIn(.indonesian)).isEmpty)
        let bilingual = Translations.text(.stillThere, .indonesian) + " / " + Translations.text(.stillThere, .english)
        #expect(Self.words(Self.withoutBilingualPairs(bilingual)).intersection(Self.onlyIn(.indonesian)).isEmpty)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
