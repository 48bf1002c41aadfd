import KioskCore
import Testing

@testable import KioskUI

/// The speech guidance says what the eye sees: every button of every citizen screen is named, in
/// the screen's language, with the words printed on it.
@Suite struct SpeechScriptTests {
    /// Lower-case words of letters and digits, the paging arrows and punctuation dropped.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    @Test(arguments: OneLanguageTests.citizenCases)
    func everyButtonIsNamedWithTheWordsOnIt(_ screen: ScreenCase) throws {
        let plan = try Fixtures.renderer(screen.size).plan(screen.state, screen.settings, screen.now)
        let spoken = SpeechScript.utterances(
            screen.state, buttons: plan.buttons.map(\.action), settings: screen.settings, now: screen.now)
        for button in plan.buttons {
            let label = try #require(
                SpeechScript.label(button.action, screen.state, settings: screen.settings, now: screen.now),
                "\(screen.name): \(button.action) says nothing")
            // A first screen with a letter index reads its letters; its agencies are read under a letter.
            let readUnderALetter = screen.state.screen == .home && plan.buttons.contains { if case .chooseLetter = $0.action { true } else { false } }
            if case .chooseAgency = button.action, readUnderALetter {
                #expect(!spoken.contains(label), "\(screen.name): \(button.action) is read with the letters")
            } else {
                #expect(spoken.contains(label), "\(screen.name): \(button.action) is not read with the screen")
            }
            // What is printed on the button, its ID | EN switch letters aside.
            let printed = plan.paints.compactMap { paint -> String? in
                guard case .text(let line, _, let x, let baseline, _) = paint, button.frame.contains(x: x + 1, y: baseline - 2)
                else { return nil }
                return line
            }.joined(separator: " ")
            // The ID | EN switch shows two letters and says the language's name; "Still there?"
            // makes the whole screen its button, and the introduction reads the prompt.
            if case .chooseLanguage = button.action { continue }
            if button.action == .stillHere { continue }
            let heard = Set(Self.words(label.text))
            // An ellipsized label ("…") loses its last word's tail: compare the whole words before it.
            let ellipsized = printed.contains("…")
            let seen = Self.words(printed.split(separator: "…").first.map(String.init) ?? "").dropLast(ellipsized ? 1 : 0)
            let missing = seen.filter { !heard.contains($0) }
            #expect(missing.isEmpty, "\(screen.name): \(button.action) shows \"\(printed)\" but says \"\(label.text)\"")
        }
    }

    @Test(arguments: OneLanguageTests.citizenCases)
    func aChosenLanguageIsSpokenInThatVoiceOnly(_ screen: ScreenCase) throws {
        for language in [Language.indonesian, .english] {
            let state = OneLanguageTests.chosen(screen, language)
            let plan = try Fixtures.renderer(screen.size).plan(state, screen.settings, screen.now)
            let spoken = SpeechScript.utterances(state, buttons: plan.buttons.map(\.action), settings: screen.settings, now: screen.now)
            #expect(!spoken.isEmpty)
            for utterance in spoken where utterance.language != language {
                // Only the switch to the other language names itself in its own voice.
                #expect(utterance == SpeechScript.label(.chooseLanguage(language.other), state, settings: screen.settings, now: screen.now),
                    "\(screen.name) in \(language): \"\(utterance.text)\" in \(utterance.language)")
            }
        }
    }

    /// The sample's first screen read in full took 31 agency names; it reads its letters instead, and a
    /// letter's screen its agencies: every agency is still read on the way, the first screen far shorter.
    @Test(arguments: Language.allCases)
    func theFirstScreenReadsItsLettersAndEachLetterItsAgencies(_ language: Language) throws {
        let size = Fixtures.portrait
        let settings = LetterIndexTests.settings(size)
        let renderer = try LetterIndexTests.renderer(size)
        let home = LetterIndexTests.state(language)
        let buttons = renderer.layout(home, settings: settings, now: LetterIndexTests.now).buttons.map(\.action)
        let spoken = SpeechScript.utterances(home, buttons: buttons, settings: settings, now: LetterIndexTests.now)
        let everything = SpeechScript.introduction(home, settings: settings, now: LetterIndexTests.now)
            + buttons.compactMap { SpeechScript.label($0, home, settings: settings, now: LetterIndexTests.now) }
        let letters = TapCountTests.sampleCatalogue.agencyLetters(language)
        for letter in letters {
            #expect(spoken.contains(Utterance(Translations.letterName(letter, language), language)))
        }
        #expect(spoken.contains(Utterance(Translations.text(.speechLetters, language), language)))
        let characters = spoken.reduce(0) { $0 + $1.text.count }
        let before = everything.reduce(0) { $0 + $1.text.count }
        print("first screen read aloud in \(language): \(characters) characters, \(before) with every agency")
        #expect(characters * 2 < before, "\(characters) of \(before) characters")
        var heard: Set<String> = []
        for letter in letters {
            var state = home
            state.screen = .letter(letter)
            state.history = [.home]
            let onLetter = renderer.layout(state, settings: settings, now: LetterIndexTests.now).buttons.map(\.action)
            heard.formUnion(SpeechScript.utterances(state, buttons: onLetter, settings: settings, now: LetterIndexTests.now).map(\.text))
        }
        for agency in TapCountTests.sampleCatalogue.agencies {
            #expect(heard.contains(agency.shortName(language)), "\(agency.id) is read under its letter")
        }
    }

    @Test func beforeAChoiceTheFirstScreenIsIntroducedInBothLanguagesAndTheTicketNumberSpelled() throws {
        let home = SpeechScript.introduction(Fixtures.state(.home), settings: Fixtures.settings(Fixtures.portrait), now: Fixtures.now)
        #expect(home.map(\.text) == ["Pilih instansi", "Choose an agency"])
        #expect(home.map(\.language) == [.indonesian, .english])
        var state = Fixtures.state(.ticket(Fixtures.ticket(.english), .printed), .english)
        state.languageChosen = true
        let ticket = SpeechScript.introduction(state, settings: Fixtures.settings(Fixtures.portrait), now: Fixtures.now)
        #expect(ticket.first?.text == "Your queue number: B 0 0 7")
        #expect(ticket.last?.text == Translations.text(.takeYourTicket, .english))
    }
}
