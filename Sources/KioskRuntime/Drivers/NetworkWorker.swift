import Dispatch
import KioskCore
import KioskLink
import KioskProtocol

/// Numbers citizens' tickets through the queue server on its own thread, so the event loop never
/// waits on the network: online within the deadline, else offline from a lease (committed to the
/// outbox before the answer is posted). Records a print outcome for the server when the event
/// loop's own connection could not.
///
/// The ``SyncLink`` (its citizen connection and its store connection) is used from this worker's
/// serial queue only; the background work (``LinkSupervisor``) has its own store connection.
final class NetworkWorker: @unchecked Sendable {
    private let link: SyncLink
    private let queue = DispatchQueue(label: "kioskd.network")
    private let answers: Mailbox<Event>

    init(link: SyncLink, answers: Mailbox<Event>) {
        self.link = link
        self.answers = answers
    }

    /// Numbers `request` for `service` and posts `ticketNumbered`, `numberRefused` or `ticketNotRecorded`.
    func number(_ request: NumberRequest, service: Service) {
        queue.async { [self] in answers.post(Self.answer(request, service: service, link: link)) }
    }

    /// Records how printing of ticket `id` went: an offline ticket's outbox entry is updated, an
    /// online ticket that was not printed is queued for the server to void.
    func recordPrintOutcome(_ id: TicketID, _ outcome: PrintJobOutcome) {
        queue.async { [self] in
            do {
                try link.store.recordPrintOutcome(ticketID: id.description, outcome)
            } catch {
                Log.write(.error, "print outcome of ticket \(id) not recorded for the queue server: \(error)")
            }
        }
    }

    /// Keeps a citizen's survey answer in the outbox and sends it at once (within the deadline);
    /// posts `surveySubmitted` (queued when the server is away: the supervisor sends it later).
    func submitSurvey(_ answer: SurveyAnswer) {
        queue.async { [self] in
            let outcome: SurveyOutcome
            do {
                outcome = try link.surveys.submit(answer, clockOffsetMs: link.clock.milliseconds, now: WallClock.milliseconds()) {
                    Log.write(.warning, "queue server: " + $0)
                }
            } catch {
                Log.write(.error, "survey of ticket \(answer.ticketID) not written to the outbox: \(error)")
                outcome = .notRecorded
            }
            answers.post(.surveySubmitted(answer.ticketID, outcome))
        }
    }

    /// Waits for everything submitted so far.
    func drain() { queue.sync {} }

    private static func answer(_ request: NumberRequest, service: Service, link: SyncLink) -> Event {
        do {
            let outcome = try link.issue(
                ticketID: request.id, service: service, day: request.day, issuedAt: request.issuedAt.millisecondsSinceEpoch,
                language: request.language, priority: request.priority != nil)
            switch outcome {
            case .issued(let ticket):
                return .ticketNumbered(
                    request.id,
                    NumberedTicket(
                        number: ticket.number, sequence: ticket.sequence, peopleAhead: ticket.peopleAhead,
                        estimatedWaitMinutes: ticket.estimatedWaitMinutes, offline: ticket.offline))
            case .refused(let problem):
                return .numberRefused(request.id, problem.kind == "quota-exhausted" ? .full : .closed)
            }
        } catch let noMark as OfflineNumbering.NoMark {
            return .ticketNotRecorded(request.id, reason: "not numbered offline: \(noMark)")
        } catch {
            return .ticketNotRecorded(request.id, reason: "offline ticket not written to the outbox: \(error)")
        }
    }
}
