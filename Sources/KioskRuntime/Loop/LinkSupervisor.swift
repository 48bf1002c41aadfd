import Dispatch
import KioskCore
import KioskDisplay
import KioskLink
import KioskProtocol
import Synchronization

/// The kiosk's health as the heartbeat reports it; the event loop keeps it current.
struct DeviceHealth: Sendable, Hashable {
    var printer: DeviceState = .ok
    var scanner: DeviceState = .absent
    var touchscreen: DeviceState = .ok
    var display: DeviceState = .ok
    /// The PIN pad and diagnostics since kioskd started.
    var technician: TechnicianActivity?

    /// The heartbeat's word for a printer condition.
    static func state(of condition: PrinterCondition) -> DeviceState {
        switch condition {
        case .ready, .unknown: .ok
        case .paperNearEnd: .paperLow
        case .paperOut: .paperOut
        case .coverOpen: .coverOpen
        case .offline, .notAnswering: .offline
        case .cutterError: .error
        }
    }

    /// The heartbeat's word for what the display is doing.
    static func state(of display: DisplayHealth) -> DeviceState {
        switch display {
        case .showing: .ok
        case .noScreen: .absent
        case .failed: .error
        }
    }
}

/// The queue server's background work, on its own thread and its own connection, so it never
/// delays a citizen: lease renewal at the low-water mark, the outbox sent oldest first, a
/// heartbeat every `heartbeatSeconds`, and the catalogue refreshed with its ETag (a changed one
/// is posted to the event loop). When each happens, and the backoff with full jitter after a
/// failure, is ``LinkSchedule``'s to decide; the supervisor carries a round out and waits.
final class LinkSupervisor: Sendable {
    /// A new catalogue from the server (already cached on disk).
    struct CatalogueUpdate: Sendable {
        var catalogue: Catalogue
        var etag: String
    }

    /// What the supervisor tells the event loop; the core decides what follows.
    enum Report: Sendable {
        case catalogue(CatalogueUpdate)
        /// A round ended: whether the server answered it, and whether a leased number or the
        /// server's fallback mark lets the kiosk number offline (sent when either changed).
        case numbering(serverAnswers: Bool, canNumberOffline: Bool)
    }

    /// What only the supervisor's thread touches (its store connection and what the rounds
    /// remember): the lock is taken by that thread alone, a round at a time, and proves the confinement.
    private struct Rounds {
        /// This thread's own connection to sync.sqlite (the network worker has the other).
        let store: SyncStore
        let sender: OutboxSender
        let surveys: SurveySender
        let surveyOutbox: SurveyOutbox
        let leases: LeaseKeeper
        var services: [ServiceID]
        /// The services whose priority series is leased too (``Service/priorityPrefix``).
        var prioritySeries: [ServiceID]
        var schedule: LinkSchedule
        /// The numbering facts last reported.
        var reportedNumbering: (serverAnswers: Bool, canNumberOffline: Bool)?
        var status: LinkStatus?
        var etag: String?
        /// The ETag of a server catalogue this kiosk could not read: not fetched again until it changes.
        var refusedETag: String?
    }

    private let client: QueueClient
    private let clock: ClockOffset
    private let zone: KioskTimeZone
    private let updates: Mailbox<Report>
    private let rounds: Mutex<Rounds>
    private let health = Mutex(DeviceHealth())
    private let stopped = Mutex(false)
    /// What the rounds did, for the diagnostics Network screen.
    let activity = Mutex(LinkActivity())
    /// A technician asked for a sync now: the next round starts at once and sends a heartbeat.
    private let syncAsked = Mutex(false)
    /// Signalled by ``stop(waitingAtMost:)`` and ``syncNow()``: the wait between rounds ends at once.
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Where the last ``LinkStatus`` is kept, and the token file it names when the token is refused.
    private let statusPath: String
    private let tokenFile: String

