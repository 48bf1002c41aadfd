/// The survey table of both stores: one row per surveyed ticket, holding the ticket's site, service
/// (the queue that served it) and day, when and where it was answered, the nine answers (U1–U9,
/// each 1–4) and the sanitised suggestion. No column can hold a name, NIK or phone number: nothing
/// identifies the citizen; the ticket id links the answer to the service and the day only.
///
/// SQLite: schema version 7, PostgreSQL: version 4 (the version before each adds the `uncertain` print mark).
enum SurveySchema {
    private static let answers = (1...SurveyElement.count).map { "u\($0)" }
    /// The answer columns, `u1, …, u9`.
    static let answerColumns = answers.joined(separator: ", ")

    private static func table(integer: String) -> String {
        """
        CREATE TABLE surveys (
            ticket_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, service_id TEXT NOT NULL, day TEXT NOT NULL,
            answered_at \(integer) NOT NULL, channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'page')),
            \(answers.map { "\($0) INTEGER NOT NULL CHECK (\($0) BETWEEN 1 AND 4)" }.joined(separator: ", ")),
            suggestion TEXT CHECK (length(suggestion) <= \(SurveyRules.maxSuggestion)))
        """
    }

    private static let index = "CREATE INDEX surveys_by_period ON surveys (site_id, day, service_id)"

    /// SQLite's statements (one string).
    static let sqlite = table(integer: "INTEGER") + ";\n" + index + ";"
    /// PostgreSQL's statements, run one by one.
    static let postgres = [table(integer: "BIGINT"), index]
}
