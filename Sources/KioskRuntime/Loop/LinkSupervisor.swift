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
/// is posted to the event loop). Every failure to reach the server backs off with full jitter.
final class LinkSupervisor: @unchecked Sendable {
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

    private let client: QueueClient
    private let clock: ClockOffset
    /// This thread's own connection to sync.sqlite (the network worker has the other).
    private let store: SyncStore
    private let sender: OutboxSender
    private let surveys: SurveySender
    private let surveyOutbox: SurveyOutbox
    private let leases: LeaseKeeper
    private var services: [ServiceID]
    /// The services whose priority series is leased too (``Service/priorityPrefix``).
    private var prioritySeries: [ServiceID]
    private let zone: KioskTimeZone
    private let heartbeatNanoseconds: UInt64
    private let catalogueNanoseconds: UInt64 = 300_000_000_000
    private let updates: Mailbox<Report>
    /// The numbering facts last reported.
    private var reportedNumbering: (serverAnswers: Bool, canNumberOffline: Bool)?
    private let health = Mutex(DeviceHealth())
    private let stopped = Mutex(false)
    /// What the rounds did, for the diagnostics Network screen.
    let activity = Mutex(LinkActivity())
    /// A technician asked for a sync now: the next round starts at once and sends a heartbeat.
    private let syncAsked = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    private var backoff = Backoff(baseMilliseconds: 500, capMilliseconds: 15_000)
    /// Where the last ``LinkStatus`` is kept, and the token file it names when the token is refused.
    private let statusPath: String
    private let tokenFile: String
    private var status: LinkStatus?
    private var etag: String?
    /// The ETag of a server catalogue this kiosk could not read: not fetched again until it changes.
    private var refusedETag: String?

    /// Work for kiosk `kioskID` through `link`'s background connection, on a store connection of its own at `storePath`,
    /// leasing numbers of `catalogue`'s services until the server's catalogue replaces it.
    init(
        link: SyncLink, config: ServerConfig, kioskID: String, storePath: String, statusPath: String, catalogue: Catalogue,
        zone: KioskTimeZone, updates: Mailbox<Report>
    ) throws {
        self.statusPath = statusPath
        tokenFile = config.tokenFile
        client = link.background
        clock = link.clock
        store = try SyncStore(path: storePath, kioskID: kioskID)
        sender = OutboxSender(client: client, store: store, batchSize: config.syncBatchSize)
        surveyOutbox = SurveyOutbox(store: store)
        surveys = SurveySender(client: client, outbox: surveyOutbox)
        leases = LeaseKeeper(client: client, store: store, size: config.leaseSize, lowWater: config.leaseLowWater)
        services = catalogue.allServices.map(\.id)
        prioritySeries = Self.prioritySeries(catalogue)
        self.zone = zone
        heartbeatNanoseconds = UInt64(config.heartbeatSeconds) * 1_000_000_000
        self.updates = updates
        etag = try store.cachedCatalogue()?.etag
    }

