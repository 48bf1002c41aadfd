import KioskCore

/// The citizen satisfaction survey's screens (issue 20): scan the ticket, nine questions with four
/// large answers each, the suggestion keyboard, sending, thanks or a kind refusal.
extension ScreenComposer {
    mutating func composeSurvey(_ step: SurveyStep) {
        switch step {
        case .scan, .notATicket:
            composeChoiceTitle(.surveyTitle, in: geometry.title)
            composeSurveyScan(notATicket: step == .notATicket)
            addBackButton()
        case .question(_, let index, let answers):
            composeSurveyQuestion(index, answers: answers)
            addBackButton()
        case .suggestion(_, _, let typed):
            composeSurveySuggestion(typed)
        case .sending:
            addText(text(.surveySending), .bold, px(72), minimum: px(36), maxLines: 3, in: geometry.content, align: .center, color: Theme.progress)
        case .thanks(let later):
            composeSurveyEnd(later ? .surveyThanksLater : .surveyThanks, color: Theme.success)
        case .refused(let refusal):
            composeSurveyEnd(Translations.surveyRefusal(refusal), color: Theme.warning)
        }
    }

    /// "Nilai layanan kami / Rate our service", the first screen's one way into the survey (linked kiosks).
    mutating func addSurveyButton(_ frame: Rect) {
        addButton(frame, .survey(.start), enabled: true)
        addText(text(.surveyButton), .bold, px(36), minimum: px(20), maxLines: 2, in: frame.inset(by: px(12)), align: .center, color: Theme.buttonText)
    }

    private mutating func composeSurveyScan(notATicket: Bool) {
        let content = geometry.content
        plan.paints.append(.box(content, Theme.panel, radius: px(36)))
        let inner = content.inset(by: px(48))
        var blocks = [(fitted(text(.surveyScan), .bold, px(56), minimum: px(28), maxLines: 6, in: sized(inner, 60)), Theme.title)]
        if notATicket {
            blocks.append((fitted(text(.surveyNotATicket), .bold, px(44), minimum: px(22), maxLines: 3, in: sized(inner, 30)), Theme.warning))
        }
        addStack(blocks, spacing: px(40), in: inner, align: .center)
    }

    /// "Question 3 of 9", the element's name, the question, and the four answers, one per row (the
    /// one chosen before marked, when the citizen came Back).
    private mutating func composeSurveyQuestion(_ index: Int, answers: [Int]) {
        guard let element = SurveyElement.at(index) else { return }
        let title = geometry.title
        let counter = text(.surveyQuestionOf, ["n": String(index + 1), "count": String(SurveyElement.count)])
        addStack(
            [(fitted(counter, .regular, px(38), minimum: px(20), maxLines: 1, in: sized(title, 35)), Theme.secondaryText),
             (fitted(Translations.surveyElementName(element)(language), .bold, px(52), minimum: px(26), maxLines: 1, in: sized(title, 55)), Theme.title)],
            spacing: px(8), in: title, align: .leading)
        let content = geometry.content
        let questionBox = Rect(x: content.x, y: content.y, width: content.width, height: content.height * 30 / 100)
        addText(Translations.surveyQuestion(element)(language), .bold, px(50), minimum: px(26), maxLines: 4, in: questionBox, color: Theme.title)
        let gap = px(20)
        let listTop = questionBox.maxY + gap
        let labels = Translations.surveyAnswers(element)
        let rowHeight = min(px(190), (content.maxY - listTop - gap * (labels.count - 1)) / labels.count)
        let chosen = answers.indices.contains(index) ? answers[index] : 0
        for (offset, label) in labels.enumerated() {
            let value = offset + 1
            let frame = Rect(x: content.x, y: listTop + offset * (rowHeight + gap), width: content.width, height: rowHeight)
            addButton(frame, .survey(.answer(value)), enabled: true)
            addText(
                label(language) + (value == chosen ? "  ✓" : ""), .bold, px(50), minimum: px(24), maxLines: 1,
                in: frame.inset(by: px(24)), color: Theme.buttonText)
        }
    }

