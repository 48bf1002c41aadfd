/// The citizen satisfaction survey (issue 20): "Nilai layanan kami / Rate our service" on a linked
/// kiosk's first screen → scan the ticket's QR → nine questions, one a screen, Back allowed → an
/// optional suggestion on the on-screen keyboard → thanks, or a kind refusal from the server.
///
/// Nothing identifies the citizen: no name, NIK or phone is asked; an idle reset forgets everything.
extension KioskFlow {
    static func surveyPress(_ action: SurveyAction, _ state: inout KioskState, _ now: Timestamp, _ settings: FlowSettings) -> [Effect] {
        switch (state.screen, action) {
        case (.home, .start) where settings.linked:
            go(to: .survey(.scan), &state)
            return [.log(.info, "survey: started")]
        case (.survey(.question(let ticket, let index, var answers)), .answer(let answer)) where SurveyElement.scale.contains(answer):
            answers[index] = answer
            let next = index + 1
            state.screen = next < SurveyElement.count
                ? .survey(.question(ticket, index: next, answers: answers)) : .survey(.suggestion(ticket, answers: answers, text: ""))
        case (.survey(.suggestion(let ticket, let answers, let text)), .key(let key)):
            state.screen = .survey(.suggestion(ticket, answers: answers, text: SurveySuggestion.typing(key, into: text)))
        case (.survey(.suggestion(let ticket, let answers, let text)), .erase):
            state.screen = .survey(.suggestion(ticket, answers: answers, text: String(text.dropLast())))
        case (.survey(.suggestion(let ticket, let answers, let text)), .send):
            return submit(SurveyAnswer(ticketID: ticket, answers: answers, suggestion: SurveySuggestion.sanitised(text), answeredAt: now), &state)
        case (.survey(.suggestion(let ticket, let answers, _)), .skip):
            return submit(SurveyAnswer(ticketID: ticket, answers: answers, suggestion: nil, answeredAt: now), &state)
        default:
            break
        }
        return []
    }

    /// Back on a survey screen: the question before (its answer still chosen), the scan screen from
    /// the first question, the first screen from the scan screen or the end.
    static func surveyBack(_ state: inout KioskState) {
        switch state.screen {
        case .survey(.question(let ticket, let index, let answers)) where index > 0:
            state.screen = .survey(.question(ticket, index: index - 1, answers: answers))
        case .survey(.question):
            state.screen = .survey(.scan)
        case .survey(.suggestion(let ticket, let answers, _)):
            state.screen = .survey(.question(ticket, index: SurveyElement.count - 1, answers: answers))
        case .survey(.sending):
            break  // The answer is on its way; the outcome (or the idle reset) moves on.
        default:
            startAfresh(&state)
        }
    }

    /// A scan on the "scan your ticket" screen: a ticket QR starts the questions, anything else is
    /// said not to be a ticket (on the same screen, so the citizen can scan again).
    static func surveyScanned(_ bytes: [UInt8], _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        state.lastActivity = now
        guard let id = SurveyCode.ticketID(in: bytes) else {
            state.screen = .survey(.notATicket)
            return [.log(.info, "survey: the scanned code is not a ticket QR: \(ScanClassifier.escapedForLog(bytes))")]
        }
        state.screen = .survey(.question(id, index: 0, answers: Array(repeating: 0, count: SurveyElement.count)))
        return [.log(.info, "survey: a ticket scanned")]
    }

    static func surveySubmitted(_ id: TicketID, _ outcome: SurveyOutcome, _ state: inout KioskState, _ now: Timestamp) -> [Effect] {
        let log: Effect
        switch outcome {
        case .accepted: log = .log(.info, "a survey answer stored by the queue server")
        case .queued: log = .log(.info, "a survey answer waits in the outbox")
        case .refused(let refusal): log = .log(.info, "a survey answer refused by the queue server: \(refusal.rawValue)")
        case .notRecorded: log = .log(.error, "a survey answer could not be written to the outbox")
        }
        guard state.screen == .survey(.sending(id)) else { return [log] }  // The citizen left already.
        state.lastActivity = now
        switch outcome {
        case .accepted: state.screen = .survey(.thanks(later: false))
        case .queued: state.screen = .survey(.thanks(later: true))
        case .refused(let refusal): state.screen = .survey(.refused(refusal))
        case .notRecorded: state.screen = .notice(.surveyNotRecorded, returnTo: .home)
        }
        return [log]
    }

    private static func submit(_ answer: SurveyAnswer, _ state: inout KioskState) -> [Effect] {
        state.screen = .survey(.sending(answer.ticketID))
        return [.submitSurvey(answer)]
    }
}
