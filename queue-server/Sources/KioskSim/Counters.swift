import KioskLink
import KioskProtocol

/// The counters' staff: one counter per agency, each calling its next ticket, then starting and finishing it when its
/// citizen comes (someone holds its paper), else marking it no-show, through the queue API with a staff token (their
/// network has no faults; the server can still be down).
final class Counters {
    private let client: QueueClient
    private let world: SimWorld
    /// Whether a kiosk knows a ticket (by id) came out of no printer and has not told the server yet.
    private let unsentNotPrinted: (String) -> Bool
    private let desks: [(id: String, services: [String])]
    /// The ticket each desk is serving.
    private var serving: [Int: String] = [:]

    init(world: SimWorld, token: String, unsentNotPrinted: @escaping (String) -> Bool) {
        self.world = world
        self.unsentNotPrinted = unsentNotPrinted
        client = QueueClient(transport: SimTransport(network: world.network, link: "staff"), token: token, clocks: world.clock.linkClocks)
        desks = world.settings.catalogue.agencies.map { ("counter-\($0.id.rawValue)", $0.services.map(\.id.rawValue)) }
    }

    var count: Int { desks.count }

    /// Desk `desk` finishes the ticket it serves, then calls the next one of its services today.
    func work(_ desk: Int) {
        let (counter, services) = desks[desk]
        if let id = serving[desk] {
            // A refusal (already started, voided meanwhile) ends the desk's work on it; no answer keeps it for the next turn.
            let comes = world.ledger.papers[id] != nil
            for action in comes ? [CounterAction.start, .done] : [.noShow] {
                do {
                    _ = try client.counter(action, ticketID: id)
                } catch .problem(let problem) {
                    world.trace.add("\(counter) \(action.rawValue) \(id) refused: \(problem.kind)", tickets: [id])
                } catch {
                    world.trace.add("\(counter) could not \(action.rawValue) \(id): \(error)", tickets: [id])
                    return
                }
            }
            serving[desk] = nil
        }
        do {
            guard let ticket = try client.callNext(CallNextRequest(counterId: counter, serviceIds: services, day: world.day)) else { return }
            let id = ticket.ticketId.lowercased()
            serving[desk] = id
            let couldNotTell = world.ledger.papers[id] == nil && unsentNotPrinted(id)
            world.ledger.calls.append(Ledger.Call(id: id, number: ticket.number, kioskCouldNotTellYet: couldNotTell))
            world.trace.add("\(counter) called \(ticket.number)", tickets: [id])
        } catch {
            world.trace.add("\(counter) could not call: \(error)")
        }
    }

    /// The day is over: nobody is served any more.
    func dayOver() { serving = [:] }
}
