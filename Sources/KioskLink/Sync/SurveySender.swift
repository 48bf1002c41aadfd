import KioskCore
import KioskProtocol

/// Sends survey answers from the ``SurveyOutbox`` to the queue server: at once when a citizen
/// finishes (on the citizen connection, within its deadline), and on every background round. Its log
/// lines never name the ticket: with their times they would tie an answer to its citizen (docs/survey.md).
public struct SurveySender {
    private let client: QueueClient
    private let outbox: SurveyOutbox

    public init(client: QueueClient, outbox: SurveyOutbox) {
        self.client = client
        self.outbox = outbox
    }

    /// Keeps `answer` in the outbox, then tries to send it once: what the citizen is told.
    /// Throws only when it could not be kept (then nothing was).
    public func submit(_ answer: SurveyAnswer, clockOffsetMs: Int64, now: Int64, log: (String) -> Void = { _ in }) throws -> SurveyOutcome {
        let upload = SurveyUpload(
            answers: answer.answers, suggestion: answer.suggestion, answeredAt: answer.answeredAt.millisecondsSinceEpoch,
            clockOffsetMs: clockOffsetMs)
        let id = answer.ticketID.description
        switch try outbox.keep(upload, ticketID: id, at: now) {
        case .otherAnswerWaiting: return .refused(.alreadyAnswered)
        case .kept, .alreadyWaiting: return send(id, upload, log: log) ?? .queued
        }
    }

    /// Sends every waiting answer, oldest first; stops at the first that cannot reach the server
    /// (it stays, the caller backs off). Returns how many left the outbox.
    public func drain(log: (String) -> Void = { _ in }) throws -> Int {
        var sent = 0
        for (id, upload) in try outbox.waiting() {
            guard let outcome = send(id, upload, log: log) else { throw QueueClientError.transport("a survey answer was not sent") }
            // No citizen is there to be told: a refusal is only logged.
            if case .refused(let refusal) = outcome { log("a survey answer was refused by the queue server and dropped: \(refusal.rawValue)") }
            sent += 1
        }
        return sent
    }

    /// Sends one answer: the outcome once the server answered for good (the entry is then removed),
    /// nil when it must wait (unreachable, a server error, or a credential the server refused).
    private func send(_ id: String, _ upload: SurveyUpload, log: (String) -> Void) -> SurveyOutcome? {
        let outcome: SurveyOutcome
        do {
            _ = try client.submitSurvey(ticketID: id, upload)
            outcome = .accepted
        } catch {
            guard case .problem(let problem) = error, problem.status < 500, problem.status != 401, problem.status != 403 else {
                log("a survey answer waits in the outbox: " + String(describing: error).replacing(id, with: "<ticket>"))  // The URL names the ticket.
                return nil
            }
            guard let refusal = SurveyRefusal(problemKind: problem.kind) else {
                log("a survey answer was refused and dropped (\(problem.status) \(problem.kind))")
                do { try outbox.remove(id) } catch { log("a survey answer was not removed from the outbox: \(error)") }
                return .notRecorded
            }
            outcome = .refused(refusal)
        }
        do { try outbox.remove(id) } catch { log("a survey answer was not removed from the outbox (it will be sent again, once): \(error)") }
        return outcome
    }
}
