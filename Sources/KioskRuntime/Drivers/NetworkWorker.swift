import Dispatch
import KioskCore
import KioskLink
import KioskProtocol
import Synchronization

/// Carries out the core's numbering effects on its own thread, so the event loop never waits on the
/// network: asks the queue server within the deadline and posts what it heard (``ServerAnswer/init(heard:)``),
/// numbers a ticket offline from a lease when the core says so (committed to the outbox before the
/// answer is posted), and records a print outcome for the server when the event loop's own
/// connection could not. It decides nothing.
///
/// The ``SyncLink`` (its citizen connection and its store connection) is handed over whole and used
/// from this worker's serial queue only, under ``confined``; the background work (``LinkSupervisor``)
/// has its own store connection.
final class NetworkWorker: Sendable {
    /// What only the worker's queue touches: the lock is never contended, it proves the confinement.
    private struct Confined {
        let link: SyncLink
        /// Requests asked of the server, as sent, until the core is done with them (``settled(_:)``): one the
        /// core numbers offline (no answer, or an answer after its deadline) is numbered as it was asked.
        var asked: [TicketID: IssueTicketRequest] = [:]
    }

    private let confined: Mutex<Confined>
    private let queue = DispatchQueue(label: "kioskd.network")
    private let answers: Mailbox<Event>

    /// Works through `link`, which no one else may use afterwards.
    init(link: sending SyncLink, answers: Mailbox<Event>) {
        confined = Mutex(Confined(link: link))
        self.answers = answers
    }

    /// Runs `work` on the worker's queue with the confined state.
    private func onQueue(_ work: @escaping @Sendable (inout Confined) -> Void) {
        queue.async { [self] in confined.withLock { work(&$0) } }
    }

    /// Asks the server to number `request` for `service`; posts `serverAnswered`, or `ticketNotRecorded`
    /// when the ask could not be recorded durably first.
    func ask(_ request: NumberRequest, service: Service) {
        onQueue { [answers] state in
            do {
                let (sent, heard) = try state.link.ask(
                    ticketID: request.id, service: service, issuedAt: request.issuedAt.millisecondsSinceEpoch,
                    language: request.language, priority: request.priority != nil)
                state.asked[request.id] = sent
                answers.post(.serverAnswered(request, ServerAnswer(heard: heard)))
            } catch {
                answers.post(.ticketNotRecorded(request.id, reason: "the request was not recorded: \(error)"))
            }
        }
    }

    /// Numbers `request` for `service` offline; posts `ticketNumbered` or `ticketNotRecorded`.
    func numberOffline(_ request: NumberRequest, service: Service) {
        onQueue { [answers] state in
            do {
                guard let sent = state.asked.removeValue(forKey: request.id) else {
                    return answers.post(.ticketNotRecorded(request.id, reason: "not numbered offline: it was not asked of the server"))
                }
                let ticket = try state.link.numberOffline(sent, service: service, day: request.day)
                answers.post(.ticketNumbered(
                    request.id,
                    NumberedTicket(number: ticket.number, sequence: ticket.sequence, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true)))
            } catch let noMark as OfflineNumbering.NoMark {
                answers.post(.ticketNotRecorded(request.id, reason: "not numbered offline: \(noMark)"))
            } catch {
                answers.post(.ticketNotRecorded(request.id, reason: "offline ticket not written to the outbox: \(error)"))
            }
        }
    }

    /// Forgets that ticket `id` was asked (the server refused it: no ticket exists).
    func forgetAsked(_ id: TicketID) {
        onQueue { state in
            state.asked[id] = nil
            do {
                try state.link.forgetAsked(id)
            } catch {
                Log.write(.error, "refused ticket \(id) not forgotten (it is reported not printed at the next start): \(error)")
            }
        }
    }

    /// Forgets the request asked for ticket `id`: the core is done numbering it.
    func settled(_ id: TicketID) {
        onQueue { state in state.asked[id] = nil }
    }

    /// Records how printing of ticket `id` went: an offline ticket's outbox entry is updated, an
    /// online ticket that was not printed is queued for the server to void.
    func recordPrintOutcome(_ id: TicketID, _ outcome: PrintJobOutcome) {
        onQueue { state in
            do {
                try state.link.store.recordPrintOutcome(ticketID: id.description, outcome)
            } catch {
                Log.write(.error, "print outcome of ticket \(id) not recorded for the queue server: \(error)")
            }
        }
    }

    /// Keeps a citizen's survey answer in the outbox and sends it at once (within the deadline);
    /// posts `surveySubmitted` (queued when the server is away: the supervisor sends it later).
    func submitSurvey(_ answer: SurveyAnswer) {
        onQueue { [answers] state in
            let outcome: SurveyOutcome
            do {
                outcome = try state.link.surveys.submit(answer, clockOffsetMs: state.link.clock.milliseconds, now: WallClock.milliseconds()) {
                    Log.write(.warning, "queue server: " + $0)
                }
            } catch {
                Log.write(.error, "a survey answer was not written to the outbox: \(error)")
                outcome = .notRecorded
            }
            answers.post(.surveySubmitted(answer.ticketID, outcome))
        }
    }

    /// Waits for everything submitted so far.
    func drain() { queue.sync {} }
}
