import PostgresNIO

/// The survey in the PostgreSQL store, with the rules of `SQLiteQueueStore+Survey.swift`: the
/// ticket's row lock serialises two answers to one ticket from two server processes, and the
/// primary key (the ticket's keyed hash) keeps one row per ticket whatever happens.
extension PostgresQueueStore {
    func submitSurvey(_ request: SurveyRequest, now: Int64) async throws -> (receipt: SurveyReceipt, created: Bool) {
        let hash = surveyKey.hash(ticketID: request.ticketID)
        return try await writer.perform { session in
            let ticket = try await session.first("\(unescaped: SurveyRequest.ticketQuery) \(request.ticketID) FOR UPDATE")
                .map(SurveyRequest.ticket)
            let existing = try await session.first("\(unescaped: SurveyRequest.surveyQuery) \(hash)")
            switch try request.decide(ticket: ticket, ticketHash: hash, existing: existing, now: now) {
            case .replay(let receipt): return (receipt, false)
            case .store(let survey):
                try await Self.insert(survey, session: session)
                return (survey.receipt, true)
            }
        }
    }

    /// Inserts `survey`'s row (``SurveySchema/columns``).
    static func insert(_ survey: StoredSurvey, session: PostgresSession) async throws {
        let answers = survey.submission.answers
        try await session.rows(
            """
            INSERT INTO surveys (\(unescaped: SurveySchema.columns))
            VALUES (\(survey.ticketHash), \(survey.site), \(survey.serviceID), \(survey.day), \(survey.answeredHour), \(survey.channel.rawValue),
                \(answers[0]), \(answers[1]), \(answers[2]), \(answers[3]), \(answers[4]), \(answers[5]), \(answers[6]), \(answers[7]),
                \(answers[8]), \(survey.submission.suggestion))
            """)
    }

    func surveyCounts(site: String?, from: String, to: String) async throws -> [SurveyServiceCount] {
        try await read { session in
            // One snapshot for both counts.
            try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let served = try await session.rows(
                    """
                    \(unescaped: SurveyRows.servedQuery) WHERE (\(site)::text IS NULL OR site_id = \(site)) AND day BETWEEN \(from) AND \(to)
                    AND state = 'done' GROUP BY 1, 2
                    """)
                let tallies = try await session.rows(
                    """
                    \(unescaped: SurveyRows.tallyQuery) WHERE (\(site)::text IS NULL OR site_id = \(site)) AND day BETWEEN \(from) AND \(to)
                    GROUP BY 1, 2
                    """)
                try await session.execute("COMMIT")
                return try SurveyRows.counts(served: served, tallies: tallies)
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
        }
    }

    func surveySuggestions(site: String?, from: String, to: String, limit: Int) async throws -> [SurveySuggestion] {
        try await read { session in
            try await session.rows(
                """
                \(unescaped: SurveyRows.suggestionQuery) WHERE (\(site)::text IS NULL OR site_id = \(site)) AND day BETWEEN \(from) AND \(to)
                AND suggestion IS NOT NULL ORDER BY suggestion, site_id, service_id LIMIT \(limit)
                """
            ).map(SurveyRows.suggestion)
        }
    }

    /// One statement: every moved row gets the same transaction id (`xmin`), which otherwise counts answers in
    /// the order they were given; the old versions stay as dead tuples until vacuumed (docs/survey.md).
    func refileSurveys(hours: Range<Int64>) async throws {
        try await writer.perform { session in
            try await session.rows(
                """
                WITH moved AS (
                    DELETE FROM surveys WHERE answered_hour >= \(hours.lowerBound) AND answered_hour < \(hours.upperBound)
                    RETURNING \(unescaped: SurveySchema.columns))
                INSERT INTO surveys (\(unescaped: SurveySchema.columns)) SELECT \(unescaped: SurveySchema.columns) FROM moved ORDER BY ticket_hash
                """)
        }
    }
}
