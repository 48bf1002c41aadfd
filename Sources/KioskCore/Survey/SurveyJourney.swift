/// Where a citizen is in the survey (issue 20): scan the ticket's QR, nine questions, an optional
/// suggestion, then thanks or a kind refusal. Nothing in it identifies the citizen: the ticket id
/// links the answer to its service and day only.
public enum SurveyStep: Sendable, Hashable {
    /// "Scan your ticket's QR code".
    case scan
    /// The code scanned was not a ticket QR: said on the scan screen, which takes another scan.
    case notATicket
    /// Question `index` (0-based) of ticket `ticket`; `answers` holds the nine answers so far
    /// (0: not answered yet), so Back shows the choice made before.
    case question(TicketID, index: Int, answers: [Int])
    /// The optional suggestion typed so far on the on-screen keyboard.
    case suggestion(TicketID, answers: [Int], text: String)
    /// The answer is durable in the outbox and being sent (at most the server deadline).
    case sending(TicketID)
    /// Thank you; `later` when the server could not be reached and the answer waits in the outbox.
    case thanks(later: Bool)
    /// The server refused the answer: said kindly, in the citizen's language.
    case refused(SurveyRefusal)
}

/// What a citizen does on the survey screens (Back is the general ``Action/back``).
public enum SurveyAction: Sendable, Hashable {
    /// "Nilai layanan kami / Rate our service" on the first screen.
    case start
    /// Answer 1…4 to the question shown.
    case answer(Int)
    /// A key of the on-screen keyboard (one of ``SurveySuggestion/keys``).
    case key(Character)
    /// Erase the last character typed.
    case erase
    /// Send the answers with the suggestion typed (none when empty).
    case send
    /// Send the answers without a suggestion.
    case skip
}

/// A complete answer for one ticket, as the core hands it to the outbox.
public struct SurveyAnswer: Sendable, Hashable {
    public var ticketID: TicketID
    /// U1 … U9, each 1–4.
    public var answers: [Int]
    /// Already sanitised (``SurveySuggestion/sanitised(_:)``); nil when none was given.
    public var suggestion: String?
    /// When the citizen finished answering (kiosk clock): the server judges its window on this moment.
    public var answeredAt: Timestamp

    public init(ticketID: TicketID, answers: [Int], suggestion: String?, answeredAt: Timestamp) {
        self.ticketID = ticketID
        self.answers = answers
        self.suggestion = suggestion
        self.answeredAt = answeredAt
    }
}

/// Why the server would not take a survey; each has a kind sentence in both languages.
public enum SurveyRefusal: String, Sendable, Hashable, CaseIterable {
    /// 409 `survey-already-answered`: one survey per ticket.
    case alreadyAnswered
    /// 422 `survey-not-served`: the ticket was not (yet) served.
    case notServed
    /// 422 `survey-window-closed`: the ticket is of a day the survey no longer takes.
    case windowClosed
    /// 404: the server knows no such ticket at this site.
    case unknownTicket

    /// The refusal for a problem type's last path segment (`survey-not-served`), nil for any other.
    public init?(problemKind kind: String) {
        switch kind {
        case "survey-already-answered": self = .alreadyAnswered
        case "survey-not-served": self = .notServed
        case "survey-window-closed": self = .windowClosed
        case "not-found": self = .unknownTicket
        default: return nil
        }
    }
}

/// The answer to ``Effect/submitSurvey(_:)``.
public enum SurveyOutcome: Sendable, Hashable {
    /// The server stored it (or had stored this very answer before).
    case accepted
    /// The server could not be reached in time: it waits in the outbox and is sent on reconnect.
    case queued
    case refused(SurveyRefusal)
    /// It could not be written to the outbox: nothing was kept.
    case notRecorded
}
