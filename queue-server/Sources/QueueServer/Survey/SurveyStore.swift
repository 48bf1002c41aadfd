import KioskCore
import KioskProtocol
import KioskSQLite

/// The survey's storage, kept by both stores with the same rules (``SurveyRequest/decide(ticket:existing:now:)``).
protocol SurveyStore: Sendable {
    /// Stores a survey answer, in one transaction with the checks; `created` is false for an
    /// identical replay of an answer already stored (answered with the first one's receipt).
    func submitSurvey(_ request: SurveyRequest, now: Int64) async throws -> (receipt: SurveyReceipt, created: Bool)
    /// Per site and service: served tickets and survey answers of the days `from`…`to` (nil site: every site).
    func surveyCounts(site: String?, from: String, to: String) async throws -> [SurveyServiceCount]
    /// The first `limit` suggestions of the days `from`…`to` in text order (not the order they were given).
    func surveySuggestions(site: String?, from: String, to: String, limit: Int) async throws -> [SurveySuggestion]
    /// Rewrites the answers filed under the hours `hours` (ms since the epoch) in one transaction, deleted and inserted
    /// again in hash order, so that where they lie in the database's files no longer follows the order they were
    /// given (session 29's F1, docs/survey.md); SQLite then empties its write-ahead log.
    func refileSurveys(hours: Range<Int64>) async throws
}

/// A validated survey answer for one ticket, and the days a ticket may be of.
struct SurveyRequest: Sendable {
    var ticketID: String
    /// The caller's site (a kiosk's); nil for the citizen page, which any ticket id opens.
    var site: String?
    var channel: SurveyChannel
    var submission: SurveySubmission
    /// When the citizen answered on the server's clock, as the kiosk claims it; nil: when it arrives.
    var answered: Int64?
    /// How many days before the day of the answer a ticket may be of.
    var windowDays: Int
    var maxSkewMs: Int64

    /// The ticket's row as both stores read it with ``ticketQuery``.
    struct Ticket: Sendable {
        var site: String
        var service: String
        var day: String
        var state: TicketState
        /// The moment the ticket holds its place from (server clock).
        var queuedAt: Int64
    }

    /// What a store does: store a new row, or answer a replay with the stored one's receipt.
    enum Decision: Sendable, Equatable {
        case store(StoredSurvey)
        case replay(SurveyReceipt)
    }

    /// The ticket's site, serving queue, day and state, selected by `ticket_id`.
    static let ticketQuery = "SELECT site_id, queue_service_id, day, state, queued_at FROM tickets WHERE ticket_id ="
    /// An existing survey's service, day, hour, answers and suggestion, selected by `ticket_hash`.
    static let surveyQuery = "SELECT service_id, day, answered_hour, \(SurveySchema.answerColumns), suggestion FROM surveys WHERE ticket_hash ="

    /// The ticket's columns as ``ticketQuery`` reads them.
    static func ticket(_ row: [SQLValue]) throws -> Ticket {
        guard let state = TicketState(rawValue: try row.text(3)) else { throw StorageFailure("bad ticket state \(try row.text(3))") }
        return Ticket(site: try row.text(0), service: try row.text(1), day: try row.text(2), state: state, queuedAt: try row.int64(4))
    }

    /// The decision for this request given the ticket (nil: none) and the survey already stored under its
    /// keyed hash `ticketHash`: another site's or no ticket → not found; an identical answer again → replay;
    /// a different one → ``SurveyRules/alreadyAnswered``; otherwise the ticket must be served and recent enough.
    func decide(ticket: Ticket?, ticketHash: String, existing: [SQLValue]?, now: Int64) throws -> Decision {
        guard let ticket, site == nil || site == ticket.site else { throw Problems.notFound("no ticket \(Problems.quoted(ticketID))") }
        if let existing {
            let answers = try (0..<SurveyElement.count).map { try existing.int(3 + $0) }
            let stored = SurveySubmission(answers: answers, suggestion: try existing.optionalText(3 + SurveyElement.count))
            guard stored.sameAnswer(as: submission) else { throw SurveyRules.alreadyAnswered }
            return .replay(SurveyReceipt(ticketId: ticketID, serviceId: try existing.text(0), day: try existing.text(1), answeredAt: try existing.int64(2)))
        }
        if let answered {
            try SurveyRules.checkAnswered(answered, now: now, queuedAt: ticket.queuedAt, maxSkewMs: maxSkewMs)
            try SurveyRules.checkRecent(answered, now: now, windowDays: windowDays)
        }
        let moment = answered ?? now
        let today = CalendarDate(LocalTime(Timestamp(millisecondsSinceEpoch: moment), zone: .wita))
        let earliest = today.adding(days: -windowDays) ?? today
        try SurveyRules.checkEligible(state: ticket.state, ticketDay: ticket.day, today: today.description, earliestDay: earliest.description)
        return .store(
            StoredSurvey(
                ticketID: ticketID, ticketHash: ticketHash, site: ticket.site, serviceID: ticket.service, day: ticket.day,
                answeredHour: SurveySchema.hour(moment), channel: channel, submission: submission))
    }

    /// The columns of an insert, in ``SurveySchema/columns``' order: hash, site, service, day, hour, channel, u1…u9, suggestion.
    static func values(_ survey: StoredSurvey) -> [SQLValue] {
        [.text(survey.ticketHash), .text(survey.site), .text(survey.serviceID), .text(survey.day), .integer(survey.answeredHour),
         .text(survey.channel.rawValue)] + survey.submission.answers.map { .int($0) } + [.optional(survey.submission.suggestion)]
    }
}

extension StoredSurvey {
    var receipt: SurveyReceipt { SurveyReceipt(ticketId: ticketID, serviceId: serviceID, day: day, answeredAt: answeredHour) }
}

/// Reading the report queries' rows, for both stores.
enum SurveyRows {
    /// Per site and service: count and the nine sums (ordered by site and service).
    static let tallyQuery = "SELECT site_id, service_id, count(*), \((1...9).map { "sum(u\($0))" }.joined(separator: ", ")) FROM surveys"
    /// Per site and serving queue: tickets served.
    static let servedQuery = "SELECT site_id, queue_service_id, count(*) FROM tickets"
    static let suggestionQuery = "SELECT site_id, service_id, suggestion FROM surveys"

    /// Joins the served counts and the tallies into one row per site and service, sorted.
    static func counts(served: [[SQLValue]], tallies: [[SQLValue]]) throws -> [SurveyServiceCount] {
        var rows: [String: SurveyServiceCount] = [:]
        for row in served {
            let site = try row.text(0), service = try row.text(1)
            rows[site + "\u{0}" + service] = SurveyServiceCount(site: site, serviceID: service, served: try row.int64(2), tally: Ikm.Tally())
        }
        for row in tallies {
            let site = try row.text(0), service = try row.text(1)
            guard let tally = Ikm.Tally(respondents: try row.int64(2), sums: try (0..<SurveyElement.count).map { try row.int64(3 + $0) })
            else { throw StorageFailure("survey sums of \(site) \(service) are not sums of 1–4 answers") }
            rows[site + "\u{0}" + service, default: SurveyServiceCount(site: site, serviceID: service, served: 0, tally: tally)].tally = tally
        }
        return rows.values.sorted { ($0.site, $0.serviceID) < ($1.site, $1.serviceID) }
    }

    static func suggestion(_ row: [SQLValue]) throws -> SurveySuggestion {
        SurveySuggestion(siteId: try row.text(0), serviceId: try row.text(1), text: try row.text(2))
    }
}
