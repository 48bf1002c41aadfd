/// The survey table of both stores: one row per surveyed ticket, filed under the ticket's keyed hash
/// (``SurveyKey``), holding the ticket's site, service (the queue that served it) and day, the hour it
/// was answered and where, the nine answers (U1–U9, each 1–4) and the sanitised suggestion. No column
/// holds the ticket id, a minute or anything naming the citizen: no query can join an answer to its
/// ticket's booking code, counter or call time.
///
/// SQLite: schema version 9, PostgreSQL: version 6 (``SurveyHashMigration`` rewrote the earlier rows).
enum SurveySchema {
    private static let answers = (1...SurveyElement.count).map { "u\($0)" }
    /// The answer columns, `u1, …, u9`.
    static let answerColumns = answers.joined(separator: ", ")
    /// Every column of the table, in order.
    static let columns = "ticket_hash, site_id, service_id, day, answered_hour, channel, \(answerColumns), suggestion"
    /// The time kept: the hour (whole hours, ms since the epoch), never the minute.
    static let hourMs: Int64 = 3_600_000

    /// SQLite's is `WITHOUT ROWID`: its rows are kept in hash order, with no rowid counting them in the order
    /// they were answered. (PostgreSQL's heap keeps rows where they were written; docs/survey.md says so.)
    private static func table(integer: String, options: String) -> String {
        """
        CREATE TABLE surveys (
            ticket_hash TEXT PRIMARY KEY CHECK (length(ticket_hash) = 64), site_id TEXT NOT NULL, service_id TEXT NOT NULL,
            day TEXT NOT NULL, answered_hour \(integer) NOT NULL CHECK (answered_hour % \(hourMs) = 0),
            channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'page')),
            \(answers.map { "\($0) INTEGER NOT NULL CHECK (\($0) BETWEEN 1 AND 4)" }.joined(separator: ", ")),
            suggestion TEXT CHECK (length(suggestion) <= \(SurveyRules.maxSuggestion)))\(options)
        """
    }

    private static let index = "CREATE INDEX surveys_by_period ON surveys (site_id, day, service_id)"

    /// SQLite's statements (one string).
    static let sqlite = table(integer: "INTEGER", options: " WITHOUT ROWID") + ";\n" + index + ";"
    /// PostgreSQL's statements, run one by one.
    static let postgres = [table(integer: "BIGINT", options: ""), index]

    /// The hour `moment` (ms since the epoch) falls in, as kept (WITA's hours are whole UTC hours).
    static func hour(_ moment: Int64) -> Int64 {
        moment - ((moment % hourMs) + hourMs) % hourMs
    }

    /// The first survey table (SQLite 7–8, PostgreSQL 4–5), keyed by the ticket id with the answer's
    /// millisecond: what the migration steps to those versions create, and ``SurveyHashMigration`` rewrites.
    enum ByTicketID {
        private static func table(integer: String) -> String {
            """
            CREATE TABLE surveys (
                ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
                answered_at \(integer) NOT NULL, channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'page')),
                \(answers.map { "\($0) INTEGER NOT NULL CHECK (\($0) BETWEEN 1 AND 4)" }.joined(separator: ", ")),
                suggestion TEXT CHECK (length(suggestion) <= \(SurveyRules.maxSuggestion)))
            """
        }
        static let sqlite = table(integer: "INTEGER") + ";\n" + index + ";"
        static let postgres = [table(integer: "BIGINT"), index]
        /// Its columns as the migration reads them.
        static let columns = "ticket_id, site_id, service_id, day, answered_at, channel, \(answerColumns), suggestion"
    }
}