    /// The catalogue cached at `storePath` by an earlier run, if there is a readable one.
    static func cachedCatalogue(storePath: String, kioskID: String) -> (catalogue: Catalogue, etag: String)? {
        guard let store = try? SyncStore(path: storePath, kioskID: kioskID), let cached = try? store.cachedCatalogue(),
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
        _ = finished.wait(timeout: .now() + seconds)
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    /// Starts a round at once: the outbox, then a heartbeat.
    func syncNow() { syncAsked.withLock { $0 = true } }

    private func run() {
        var nextHeartbeat: UInt64 = 0
        var nextCatalogue: UInt64 = 0
        var generator = SystemRandomNumberGenerator()
        while !isStopped {
            var waitMilliseconds = 1000
            do {
                let now = Clock.monotonicNanoseconds()
                let asked = syncAsked.withLock { asked in defer { asked = false }; return asked }
                if now >= nextCatalogue {
                    try refreshCatalogue()
                    nextCatalogue = now + catalogueNanoseconds
                }
                try renewLeases()
                try sendOutbox()
                if now >= nextHeartbeat || asked {
                    try sendHeartbeat()
                    nextHeartbeat = now + heartbeatNanoseconds
                    activity.withLock { $0.lastHeartbeat = WallClock.milliseconds() }
                }
                backoff.succeeded()
                record(.ok)
                reportNumbering(serverAnswers: true)
                if asked { Log.write(.info, "queue server: synced as a technician asked: heartbeat sent, \(try store.outboxDepth()) tickets waiting") }
                activity.withLock { [offset = clock.uncertainty == nil ? nil : clock.milliseconds] in
                    $0.lastSync = WallClock.milliseconds()
                    $0.online = true
                    $0.clockOffsetMilliseconds = offset
                }
            } catch {
                waitMilliseconds = max(100, backoff.failed(using: &generator))
                let failure = LinkStatus.of(error)
                record(failure)
                reportNumbering(serverAnswers: false)
                activity.withLock { $0.online = false }
                if !failure.needsTechnician { Log.write(.warning, "queue server: \(error); next try in \(waitMilliseconds) ms") }
            }
            sleep(milliseconds: waitMilliseconds)
        }
    }

    /// Fetches a changed catalogue. One this kiosk cannot read (a newer server's format, a broken file) is
    /// refused like a broken local one: logged with its line and fix, the cached one kept, and the rest of
    /// the round (leases, outbox, heartbeat) goes on; only a network failure throws.
    /// Keeps `new` in the status file and logs it when it differs from the last one.
    private func record(_ new: LinkStatus) {
        guard new != status else { return }
        let wasRefused = status?.needsTechnician == true
        status = new
        let line = new.line(tokenFile: tokenFile)
        try? Files.replace(statusPath, with: line + "\n")
        if new.needsTechnician {
            Log.write(.error, "queue server: " + line)
        } else if wasRefused {
            Log.write(.info, "queue server: the token is accepted again")
        }
    }

    /// Tells the event loop whether the server answered this round and whether the kiosk can number offline, when either changed.
    private func reportNumbering(serverAnswers: Bool) {
        // A store that cannot be read numbers nothing offline either.
        let canNumberOffline = ((try? store.fallbackMark()) ?? nil) != nil || ((try? store.leasedNumbersLeft(day: today)) ?? 0) > 0
        guard reportedNumbering.map({ $0 != (serverAnswers, canNumberOffline) }) ?? true else { return }
        reportedNumbering = (serverAnswers, canNumberOffline)
        updates.post(.numbering(serverAnswers: serverAnswers, canNumberOffline: canNumberOffline))
    }

    private func refreshCatalogue() throws {
        guard let fetched = try client.catalogue(ifNoneMatch: refusedETag ?? etag) else { return }
        let catalogue: Catalogue
        do {
            catalogue = try ConfigParser.catalogue(text: String(decoding: fetched.bytes, as: UTF8.self), path: "queue server catalogue")
        } catch {
            refusedETag = fetched.etag
            Log.write(.error, "queue server: catalogue \(fetched.etag) refused, keeping \(etag ?? "the configured one"): \(error)")
            return
        }
        refusedETag = nil
        try store.cacheCatalogue(fetched)
        etag = fetched.etag
        services = catalogue.allServices.map(\.id)
        prioritySeries = Self.prioritySeries(catalogue)
        Log.write(.info, "queue server: catalogue \(fetched.etag) cached (\(catalogue.allServices.count) services)")
        updates.post(.catalogue(CatalogueUpdate(catalogue: catalogue, etag: fetched.etag)))
    }

    /// The services of `catalogue` that have a priority series.
    private static func prioritySeries(_ catalogue: Catalogue) -> [ServiceID] {
        catalogue.allServices.filter { $0.priorityPrefix != nil }.map(\.id)
    }

    private func renewLeases() throws {
        let taken = try leases.renew(services, day: today, prioritySeries: prioritySeries)
        if taken > 0 { Log.write(.info, "queue server: \(taken) lease(s) taken, \(try store.leasedNumbersLeft(day: today)) numbers left") }
    }

    private func sendOutbox() throws {
        if try store.outboxDepth() > 0 {
            let pass = try sender.drain(now: WallClock.milliseconds) { Log.write(.warning, "queue server: " + $0) }
            Log.write(.info, "queue server: outbox sent \(pass.sent) (\(pass.rejected) rejected), \(try store.outboxDepth()) waiting")
        }
        // Survey answers after the tickets: a survey is only taken for a ticket the server holds.
        if try surveyOutbox.depth() > 0 {
            let sent = try surveys.drain { Log.write(.warning, "queue server: " + $0) }
            Log.write(.info, "queue server: \(sent) survey answer(s) sent from the outbox, \(try surveyOutbox.depth()) waiting")
        }
    }

    private func sendHeartbeat() throws {
        let device = health.withLock { $0 }
        _ = try client.heartbeat(
            Heartbeat(
                softwareVersion: KioskVersion.current, printer: device.printer, scanner: device.scanner,
                touchscreen: device.touchscreen, outboxDepth: try store.outboxDepth(),
                leasedNumbersLeft: try store.leasedNumbersLeft(day: today), clockOffsetMs: clock.milliseconds,
                display: device.display, technician: device.technician))
    }

    private var today: String { LocalTime(Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()), zone: zone).dayKey }

    /// Sleeps in short steps, so `stop()` is heard quickly.
    private func sleep(milliseconds: Int) {
        var left = milliseconds
        while left > 0, !isStopped, !syncAsked.withLock({ $0 }) {
            usleep(UInt32(min(left, 100)) * 1000)
            left -= 100
        }
    }
}
