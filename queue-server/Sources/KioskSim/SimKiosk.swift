import Foundation
import KioskCore
import KioskLink
import KioskProtocol

/// One kiosk: its real core (``KioskFlow/step(_:_:_:settings:)``), its real link state (a ``SyncStore`` in its
/// own SQLite file, a ``SyncLink`` over the simulated network) and a simulated printer. It carries out the
/// core's effects as kioskd's loop and workers do, and can crash at any effect boundary: the SQLite file
/// stays, everything else (the core's state, requests being asked) is lost.
final class SimKiosk {
    let id: String
    let token: String
    private let storePath: String
    let world: SimWorld
    /// The services whose leases the link keeps (the catalogue's, in order), and those whose priority series it leases too.
    private let services: [ServiceID]
    private let prioritySeries: [ServiceID]
    /// Nil while the kiosk is down (crashed, not started again yet).
    private(set) var link: SyncLink?
    /// Its ticket store, where a linked kioskd remembers bookings' check-ins, and the booking directory that reads the
    /// bookings file through it (nil while down).
    private var checkIns: TicketStore?
    private var bookings: LocalBookingDirectory?
    private(set) var state = KioskState()
    /// Requests the server gave no number, or not within the deadline, as sent: numbered offline as asked (``SyncLink/numberOffline(_:service:day:)``).
    private var asked: [TicketID: IssueTicketRequest] = [:]
    var printer = SimPrinter()
    /// Its clocks: the wall clock may be wrong (``FaultKind/clockSkew``); the core and the link read it, as kioskd's do.
    let clock: KioskClock
    /// Effect boundaries to pass before an armed crash strikes; nil when none is armed.
    private var crashIn: Int?
    /// The link supervisor's schedule, as kioskd's: what each background round does and how long to wait after it
    /// (a new one at each start, as a new process has). Only the pause after a round that went well is the sim's.
    private var schedule: LinkSchedule
    /// The ETag of the catalogue the kiosk cached from the server.
    private var etag: String?
    private var reported: (serverAnswers: Bool, canNumberOffline: Bool)?

    /// The sim's pause after a round that went well (kioskd: 1 s).
    private let idleMilliseconds: Int

    /// Where the bookings file is, which every kiosk reads (staff put the day's there).
    private let bookingsPath: String

    init(id: String, token: String, storePath: String, bookingsPath: String, world: SimWorld, idleMilliseconds: Int) {
        self.id = id
        self.token = token
        self.storePath = storePath
        self.bookingsPath = bookingsPath
        self.world = world
        self.idleMilliseconds = idleMilliseconds
        clock = KioskClock(truth: world.clock)
        services = world.settings.catalogue.allServices.map(\.id)
        prioritySeries = world.settings.catalogue.allServices.filter { $0.priorityPrefix != nil }.map(\.id)
        schedule = Self.newSchedule(world.server, idleMilliseconds: idleMilliseconds)
    }

    /// The schedule kioskd's link supervisor starts with (``LinkSchedule``'s defaults), pausing `idleMilliseconds` after a round that went well.
    private static func newSchedule(_ server: ServerConfig, idleMilliseconds: Int) -> LinkSchedule {
        LinkSchedule(heartbeatSeconds: server.heartbeatSeconds, idleMilliseconds: idleMilliseconds)
    }

    var up: Bool { link != nil }

    // MARK: Life

    /// Starts kioskd on its SQLite file: prints an earlier run left unfinished are settled first (uncertain or
    /// not printed), then the core starts on its first screen.
    func start() throws {
        let store = try SyncStore(path: storePath)
        let checkIns = try TicketStore(path: storePath.replacingOccurrences(of: ".sqlite", with: "-tickets.sqlite"))
        self.checkIns = checkIns
        bookings = LocalBookingDirectory(
            path: bookingsPath, catalogue: world.settings.catalogue, store: checkIns, readText: { try String(contentsOfFile: $0, encoding: .utf8) })
        let settled = try store.settleInterruptedPrints(reason: "kioskd stopped while printing it")
        world.ledger.uncertain.formUnion(settled.uncertain.map { $0.lowercased() })
        let transport = SimTransport(network: world.network, link: id)
        link = SyncLink(
            config: world.server, kioskID: id, store: store, token: token, citizen: transport, work: transport, confirmsPrints: true,
            clocks: clock.linkClocks)
        state = KioskState()
        reported = nil
        schedule = Self.newSchedule(world.server, idleMilliseconds: idleMilliseconds)
        etag = try store.cachedCatalogue()?.etag
        world.trace.add("\(id) started: \(settled.uncertain.count) uncertain, \(settled.unprinted.count) not printed", tickets: settled.uncertain + settled.unprinted)
        feed(.restored(day: world.day, lastSequence: [:]))
        feed(.printerStatus(printer.condition(at: world.clock.now)))
    }

