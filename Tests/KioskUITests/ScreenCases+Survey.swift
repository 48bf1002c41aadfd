import KioskCore

extension Fixtures {
    static let surveyTicket = TicketID("3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b")!

    /// The survey's screens on a linked kiosk, in both languages, named like their golden images.
    static let surveyCases: [ScreenCase] = sizes.flatMap { size in
        let orientation = size.isPortrait ? "portrait" : "landscape"
        let some = [4, 3, 2, 0, 0, 0, 0, 0, 0]
        let all = [4, 3, 4, 3, 4, 3, 4, 3, 4]
        let states: [(String, KioskState)] = [
            ("home-linked", state(.home)),
            ("home-linked-en", state(.home, .english)),
            ("survey-scan-id", state(.survey(.scan))),
            ("survey-not-a-ticket-en", state(.survey(.notATicket), .english)),
            ("survey-question-1-id", state(.survey(.question(surveyTicket, index: 0, answers: Array(repeating: 0, count: 9))))),
            ("survey-question-2-back-en", state(.survey(.question(surveyTicket, index: 1, answers: some)), .english)),
            ("survey-question-5-id", state(.survey(.question(surveyTicket, index: 4, answers: some)))),
            ("survey-question-8-en", state(.survey(.question(surveyTicket, index: 7, answers: all)), .english)),
            ("survey-suggestion-id", state(.survey(.suggestion(surveyTicket, answers: all, text: "WIFI OK, AC DINGIN")))),
            ("survey-suggestion-en", state(.survey(.suggestion(surveyTicket, answers: all, text: "")), .english)),
            ("survey-sending-id", state(.survey(.sending(surveyTicket)))),
            ("survey-thanks-id", state(.survey(.thanks(later: false)))),
            ("survey-thanks-later-en", state(.survey(.thanks(later: true)), .english)),
            ("survey-already-answered-id", state(.survey(.refused(.alreadyAnswered)))),
            ("survey-not-served-en", state(.survey(.refused(.notServed)), .english)),
            ("survey-window-closed-id", state(.survey(.refused(.windowClosed)))),
        ]
        return states.map { ScreenCase(name: "\(orientation)-\($0.0)", size: size, state: $0.1, linked: true) }
    }
}
