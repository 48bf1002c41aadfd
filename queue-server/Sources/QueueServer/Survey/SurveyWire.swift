/// One citizen's answer to the survey of one served ticket: the nine elements (U1 first), each 1–4,
/// and an optional suggestion. Nothing in it identifies the citizen.
struct SurveySubmission: Codable, Sendable, Equatable {
    var answers: [Int]
    var suggestion: String?
    /// When the citizen answered (kiosk clock, ms) and the kiosk's clock offset: a kiosk sends both,
    /// so an answer from its outbox is judged on the day it was given. Hostile numbers (``SurveyRequest``).
    var answeredAt: Int64?
    var clockOffsetMs: Int64?

    /// The same answer: the nine answers and the suggestion (a replay may be sent at another moment).
    func sameAnswer(as other: SurveySubmission) -> Bool { answers == other.answers && suggestion == other.suggestion }
}

/// What the server stored for a ticket's survey; `answeredAt` is the hour it is filed under (the server keeps no minute).
struct SurveyReceipt: Codable, Sendable, Equatable {
    var ticketId: String
    var serviceId: String
    var day: String
    var answeredAt: Int64
}

/// Where a survey was answered.
enum SurveyChannel: String, Sendable {
    case kiosk, page
}

/// A survey as a store keeps it: the ticket's keyed hash, site, service and day, the hour, where, and the
/// answer. `ticketID` is the caller's, for the receipt; it is never stored.
struct StoredSurvey: Sendable, Equatable {
    var ticketID: String
    var ticketHash: String
    var site: String
    var serviceID: String
    var day: String
    var answeredHour: Int64
    var channel: SurveyChannel
    var submission: SurveySubmission
}

/// One site's service's respondents and served tickets over a period, as a store reads them.
struct SurveyServiceCount: Sendable, Equatable {
    var site: String
    var serviceID: String
    /// Tickets served (done) in the period: the population of the minimum sample.
    var served: Int64
    var tally: Ikm.Tally
}

/// A suggestion with where it was given: the site, and the service when the report lists that service (never the day).
struct SurveySuggestion: Codable, Sendable, Equatable {
    var siteId: String
    var serviceId: String?
    var text: String
}