    /// The suggestion typed so far over the keyboard; Back, Skip and Send in the footer.
    private mutating func composeSurveySuggestion(_ typed: String) {
        composeTitle(text(.surveySuggestionTitle))
        let content = geometry.content
        let help = Rect(x: content.x, y: content.y, width: content.width, height: px(60))
        addText(
            text(.surveySuggestionHelp, ["max": String(SurveySuggestion.maxLength)]), .regular, px(34), minimum: px(18), maxLines: 1,
            in: help, color: Theme.secondaryText)
        let rows = SurveySuggestion.rows.map { $0.map { Action.survey(.key($0)) } } + [[.survey(.key(" ")), .survey(.erase)]]
        let gap = px(14)
        let keyHeight = min(px(110), (content.height * 62 / 100 - gap * (rows.count - 1)) / rows.count)
        let keyboardHeight = rows.count * keyHeight + (rows.count - 1) * gap
        let field = Rect(x: content.x, y: help.maxY + gap, width: content.width, height: content.maxY - keyboardHeight - help.maxY - 3 * gap)
        let border = max(2, px(4))
        plan.paints.append(.box(field, Theme.navigationText, radius: px(12)))
        plan.paints.append(.box(field.inset(by: border), Theme.navigation, radius: px(12) - border))
        addText(typed + "_", .regular, px(44), minimum: px(22), maxLines: 4, in: field.inset(by: px(20)), color: Theme.title)
        let keyWidth = min(px(150), (content.width - 9 * gap) / 10)
        var top = content.maxY - keyboardHeight
        for row in rows {
            let widths = row.map { action -> Int in action == .survey(.key(" ")) ? keyWidth * 5 : action == .survey(.erase) ? keyWidth * 2 : keyWidth }
            let rowWidth = widths.reduce(0, +) + gap * (row.count - 1)
            var x = content.x + (content.width - rowWidth) / 2
            for (action, width) in zip(row, widths) {
                let frame = Rect(x: x, y: top, width: width, height: keyHeight)
                // A key that would change nothing (erase with nothing typed, a leading or second space, a full
                // text) is shown disabled rather than pressed in vain.
                let changes = switch action {
                case .survey(.key(let key)): SurveySuggestion.typing(key, into: typed) != typed
                default: !typed.isEmpty
                }
                addButton(frame, action, enabled: changes)
                addText(keyLabel(action), .bold, px(44), minimum: px(22), maxLines: 1, in: frame.inset(by: px(8)), align: .center, color: changes ? Theme.buttonText : Theme.disabledText)
                x += width + gap
            }
            top += keyHeight + gap
        }
        addBackButton()
        addNavigationButton(geometry.previousButton, .survey(.skip), label: .surveySkip)
        addButton(geometry.nextButton, .survey(.send), enabled: true)
        addText(text(.surveySend), .bold, px(44), minimum: px(24), maxLines: 1, in: geometry.nextButton.inset(by: px(16)), align: .center, color: Theme.buttonText)
    }

    private func keyLabel(_ action: Action) -> String {
        switch action {
        case .survey(.key(" ")): text(.surveySpace)
        case .survey(.key(let key)): String(key)
        case .survey(.erase): text(.surveyErase)
        default: ""
        }
    }

    /// Thanks or a refusal, large, and Done (back to the first screen).
    private mutating func composeSurveyEnd(_ key: TextKey, color: Color) {
        composeTitle(text(.surveyTitle))
        let content = geometry.content
        plan.paints.append(.box(content, Theme.panel, radius: px(36)))
        addText(text(key), .bold, px(64), minimum: px(30), maxLines: 6, in: content.inset(by: px(48)), align: .center, color: color)
        addNavigationButton(geometry.doneButton, .back, label: .done)
    }
}