    /// Arms a crash: it strikes after `boundaries` more effect boundaries.
    func armCrash(after boundaries: Int) { crashIn = crashIn ?? boundaries }

    /// Takes back a crash that has not struck yet (healing).
    func disarmCrash() { crashIn = nil }

    /// The process dies: the SQLite file keeps what was committed; the rest is gone.
    private func crash(_ where: String) {
        crashIn = nil
        link = nil
        checkIns = nil
        bookings = nil
        asked = [:]
        state = KioskState()
        world.count(.kioskCrash)
        world.trace.add("\(id) CRASH \(`where`)")
    }

    /// Passes one effect boundary; true when the armed crash strikes here.
    private func crashesHere(_ where: String) -> Bool {
        guard let left = crashIn else { return false }
        if left > 0 {
            crashIn = left - 1
            return false
        }
        crash(`where`)
        return true
    }

    // MARK: The core and its effects

    /// Feeds `event` to the core and carries out its effects, and those of the events they answer with, in
    /// order, as kioskd's loop does.
    func feed(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty, link != nil {
            let next = queue.removeFirst()
            let context = StepContext(now: Timestamp(millisecondsSinceEpoch: clock.wall), freshTicketID: TicketID(randomBytes: world.dice.bytes16()))
            let (state, effects) = KioskFlow.step(self.state, next, context, settings: world.settings)
            self.state = state
            for effect in effects {
                if crashesHere("before \(Self.name(effect))") { return }
                queue += carryOut(effect)
                if link == nil { return }
            }
        }
    }

    private func carryOut(_ effect: Effect) -> [Event] {
        guard let link else { return [] }
        switch effect {
        case .requestNumber(let request):
            return ask(request, link)
        case .numberOffline(let request):
            return numberOffline(request, link)
        case .forgetNumber(let id):
            asked[id] = nil
            do { try link.forgetAsked(id) } catch { world.trace.add("\(self.id) forget \(id) failed: \(error)") }
        case .voidNumber(let id, let reason):
            record(id, .failed(reason: reason), link)
        case .issue(let ticket):
            return printTicket(ticket, link)
        case .lookUpBooking(let code):
            do {
                return [.bookingLookedUp(code, try bookings?.lookUp(code) ?? .unavailable)]
            } catch {
                world.trace.add("\(id) booking directory: \(error)")
                return [.bookingLookedUp(code, .unavailable)]
            }
        case .log(let level, let text):
            world.trace.add("\(id) \(level.rawValue): \(text)")
        default:
            break
        }
        return []
    }

    private func ask(_ request: NumberRequest, _ link: SyncLink) -> [Event] {
        guard let service = world.settings.catalogue.service(request.serviceID) else {
            return [.ticketNotRecorded(request.id, reason: "no such service")]
        }
        do {
            let started = world.clock.now
            let (sent, heard) = try link.ask(
                ticketID: request.id, service: service, issuedAt: request.issuedAt.millisecondsSinceEpoch, language: request.language,
                priority: request.priority != nil)
            // kioskd's event loop tells the core of a number deadline passed before it collects an answer that came no sooner.
            let deadlinePassed = world.clock.now - started >= Int64(request.deadlineMilliseconds)
            if deadlinePassed || (try? heard.get()) == nil { asked[request.id] = sent }
            let answer = ServerAnswer(heard: heard)
            world.trace.add(
                "\(id) asked \(request.id) \(service.id): \(deadlinePassed ? "deadline passed, then " : "")\(Self.describe(answer))",
                tickets: [request.id.description])
            let deadline: [Event] = deadlinePassed ? [.numberDeadlinePassed(request.id)] : []
            return deadline + [.serverAnswered(request, answer)]
        } catch {
            return [.ticketNotRecorded(request.id, reason: "the request was not recorded: \(error)")]
        }
    }

