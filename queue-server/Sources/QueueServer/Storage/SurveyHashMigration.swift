import KioskSQLite
import PostgresNIO

/// SQLite schema version 9 and PostgreSQL version 6 (issue 20, F3): every survey row of the first table
/// (``SurveySchema/ByTicketID``) is filed again under its ticket's keyed hash (``SurveyKey``) with the
/// hour instead of the millisecond; the ticket id is dropped. Site, service, day, channel, answers and
/// suggestion are kept as they were, so every report and IKM stays the same.
///
/// SQLite zeroes the old table's pages as it drops it (`secure_delete`); PostgreSQL keeps the old rows'
/// dead tuples until the table is vacuumed (docs/survey.md says to run `VACUUM FULL surveys` after upgrading).
enum SurveyHashMigration {
    /// The first table's row (``SurveySchema/ByTicketID/columns``) as the new table files it.
    static func refiled(_ row: [SQLValue], key: SurveyKey) throws -> StoredSurvey {
        guard let channel = SurveyChannel(rawValue: try row.text(5)) else { throw StorageFailure("bad survey channel \(try row.text(5))") }
        let ticketID = try row.text(0)
        let answers = try (0..<SurveyElement.count).map { try row.int(6 + $0) }
        return StoredSurvey(
            ticketID: ticketID, ticketHash: key.hash(ticketID: ticketID), site: try row.text(1), serviceID: try row.text(2),
            day: try row.text(3), answeredHour: SurveySchema.hour(try row.int64(4)), channel: channel,
            submission: SurveySubmission(answers: answers, suggestion: try row.optionalText(6 + SurveyElement.count)))
    }

    private static let select = "SELECT \(SurveySchema.ByTicketID.columns) FROM surveys"

    static func sqlite(_ database: SQLiteDatabase, key: SurveyKey) throws {
        let rows = try database.query(select).map { try refiled($0, key: key) }
        let secure = try database.query("PRAGMA secure_delete").first?.int(0) ?? 0
        try database.execute("PRAGMA secure_delete = 1; DROP TABLE surveys; PRAGMA secure_delete = \(secure);")
        try database.execute(SurveySchema.sqlite)
        for survey in rows { try SQLiteQueueStore.insert(survey, into: database) }
    }

    static func postgres(_ session: PostgresSession, key: SurveyKey) async throws {
        let rows = try await session.rows(PostgresQuery(unsafeSQL: select)).map { try refiled($0, key: key) }
        try await session.execute("DROP TABLE surveys")
        for statement in SurveySchema.postgres { try await session.execute(statement) }
        for survey in rows { try await PostgresQueueStore.insert(survey, session: session) }
    }
}
