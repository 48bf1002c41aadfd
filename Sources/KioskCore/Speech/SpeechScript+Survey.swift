/// What the speech guidance says on the survey's screens.
extension SpeechScript {
    static func surveyKeys(_ step: SurveyStep) -> [TextKey] {
        switch step {
        case .scan: [.surveyTitle, .surveyScan]
        case .notATicket: [.surveyNotATicket, .surveyScan]
        case .question: []
        case .suggestion: [.surveySuggestionTitle, .surveySuggestionHelp]
        case .sending: [.surveySending]
        case .thanks(let later): [later ? .surveyThanksLater : .surveyThanks]
        case .refused(let refusal): [Translations.surveyRefusal(refusal)]
        }
    }

    /// "Question 3 of 9" and the question, in `language`.
    static func surveySpoken(_ step: SurveyStep) -> [(Language) -> String] {
        switch step {
        case .question(_, let index, _):
            guard let element = SurveyElement.at(index) else { return [] }
            return [
                { Translations.text(.surveyQuestionOf, $0, ["n": String(index + 1), "count": String(SurveyElement.count)]) },
                Translations.surveyQuestion(element).callAsFunction,
            ]
        case .suggestion(_, _, let text) where !text.isEmpty:
            return [{ _ in text }]
        default:
            return []
        }
    }

    static func surveyLabel(_ action: SurveyAction, _ state: KioskState) -> Utterance? {
        let language = state.language
        func say(_ key: TextKey) -> Utterance { Utterance(Translations.text(key, language), language) }
        switch action {
        case .start: return say(.surveyButton)
        case .answer(let value):
            guard case .survey(.question(_, let index, _)) = state.screen, let element = SurveyElement.at(index),
                SurveyElement.scale.contains(value)
            else { return nil }
            return Utterance(Translations.surveyAnswers(element)[value - 1](language), language)
        case .key(" "): return say(.surveySpace)
        case .key("."): return say(.surveyKeyStop)
        case .key(","): return say(.surveyKeyComma)
        case .key("?"): return say(.surveyKeyQuestion)
        case .key(let key):
            let template: TextKey = key.isNumber ? .surveyKeyDigit : .surveyKeyLetter
            return Utterance(Translations.text(template, language, ["key": String(key)]), language)
        case .erase: return say(.surveyErase)
        case .send: return say(.surveySend)
        case .skip: return say(.surveySkip)
        }
    }
}