    private func numberOffline(_ request: NumberRequest, _ link: SyncLink) -> [Event] {
        guard let sent = asked.removeValue(forKey: request.id), let service = world.settings.catalogue.service(request.serviceID) else {
            return [.ticketNotRecorded(request.id, reason: "not numbered offline: it was not asked of the server")]
        }
        do {
            let ticket = try link.numberOffline(sent, service: service, day: request.day)
            world.trace.add("\(id) numbered \(request.id) offline \(ticket.number)", tickets: [request.id.description])
            return [.ticketNumbered(
                request.id, NumberedTicket(number: ticket.number, sequence: ticket.sequence, peopleAhead: nil, estimatedWaitMinutes: nil, offline: true))]
        } catch {
            world.trace.add("\(id) not numbered \(request.id): \(error)", tickets: [request.id.description])
            return [.ticketNotRecorded(request.id, reason: "not numbered offline: \(error)")]
        }
    }

    /// Prints `ticket` as kioskd does: its print state durable before the first byte, its outcome after.
    private func printTicket(_ ticket: Ticket, _ link: SyncLink) -> [Event] {
        let ticketID = ticket.id.description
        do {
            // As kioskd's `record`: a booking's check-in is remembered before its ticket prints, so it works once.
            if let code = ticket.bookingCode { try checkIns?.recordCheckIn(code, ticket: ticket.id) }
        } catch {
            return [.ticketNotRecorded(ticket.id, reason: "booking check-in not recorded: \(error)")]
        }
        do {
            try link.store.markPrinting(ticketID, at: clock.wall)
        } catch {
            // As kioskd's `willPrint`: the core answers with `voidNumber`, which records the ticket not printed (once).
            return [.ticketNotRecorded(ticket.id, reason: "print state not recorded: \(error)")]
        }
        let now = world.clock.now
        let partSent = world.dice.chance(0.7), cameOut = world.dice.chance(0.5)
        let job = printer.print(at: now, partSent: partSent, cameOut: cameOut)
        if job.cameOut { paperCameOut(ticket, at: now) }
        world.trace.add("\(id) printer \(job) \(ticket.number)", tickets: [ticketID])
        if crashesHere("after printing \(ticket.number), before its outcome was recorded") { return [] }
        switch job {
        case .printed:
            record(ticket.id, .printed, link)
            return [.ticketPrinted(ticket.id)]
        case .failed(let reason):
            record(ticket.id, .failed(reason: reason), link)
            return [.ticketPrintFailed(ticket.id, reason: reason), .printerStatus(printer.condition(at: now))]
        case .uncertain(let reason, _):
            record(ticket.id, .uncertain(reason: reason), link)
            world.ledger.uncertain.insert(ticketID.lowercased())
            return [.ticketPrintUncertain(ticket.id, reason: reason), .printerStatus(printer.condition(at: now))]
        }
    }

    /// `ticket` came out of the printer at `now` (true time): a citizen holds it. Its issue moment is put back on the
    /// true clock (the core stamped it by the kiosk's wall clock), beside that clock's error.
    private func paperCameOut(_ ticket: Ticket, at now: Int64) {
        let error = clock.errorMilliseconds
        world.ledger.papers[ticket.id.description.lowercased()] = Ledger.Paper(
            kiosk: id, number: ticket.number, service: ticket.serviceID.rawValue, day: ticket.day, at: now,
            issuedAt: ticket.issuedAt.millisecondsSinceEpoch - error, clockError: error)
        world.ledger.printed += 1
    }

    private func record(_ id: TicketID, _ outcome: PrintJobOutcome, _ link: SyncLink) {
        do { try link.store.recordPrintOutcome(ticketID: id.description, outcome) } catch {
            world.trace.add("\(self.id) print outcome of \(id) not recorded: \(error)", tickets: [id.description])
        }
    }

    // MARK: The link's background round

