import FoundationEssentials
import KioskCore
import KioskProtocol

/// Survey answers (issue 20) waiting for the queue server, in the sync store's `survey_outbox`
/// table: committed (fsync'd) before the kiosk sends anything, removed only once the server
/// answered for good. A kill between sending and removing sends the same answer again, which the
/// server answers with its first receipt: each answer is stored once.
public struct SurveyOutbox {
    let store: SyncStore

    public init(store: SyncStore) { self.store = store }

    /// How an answer was kept.
    public enum Kept: Sendable, Hashable {
        /// Newly in the outbox.
        case kept
        /// This very answer already waits (the same ticket, answers and suggestion): nothing changed.
        case alreadyWaiting
        /// Another answer for this ticket already waits: one survey per ticket, so this one is not kept.
        case otherAnswerWaiting
    }

    /// Keeps `upload` for ticket `ticketID` durably.
    public func keep(_ upload: SurveyUpload, ticketID: String, at now: Int64) throws -> Kept {
        try store.transaction {
            if let waiting = try body(of: ticketID) {
                return waiting.answers == upload.answers && waiting.suggestion == upload.suggestion ? .alreadyWaiting : .otherAnswerWaiting
            }
            try store.database.query(
                "INSERT INTO survey_outbox (ticket_id, body, kept_at_ms) VALUES (?, ?, ?)",
                [.text(ticketID), .text(try SyncStore.json(upload)), .integer(now)])
            return .kept
        }
    }

    /// The answers waiting, oldest first.
    public func waiting() throws -> [(ticketID: String, upload: SurveyUpload)] {
        try store.database.query("SELECT ticket_id, body FROM survey_outbox ORDER BY kept_at_ms, ticket_id").map { row in
            guard case .text(let id) = row[0], case .text(let body) = row[1] else { throw SyncStoreError("survey outbox row has unexpected columns") }
            return (id, try Self.decode(body))
        }
    }

    /// Answers waiting for the server.
    public func depth() throws -> Int {
        if case .integer(let n) = try store.database.query("SELECT count(*) FROM survey_outbox").first?.first { return Int(n) }
        return 0
    }

    /// Forgets the answer for `ticketID` (the server took or refused it for good).
    /// The row's bytes are zeroed (the store's `secure_delete`) and the write-ahead log is emptied, so the file
    /// no longer ties the answer to its ticket; a checkpoint that finds a reader busy is done at the next removal.
    public func remove(_ ticketID: String) throws {
        try store.database.query("DELETE FROM survey_outbox WHERE ticket_id = ?", [.text(ticketID)])
        _ = try store.database.query("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    private func body(of ticketID: String) throws -> SurveyUpload? {
        guard case .text(let body) = try store.database.query("SELECT body FROM survey_outbox WHERE ticket_id = ?", [.text(ticketID)]).first?.first
        else { return nil }
        return try Self.decode(body)
    }

    private static func decode(_ text: String) throws -> SurveyUpload {
        try JSONDecoder().decode(SurveyUpload.self, from: Data(text.utf8))
    }
}
