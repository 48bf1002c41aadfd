import Testing

@testable import KioskCore

/// The survey journey at the kiosk (issue 20), step by step through the pure core: the first
/// screen's entry (linked kiosks only), the ticket QR read strictly, nine questions with Back, the
/// suggestion keyboard, the outbox effect, thanks or a kind refusal, and the idle reset.
@Suite struct SurveyFlowTests {
    static let settings = LinkedFlowTests.settings
    static let now = LinkedFlowTests.now
    static let id = TicketID("3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b")!
    static let qr = Array("https://antrean.mpp-badung.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b".utf8)

    /// Steps `events` from a fresh first screen; returns the final state and every effect.
    static func run(_ events: [Event], settings: FlowSettings = settings, at moment: Timestamp = now) -> (KioskState, [Effect]) {
        var state = KioskState()
        var all: [Effect] = []
        for event in events {
            let (next, effects) = KioskFlow.step(state, event, StepContext(now: moment, freshTicketID: id), settings: settings)
            state = next
            all += effects
        }
        return (state, all)
    }

    static let start = Event.press(.survey(.start))
    static func answer(_ value: Int) -> Event { .press(.survey(.answer(value))) }
    static let nineAnswers = [4, 3, 4, 3, 4, 3, 4, 3, 2]

    @Test func theWholeJourneyEndsInOneSubmitEffectWithTheAnswersInOrder() throws {
        let (state, effects) = Self.run([Self.start, .scanned(Self.qr)] + Self.nineAnswers.map(Self.answer) + [.press(.survey(.skip))])
        let expected = SurveyAnswer(ticketID: Self.id, answers: Self.nineAnswers, suggestion: nil, answeredAt: Self.now)
        #expect(effects.filter { if case .submitSurvey = $0 { true } else { false } } == [.submitSurvey(expected)])
        #expect(state.screen == .survey(.sending(Self.id)))
        let (accepted, _) = KioskFlow.step(state, .surveySubmitted(Self.id, .accepted), StepContext(now: Self.now, freshTicketID: Self.id), settings: Self.settings)
        #expect(accepted.screen == .survey(.thanks(later: false)))
        let (queued, _) = KioskFlow.step(state, .surveySubmitted(Self.id, .queued), StepContext(now: Self.now, freshTicketID: Self.id), settings: Self.settings)
        #expect(queued.screen == .survey(.thanks(later: true)))
    }

    @Test func aStandaloneKioskOffersNoSurvey() {
        var standalone = Self.settings
        standalone.linked = false
        let (state, effects) = Self.run([Self.start], settings: standalone)
        #expect(state.screen == .home && effects.isEmpty)
    }

    @Test func backGoesToThePreviousQuestionWithItsAnswerKeptThenToTheScanAndHome() {
        let (state, _) = Self.run([Self.start, .scanned(Self.qr), Self.answer(2), Self.answer(4), .press(.back)])
        #expect(state.screen == .survey(.question(Self.id, index: 1, answers: [2, 4, 0, 0, 0, 0, 0, 0, 0])))
        let (changed, _) = Self.run([Self.start, .scanned(Self.qr), Self.answer(2), .press(.back), Self.answer(1)])
        #expect(changed.screen == .survey(.question(Self.id, index: 1, answers: [1, 0, 0, 0, 0, 0, 0, 0, 0])))
        let (scan, _) = Self.run([Self.start, .scanned(Self.qr), .press(.back)])
        #expect(scan.screen == .survey(.scan))
        let (home, _) = Self.run([Self.start, .scanned(Self.qr), .press(.back), .press(.back)])
        #expect(home.screen == .home && home.history.isEmpty)
        let (fromSuggestion, _) = Self.run([Self.start, .scanned(Self.qr)] + Self.nineAnswers.map(Self.answer) + [.press(.back)])
        #expect(fromSuggestion.screen == .survey(.question(Self.id, index: 8, answers: Self.nineAnswers)))
    }

    @Test func anAnswerOutsideOneToFourChangesNothing() {
        let (state, _) = Self.run([Self.start, .scanned(Self.qr), Self.answer(0), Self.answer(5), Self.answer(-1)])
        #expect(state.screen == .survey(.question(Self.id, index: 0, answers: Array(repeating: 0, count: 9))))
    }

    /// The QR holds the citizen page's link; anything looser is not a ticket.
    @Test(arguments: [
        "3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",  // a bare id: not the ticket's QR
        "https://x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b?a=1",
        "https://x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b#f",
        "https://x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6bX",
        "https://x.example/s/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https://x.example/t//3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https:///t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https://user@x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https://x.example%2f/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "ftp://x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https://x.example/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6",
        "https://x.example/t/3f2a9c1e+8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "https://x.éxample/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
        "MPP-7QH2M9XKD4",
    ])
    func aCodeThatIsNotExactlyATicketLinkIsNotATicket(_ code: String) {
        #expect(SurveyCode.ticketID(in: Array(code.utf8)) == nil, "\(code)")
        let (state, effects) = Self.run([Self.start, .scanned(Array(code.utf8))])
        #expect(state.screen == .survey(.notATicket))
        #expect(!effects.contains { if case .submitSurvey = $0 { true } else { false } })
    }

