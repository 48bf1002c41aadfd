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
            #expect(spoken.contains(label), "\(screen.name): \(button.action) is not read with the screen")
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
