import KioskSQLite

/// The survey in the SQLite store (``SurveyStore``).
extension SQLiteQueueStore {
    func submitSurvey(_ request: SurveyRequest, now: Int64) async throws -> (receipt: SurveyReceipt, created: Bool) {
        let hash = surveyKey.hash(ticketID: request.ticketID)
        return try await writer.perform { database in
            let ticket = try database.query(SurveyRequest.ticketQuery + " ?", [.text(request.ticketID)]).first.map(SurveyRequest.ticket)
            let existing = try database.query(SurveyRequest.surveyQuery + " ?", [.text(hash)]).first
            switch try request.decide(ticket: ticket, ticketHash: hash, existing: existing, now: now) {
            case .replay(let receipt): return (receipt, false)
            case .store(let survey):
                try Self.insert(survey, into: database)
                return (survey.receipt, true)
            }
        }
    }

    /// Inserts `survey`'s row (``SurveySchema/columns``).
    static func insert(_ survey: StoredSurvey, into database: SQLiteDatabase) throws {
        let values = SurveyRequest.values(survey)
        try database.query(
            "INSERT INTO surveys (\(SurveySchema.columns)) VALUES (\(values.map { _ in "?" }.joined(separator: ", ")))", values)
    }

    func surveyCounts(site: String?, from: String, to: String) async throws -> [SurveyServiceCount] {
        let bounds: [SQLValue] = [.optional(site), .text(from), .text(to)]
        return try readers.read { database in
            try database.execute("BEGIN")
            defer { try? database.execute("COMMIT") }
            let served = try database.query(
                SurveyRows.servedQuery + " WHERE (?1 IS NULL OR site_id = ?1) AND day BETWEEN ?2 AND ?3 AND state = 'done' GROUP BY 1, 2",
                bounds)
            let tallies = try database.query(
                SurveyRows.tallyQuery + " WHERE (?1 IS NULL OR site_id = ?1) AND day BETWEEN ?2 AND ?3 GROUP BY 1, 2", bounds)
            return try SurveyRows.counts(served: served, tallies: tallies)
        }
    }

    func surveySuggestions(site: String?, from: String, to: String, limit: Int) async throws -> [SurveySuggestion] {
        try readers.read { database in
            try database.query(
                SurveyRows.suggestionQuery
                    + " WHERE (?1 IS NULL OR site_id = ?1) AND day BETWEEN ?2 AND ?3 AND suggestion IS NOT NULL ORDER BY suggestion, site_id, service_id LIMIT ?4",
                [.optional(site), .text(from), .text(to), .int(limit)]
            ).map(SurveyRows.suggestion)
        }
    }

    func refileSurveys(hours: Range<Int64>) async throws {
        let bounds: [SQLValue] = [.integer(hours.lowerBound), .integer(hours.upperBound)]
        let moved = try await writer.perform { database in
            let rows = try database.query(
                "SELECT \(SurveySchema.columns) FROM surveys WHERE answered_hour >= ? AND answered_hour < ? ORDER BY ticket_hash", bounds)
            guard let first = rows.first else { return 0 }
            try database.query("DELETE FROM surveys WHERE answered_hour >= ? AND answered_hour < ?", bounds)
            let insert = "INSERT INTO surveys (\(SurveySchema.columns)) VALUES (\(first.map { _ in "?" }.joined(separator: ", ")))"
            for row in rows { try database.query(insert, row) }
            return rows.count
        }
        guard moved > 0 else { return }
        // The log held every commit's copy of the surveys' pages, each one answer longer: emptied, not just copied back.
        _ = try SQLiteDatabase(path: path).query("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