    /// Work for the kiosk through `link`'s background connection, on a store connection of its own at `storePath`,
    /// leasing numbers of `catalogue`'s services until the server's catalogue replaces it.
    init(
        link: SyncLink, config: ServerConfig, storePath: String, statusPath: String, catalogue: Catalogue,
        zone: KioskTimeZone, updates: Mailbox<Report>
    ) throws {
        self.statusPath = statusPath
        tokenFile = config.tokenFile
        client = link.background
        clock = link.clock
        let store = try SyncStore(path: storePath)
        let surveyOutbox = SurveyOutbox(store: store)
        rounds = Mutex(
            Rounds(
                store: store, sender: OutboxSender(client: client, store: store, batchSize: config.syncBatchSize),
                surveys: SurveySender(client: client, outbox: surveyOutbox), surveyOutbox: surveyOutbox,
                leases: LeaseKeeper(client: client, store: store, size: config.leaseSize, lowWater: config.leaseLowWater),
                services: catalogue.allServices.map(\.id), prioritySeries: Self.prioritySeries(catalogue),
                schedule: LinkSchedule(heartbeatSeconds: config.heartbeatSeconds),
                etag: try store.cachedCatalogue()?.etag))
        self.zone = zone
        self.updates = updates
    }

    /// The catalogue cached at `storePath` by an earlier run, if there is a readable one.
    static func cachedCatalogue(storePath: String) -> (catalogue: Catalogue, etag: String)? {
        guard let store = try? SyncStore(path: storePath), let cached = try? store.cachedCatalogue(),
            let catalogue = try? ConfigParser.catalogue(text: String(decoding: cached.bytes, as: UTF8.self), path: storePath)
        else { return nil }
        return (catalogue, cached.etag)
    }

    /// Keeps the heartbeat's device health current.
    func update(_ change: (inout DeviceHealth) -> Void) { health.withLock { change(&$0) } }

    /// Starts the background thread.
    func start() {
        // A queue of its own rather than Foundation's Thread: kioskd links no full Foundation.
        DispatchQueue(label: "kioskd.link-supervisor").async { [self] in
            run()
            finished.signal()
        }
    }