    /// One round of the link supervisor as ``LinkSchedule`` orders it (kioskd's ``LinkSupervisor`` asks it the same
    /// way): the catalogue fetched when due, leases renewed (``LeaseKeeper``), the outbox sent oldest first
    /// (``OutboxSender``), a heartbeat when due; the core hears when whether it can number changed. Returns the
    /// milliseconds to wait before the next round, as the schedule says (its backoff drawing from the sim's dice).
    func linkRound() -> Int64 {
        guard let link else { return Int64(idleMilliseconds) }
        let now = world.clock.now
        let answered: Bool
        let wait: Int
        do {
            let round = schedule.round(at: now, syncAsked: false, tickets: try link.store.outboxDepth(), surveys: 0)
            if round.fetchCatalogue {
                try fetchCatalogue(link)
                schedule.finished(.catalogueFetched, roundStartedAt: now)
            }
            if round.renewLeases { try link.leases.renew(services, day: world.day, prioritySeries: prioritySeries) }
            if round.sendTickets { _ = try link.sender.drain(now: { [clock] in clock.wall }) { world.trace.add("\(id) \($0)") } }
            if round.heartbeat {
                let state = Self.deviceState(printer.condition(at: world.clock.now))
                _ = try link.background.heartbeat(
                    try link.heartbeat(day: world.day, version: "kiosk-sim", printer: state, scanner: .absent, touchscreen: .ok))
                schedule.finished(.heartbeatSent, roundStartedAt: now)
            }
            wait = schedule.succeeded()
            answered = true
        } catch {
            wait = world.dice.with { schedule.failed(using: &$0) }
            answered = false
        }
        let canNumberOffline = link.store.canNumberOffline(day: world.day)
        if reported.map({ $0.serverAnswers != answered || $0.canNumberOffline != canNumberOffline }) ?? true {
            reported = (answered, canNumberOffline)
            world.trace.add("\(id) link: server \(answered ? "answers" : "silent"), offline numbers \(canNumberOffline ? "yes" : "no")")
            feed(.linkReported(serverAnswers: answered, canNumberOffline: canNumberOffline))
        }
        return Int64(wait)
    }

    /// Fetches the server's catalogue unless the cached one is current, and caches it as kioskd does. The sim's kiosks
    /// keep the catalogue they started with: the server serves that same one.
    private func fetchCatalogue(_ link: SyncLink) throws {
        guard let fetched = try link.background.catalogue(ifNoneMatch: etag) else { return }
        try link.store.cacheCatalogue(fetched)
        etag = fetched.etag
        link.leases.catalogueChanged()
        world.trace.add("\(id) catalogue \(fetched.etag) cached")
    }

    /// The heartbeat's word for a printer condition (kioskd's ``DeviceHealth``).
    private static func deviceState(_ condition: PrinterCondition) -> DeviceState {
        switch condition {
        case .ready, .unknown: .ok
        case .paperNearEnd: .paperLow
        case .paperOut: .paperOut
        case .coverOpen: .coverOpen
        case .offline, .notAnswering: .offline
        case .cutterError: .error
        }
    }

    /// Whether this kiosk knows no paper came out of ticket `id` and its report still waits in the outbox (read from
    /// its SQLite file, up or down).
    func holdsUnsentNotPrinted(_ id: String) -> Bool {
        guard let store = link?.store ?? (try? SyncStore(path: storePath)), let entries = try? store.oldest(Int.max) else { return false }
        return entries.contains { entry in
            switch entry {
            case .ticket(_, let offline): offline.ticket.ticketId.lowercased() == id && !offline.printed
            case .printOutcome(_, let ticketID, let report): ticketID.lowercased() == id && report.effectiveOutcome == .failed
            }
        }
    }

    /// Entries still waiting in the outbox (nil while down).
    func outboxDepth() -> Int? { try? link?.store.outboxDepth() }

    // MARK: Names for the trace

    static func describe(_ answer: ServerAnswer) -> String {
        switch answer {
        case .numbered(let ticket): "numbered \(ticket.number)"
        case .problem(let kind, let status): "problem \(status) \(kind)"
        case .none(let reason): "no answer (\(reason))"
        }
    }

    static func name(_ effect: Effect) -> String {
        switch effect {
        case .requestNumber: "asking a number"
        case .numberOffline: "numbering offline"
        case .issue: "printing"
        case .show: "drawing"
        case .log: "logging"
        case .lookUpBooking: "looking up a booking"
        case .forgetNumber: "forgetting a number"
        case .voidNumber: "voiding a number"
        default: "an effect"
        }
    }
}