    @Test func ticketLinksWithAPortAPathOrUppercaseAreRead() {
        for code in [
            "http://127.0.0.1:8080/t/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
            "https://mpp.example/antrean/t/3F2A9C1E-8B7D-4E6F-9A0B-1C2D3E4F5A6B",
        ] {
            #expect(SurveyCode.ticketID(in: Array(code.utf8)) == Self.id, "\(code)")
        }
        let (state, _) = Self.run([Self.start, .scanned(Array("nonsense".utf8)), .scanned(Self.qr)])
        #expect(state.screen == .survey(.question(Self.id, index: 0, answers: Array(repeating: 0, count: 9))), "a second scan after a wrong code")
    }

    @Test func theSuggestionIsTypedOnTheKeyboardLimitedAndSanitised() throws {
        let typing = "HALO 0812 3456 7890 OK".map { Event.press(.survey(.key($0))) }
        let (state, effects) = Self.run(
            [Self.start, .scanned(Self.qr)] + Self.nineAnswers.map(Self.answer) + [.press(.survey(.key(" ")))] + typing
                + [.press(.survey(.key("!"))), .press(.survey(.key("\u{202E}"))), .press(.survey(.key("x")))]
                + [.press(.survey(.key("K"))), .press(.survey(.erase)), .press(.survey(.send))])
        #expect(state.screen == .survey(.sending(Self.id)))
        let sent = try #require(effects.compactMap { if case .submitSurvey(let a) = $0 { a } else { nil } }.first)
        #expect(sent.suggestion == "HALO *** OK", "no leading space, no keys outside the keyboard, the phone number hidden")
        var long = ""
        for _ in 0..<500 { long = SurveySuggestion.typing("A", into: long) }
        #expect(long.count == SurveySuggestion.maxLength)
        #expect(SurveySuggestion.sanitised("   ") == nil)
        #expect(SurveySuggestion.sanitised("NIK 5103.0112.3456.0001 SAYA") == "NIK *** SAYA")
        #expect(SurveySuggestion.sanitised("ANTRE 1234567 MENIT") == "ANTRE 1234567 MENIT", "seven digits are kept")
        #expect(SurveySuggestion.sanitised("HP 0812,3456?7890 OK") == "HP *** OK", "any key but a letter between the digits")
    }

    @Test(arguments: SurveyRefusal.allCases)
    func aRefusalIsSaidKindlyInTheCitizensLanguage(_ refusal: SurveyRefusal) {
        var (state, _) = Self.run([Self.start, .press(.chooseLanguage(.english)), .scanned(Self.qr)] + Self.nineAnswers.map(Self.answer) + [.press(.survey(.skip))])
        (state, _) = KioskFlow.step(state, .surveySubmitted(Self.id, .refused(refusal)), StepContext(now: Self.now, freshTicketID: Self.id), settings: Self.settings)
        #expect(state.screen == .survey(.refused(refusal)) && state.language == .english)
        #expect(Translations.text(Translations.surveyRefusal(refusal), .english) != Translations.text(Translations.surveyRefusal(refusal), .indonesian))
        (state, _) = KioskFlow.step(state, .press(.back), StepContext(now: Self.now, freshTicketID: Self.id), settings: Self.settings)
        #expect(state.screen == .home && state.language == .indonesian, "Done starts afresh")
    }

    @Test func aLateOutcomeAfterTheCitizenLeftChangesNoScreen() {
        let (state, effects) = Self.run([.surveySubmitted(Self.id, .accepted)])
        #expect(state.screen == .home)
        #expect(effects.count == 1, "only logged")
    }

    @Test func anIdleCitizenIsForgottenMidQuestionsAndTheThanksCloseByThemselves() {
        let (asking, _) = Self.run([Self.start, .scanned(Self.qr), Self.answer(3)])
        var state = asking
        for seconds in [31, 45] {
            (state, _) = KioskFlow.step(state, .tick, StepContext(now: Self.now.adding(seconds: seconds), freshTicketID: Self.id), settings: Self.settings)
        }
        #expect(state.screen == .home && state.history.isEmpty, "nothing of the answers is kept")
        var (thanks, _) = Self.run([Self.start, .scanned(Self.qr)] + Self.nineAnswers.map(Self.answer) + [.press(.survey(.skip)), .surveySubmitted(Self.id, .queued)])
        (thanks, _) = KioskFlow.step(thanks, .tick, StepContext(now: Self.now.adding(seconds: 11), freshTicketID: Self.id), settings: Self.settings)
        #expect(thanks.screen == .home)
    }

    @Test func otherScansAreIgnoredMidQuestions() {
        let (state, effects) = Self.run([Self.start, .scanned(Self.qr), .scanned(Array("MPP-7QH2M9XKD4".utf8))])
        #expect(state.screen == .survey(.question(Self.id, index: 0, answers: Array(repeating: 0, count: 9))))
        #expect(!effects.contains { if case .lookUpBooking = $0 { true } else { false } })
    }
}