    /// Asks the thread to stop and waits (at most `seconds`) for it, e.g. mid-request to a black hole.
    func stop(waitingAtMost seconds: Double = 2) {
        stopped.withLock { $0 = true }
        wake.signal()
        _ = finished.wait(timeout: .now() + seconds)
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    /// Starts a round at once: the outbox, then a heartbeat.
    func syncNow() {
        syncAsked.withLock { $0 = true }
        wake.signal()
    }

    private func run() {
        var generator = SystemRandomNumberGenerator()
        while !isStopped {
            let pause = rounds.withLock { round(&$0, using: &generator) }
            wait(milliseconds: pause)
        }
    }

    /// Carries out one round as the schedule says; returns the milliseconds to wait before the next.
    private func round(_ state: inout Rounds, using generator: inout SystemRandomNumberGenerator) -> Int {
        let now = Int64(clamping: Clock.monotonicNanoseconds() / 1_000_000)
        let asked = syncAsked.withLock { asked in defer { asked = false }; return asked }
        do {
            let round = state.schedule.round(
                at: now, syncAsked: asked, tickets: try state.store.outboxDepth(), surveys: try state.surveyOutbox.depth())
            if round.fetchCatalogue {
                try refreshCatalogue(&state)
                state.schedule.finished(.catalogueFetched, roundStartedAt: now)
            }
            if round.renewLeases { try renewLeases(state) }
            if round.sendTickets { try sendTickets(state) }
            if round.sendSurveys { try sendSurveys(state) }
            if round.heartbeat {
                try sendHeartbeat(state)
                state.schedule.finished(.heartbeatSent, roundStartedAt: now)
                activity.withLock { $0.lastHeartbeat = WallClock.milliseconds() }
            }
            record(.ok, &state)
            reportNumbering(serverAnswers: true, &state)
            if asked {
                Log.write(.info, "queue server: synced as a technician asked: heartbeat sent, \(try state.store.outboxDepth()) tickets waiting")
            }
            activity.withLock { [offset = clock.uncertainty == nil ? nil : clock.milliseconds] in
                $0.lastSync = WallClock.milliseconds()
                $0.online = true
                $0.clockOffsetMilliseconds = offset
            }
            return state.schedule.succeeded()
        } catch {
            let pause = state.schedule.failed(using: &generator)
            let failure = LinkStatus.of(error)
            record(failure, &state)
            reportNumbering(serverAnswers: false, &state)
            activity.withLock { $0.online = false }
            if !failure.needsTechnician { Log.write(.warning, "queue server: \(error); next try in \(pause) ms") }
            return pause
        }
    }

    /// Keeps `new` in the status file and logs it when it differs from the last one.
    private func record(_ new: LinkStatus, _ state: inout Rounds) {
        guard new != state.status else { return }
        let wasRefused = state.status?.needsTechnician == true
        state.status = new
        let line = new.line(tokenFile: tokenFile)
        try? Files.replace(statusPath, with: line + "\n")
        if new.needsTechnician {
            Log.write(.error, "queue server: " + line)
        } else if wasRefused {
            Log.write(.info, "queue server: the token is accepted again")
        }
    }

    /// Tells the event loop whether the server answered this round and whether the kiosk can number offline, when either changed.
    private func reportNumbering(serverAnswers: Bool, _ state: inout Rounds) {
        let canNumberOffline = state.store.canNumberOffline(day: today)
        guard state.reportedNumbering.map({ $0 != (serverAnswers, canNumberOffline) }) ?? true else { return }
        state.reportedNumbering = (serverAnswers, canNumberOffline)
        updates.post(.numbering(serverAnswers: serverAnswers, canNumberOffline: canNumberOffline))
    }

    /// Fetches a changed catalogue. One this kiosk cannot read (a newer server's format, a broken file) is
    /// refused like a broken local one: logged with its line and fix, the cached one kept, and the rest of
    /// the round (leases, outbox, heartbeat) goes on; only a network failure throws.
    private func refreshCatalogue(_ state: inout Rounds) throws {
        guard let fetched = try client.catalogue(ifNoneMatch: state.refusedETag ?? state.etag) else { return }
        let catalogue: Catalogue
        do {
            catalogue = try ConfigParser.catalogue(text: String(decoding: fetched.bytes, as: UTF8.self), path: "queue server catalogue")
        } catch {
            state.refusedETag = fetched.etag
            Log.write(.error, "queue server: catalogue \(fetched.etag) refused, keeping \(state.etag ?? "the configured one"): \(error)")
            return
        }
        state.refusedETag = nil
        try state.store.cacheCatalogue(fetched)
        state.etag = fetched.etag
        state.services = catalogue.allServices.map(\.id)
        state.prioritySeries = Self.prioritySeries(catalogue)
        state.leases.catalogueChanged()
        Log.write(.info, "queue server: catalogue \(fetched.etag) cached (\(catalogue.allServices.count) services)")
        updates.post(.catalogue(CatalogueUpdate(catalogue: catalogue, etag: fetched.etag)))
    }

    /// The services of `catalogue` that have a priority series.
    private static func prioritySeries(_ catalogue: Catalogue) -> [ServiceID] {
        catalogue.allServices.filter { $0.priorityPrefix != nil }.map(\.id)
    }

    private func renewLeases(_ state: Rounds) throws {
        let taken = try state.leases.renew(state.services, day: today, prioritySeries: state.prioritySeries)
        if taken > 0 { Log.write(.info, "queue server: \(taken) lease(s) taken, \(try state.store.leasedNumbersLeft(day: today)) numbers left") }
    }

    private func sendTickets(_ state: Rounds) throws {
        let pass = try state.sender.drain(now: WallClock.milliseconds) { Log.write(.warning, "queue server: " + $0) }
        Log.write(.info, "queue server: outbox sent \(pass.sent) (\(pass.rejected) rejected), \(try state.store.outboxDepth()) waiting")
    }

    private func sendSurveys(_ state: Rounds) throws {
        let sent = try state.surveys.drain { Log.write(.warning, "queue server: " + $0) }
        Log.write(.info, "queue server: \(sent) survey answer(s) sent from the outbox, \(try state.surveyOutbox.depth()) waiting")
    }

    private func sendHeartbeat(_ state: Rounds) throws {
        let device = health.withLock { $0 }
        _ = try client.heartbeat(
            Heartbeat(
                softwareVersion: KioskVersion.current, printer: device.printer, scanner: device.scanner,
                touchscreen: device.touchscreen, outboxDepth: try state.store.outboxDepth(),
                leasedNumbersLeft: try state.store.leasedNumbersLeft(day: today), clockOffsetMs: clock.milliseconds,
                display: device.display, technician: device.technician))
    }

    private var today: String { LocalTime(Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()), zone: zone).dayKey }

    /// Waits `milliseconds`, or less when ``stop(waitingAtMost:)`` or ``syncNow()`` wakes it.
    private func wait(milliseconds: Int) {
        // Wake-ups signalled before this point are spent: the flags checked next say whether they still matter.
        while wake.wait(timeout: .now()) == .success {}
        guard !isStopped, !syncAsked.withLock({ $0 }) else { return }
        _ = wake.wait(timeout: .now() + .milliseconds(milliseconds))
    }
}
