import Dispatch
import KioskCore

/// Checks PINs against the technicians file on its own thread (Argon2id is slow on purpose), and
/// posts each answer back to the event loop as ``Event/pinChecked(attempt:_:)``. The file is read
/// at every attempt, so a technician added with `kioskctl technician add` counts at once.
final class PINDesk: Sendable {
    private let path: String
    private let queue = DispatchQueue(label: "kioskd.pin")
    private let answers: Mailbox<Event>

    /// Checks PINs against the technicians file at `path`.
    init(path: String) throws {
        self.path = path
        answers = try Mailbox<Event>()
    }

    /// The descriptor the loop polls for answers.
    var pollDescriptor: Int32 { answers.fileDescriptor }

    /// Checks `attempt` off the loop.
    func check(_ attempt: PINAttempt) {
        queue.async { [path, answers] in
            let check: PINCheck
            do {
                let entries = try TechniciansFile.load(path)
                check = TechniciansFile.match(attempt.text, in: entries).map { .accepted(technician: $0) } ?? .rejected
            } catch {
                check = .unavailable(reason: "\(error)")
            }
            answers.post(.pinChecked(attempt: attempt.number, check))
        }
    }

    /// Looks up whose `badge` is off the loop; answers ``Event/badgeOwner(_:technician:)`` (nobody's
    /// when the file cannot be read: the PIN check then says why).
    func lookUpBadge(_ badge: String) {
        queue.async { [path, answers] in
            let owner = (try? TechniciansFile.load(path)).flatMap { TechniciansFile.owner(ofBadge: badge, in: $0) }
            answers.post(.badgeOwner(badge, technician: owner))
        }
    }

    /// The answers ready so far.
    func drain() -> [Event] { answers.drain() }
}
