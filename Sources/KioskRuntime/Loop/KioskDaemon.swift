import CLinux
import KioskCore
import KioskDevices
import KioskDisplay
import KioskLink
import KioskProtocol
import KioskUI
import KioskSystem

/// The kiosk service: owns the devices, runs the event loop, feeds events to the pure core and
/// carries out the effects it asks for.
///
/// One thread owns the state. It waits in `poll()` on the touch input, a signalfd and a wake-up
/// pipe from the print worker; work that may block (printing, writing PNG frames) runs on worker
/// queues and reports back through ``Mailbox``.
public final class KioskDaemon {
    let config: KioskConfig
    var catalogue: Catalogue
    var settings: FlowSettings
    let renderer: ScreenRenderer
    let display: Display
    /// The frame, drawn in place: the renderer redraws only what changes, the display copies that out.
    private var frame: Canvas
    /// The screen changed and the frame has not been presented yet.
    private var frameDue = true
    /// The button under the citizen's tap, drawn pressed until the screen changes or a moment passes.
    private var pressed: (frame: Rect, until: UInt64)?
    private var reportedDisplayHealth: DisplayHealth?
    /// SIGUSR1 gives the display's device away (a VT switch), SIGUSR2 takes it back.
    private let displaySignals: Int32
    let store: TicketStore
    private let printer: PrintWorker
    private let printResults: Mailbox<PrinterReport>
    /// Gentle status polling while idle.
    private var printerPoll = PrinterPollSchedule()
    private let notifier = SystemdNotifier()
    private let signals: Int32
    let touch: TouchDevice
    let scanDesk: ScanDesk
    /// Checks technicians' PINs off the loop.
    private let pins: PINDesk
    /// The queue server's workers; nil for a standalone kiosk.
    let server: ServerConnection?
    /// The last catalogue from the server, put in use when the core says so (``Effect/useCatalogue(version:)``).
    var receivedCatalogue: LinkSupervisor.CatalogueUpdate?
    /// Tickets being numbered (until the core's ``KioskState/isNumbering(_:)`` turns false): the tap that asked
    /// (tap-to-print covers the network too), the service, and when the number deadline passes (monotonic ns;
    /// nil once it passed or the server's answer came).
    var numbering: [TicketID: (tapAt: UInt64?, service: Service, deadline: UInt64?)] = [:]
    /// The touchscreen health last told to systemd (`STATUS=`), shown by `systemctl status`.
    private var reportedTouchPresent: Bool?
    var state = KioskState()
    /// The technician counts last handed to the heartbeat.
    private var reportedTechnicianCounts = TechnicianCounts()
    /// When kioskd started, and when diagnostics last got the devices' facts (monotonic ns).
    let startedAt = Clock.now()
    private var factsSentAt: UInt64 = 0
    /// Tickets handed to the printer, with the monotonic time of the tap that asked for them.
    private var inFlight: [TicketID: (ticket: Ticket, tapAt: UInt64?)] = [:]
    private var lastTick: UInt64 = 0
    private var lastWatchdogPing: UInt64 = 0
    private var renderedMinute = -1
    /// The speech guidance (KioskDaemon+Speech): on for a citizen who asked for it; nil without `speech` configured.
    var speechGuide = SpeechGuide()
    let speech: SpeechWorker?
    /// The headphone jack's plug switch, where configured and it opened; nil once it fails.
    var jack: HeadphoneJack?

    /// How a run ended.
    enum Ending: Equatable {
        /// Stopped by SIGTERM or SIGINT, with this exit status.
        case stop(Int32)
        /// A new configuration was accepted (SIGHUP): start again from it.
        case restart
    }

    /// Where the configuration came from, to reload it on SIGHUP.
    private let configPath: String
    /// A configuration that passed its checks on SIGHUP, waiting for the kiosk to be idle.
    private var reloadAccepted = false
    /// kioskctl asked for a restart, done when the kiosk is idle.
    var restartRequested = false
    /// kioskctl's way in; nil when the socket could not be opened.
    private var control: ControlSocket?
    private lazy var lockoutFile = PINLockoutFile(stateDirectory: config.stateDirectory)
    /// Why the last good configuration runs instead of the configured one, when it does.
    let fallback: String?

    /// Shows the first frame, then opens every other device for `loaded` (read from `configPath`); `signals`
    /// is the termination signalfd; `fallback` says why the last good configuration is in use, when it is;
    /// `launchedAt` is when `main` began (monotonic ns). Throws an error naming the device or file that could
    /// not be opened.
    init(loaded: ConfigFiles.Loaded, configPath: String, signals: Int32, fallback: String?, launchedAt: UInt64) throws {
        self.signals = signals
        self.configPath = configPath
        displaySignals = clinux_display_signalfd()
        guard displaySignals >= 0 else { throw SystemCallError(call: "signalfd", subject: "SIGUSR1", errno: errno) }
        // Frames are megabytes each and cross threads (rendered here, written as PNG by the
        // display queue): one malloc arena lets every thread reuse them (46 MiB vs 52 MiB after 100 tickets).
        _ = clinux_use_one_malloc_arena()
        self.fallback = fallback

        config = loaded.config
        let cached = config.server == nil ? nil : ServerConnection.bootCatalogue(config)
        catalogue = cached?.catalogue ?? loaded.catalogue
        let size = config.display.size
        let capacity = LayoutMetrics.pageCapacity(for: size)
        settings = FlowSettings(
            catalogue: catalogue, timeZone: config.timeZone, idleTimeoutSeconds: config.idleTimeoutSeconds,
            ticketScreenSeconds: config.ticketScreenSeconds, agenciesPerPage: capacity.agencies,
            servicesPerPage: capacity.services, alwaysOpen: config.alwaysOpen,
            allowScreenOnlyTickets: config.printer.allowScreenOnlyTickets, linked: config.server != nil,
            idlePromptSeconds: config.idlePromptSeconds)
        settings.diagnostics = config.diagnostics ?? DiagnosticsSettings(screenWidth: size.width, screenHeight: size.height)
        settings.speechGuidance = config.speech != nil
        settings.mostUsedServicesFirst = config.mostUsedServicesFirst
        if let server = config.server { settings.numberDeadlineMilliseconds = server.deadlineMilliseconds }
        renderer = try ScreenRenderer(size: size, mallName: config.mallName, kioskID: config.kioskID)
        try Files.makeDirectories(config.stateDirectory)
        let display = try DisplayFactory.open(config.display, stateDirectory: config.stateDirectory)
        self.display = display
        // The first frame before anything its screen does not need: the ledger (the first screen shows no
        // counts; it is open before the loop takes the first touch), the printer, the link, the other devices.
        let first = Self.firstFrame(renderer: renderer, settings: settings, display: display, launchedAt: launchedAt)
        frame = first.frame
        do {
            pins = try PINDesk(path: TechniciansFile.path(besideConfig: configPath))
            store = try TicketStore(path: config.stateDirectory + "/tickets.sqlite")
            printResults = try Mailbox<PrinterReport>()
            printer = PrintWorker(
                transport: PrinterFactory.transport(for: config.printer),
                paper: PaperCounter(
                    path: config.stateDirectory + "/paper-used-mm", rollMillimetres: config.printer.rollLengthMeters * 1000),
                reports: printResults)

            touch = TouchDevice(config: config.input, screen: size, stateDirectory: config.stateDirectory)
            speech = config.speech.map { SpeechWorker(device: $0.device) }
            jack = config.speech?.jack.flatMap(Self.openJack)
            scanDesk = ScanDesk(
                scanner: config.scanner.flatMap { scanner in loaded.scanner.map { (scanner.path, $0) } },
                bookingsPath: config.stateDirectory + "/bookings.json", catalogue: catalogue, store: store)
            if let link = loaded.config.server {
                server = try ServerConnection(
                    config: loaded.config, server: link, catalogue: cached?.catalogue ?? loaded.catalogue,
                    catalogueSource: cached.map { "cached \($0.etag)" } ?? "file")
            } else {
                server = nil
            }
        } catch {
            // The out-of-service screen opens the display again: this one lets go first (a snapshot being
            // written finishes, a DRM card's CRTC and master are given back).
            display.close(lastFrame: first.frame)
            throw error
        }
        renderedMinute = first.minute
        frameDue = false
        server?.supervisor.update { [scanner = loaded.config.scanner] in $0.scanner = scanner == nil ? .absent : .ok }
        handle(touch.housekeeping(now: Clock.monotonicNanoseconds()), readAt: nil)
    }

    /// Runs until SIGTERM or SIGINT, or until a configuration accepted on SIGHUP can take over between citizens.
    /// When it throws, the workers it started are stopped and the devices closed first (the out-of-service
    /// screen that follows opens the display again).
    func run() throws -> Ending {
        do {
            return try serve()
        } catch {
            release()
            throw error
        }
    }

    /// The event loop (``run()``).
    private func serve() throws -> Ending {
        for number in try store.settleInterruptedPrints(reason: "kioskd stopped while printing it") {
            Log.write(.warning, "ticket number=\(number) was printing when kioskd stopped: recorded uncertain")
        }
        let now = Clock.now()
        let today = LocalTime(now, zone: config.timeZone).dayKey
        let issuedAt = Dictionary(grouping: try store.tickets(day: today), by: \.serviceID).mapValues { $0.map(\.issuedAt) }
        dispatch(
            .restored(
                day: today, lastSequence: try store.lastSequences(day: today),
                prioritySequence: try store.lastSequences(day: today, series: .priority), issuedAt: issuedAt),
            tapAt: nil)
        if let lockout = lockoutFile.load(now: now) { dispatch(.pinLockoutRestored(lockout), tapAt: nil) }
        control = Self.openControlSocket(config)
        present()
        showFrame()
        Log.write(.info, readyMessage())
        try? Files.replace(config.stateDirectory + "/kioskd.pid", with: "\(getpid())\n")  // For kioskctl reload.
        notifier.pingWatchdog()  // After a restart in place the watchdog still counts from the old program's last ping.
        lastWatchdogPing = Clock.monotonicNanoseconds()
        notifier.notify("READY=1")
        if let fallback { notifier.notify("STATUS=" + OutOfService.shortened(fallback)) }
        printer.poll()
        printer.startWatching()
        server?.start()

        while true {
            var fds = [pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: printResults.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            let touchFD = touch.pollDescriptor, scanFD = scanDesk.pollDescriptor, pinFD = pins.pollDescriptor
            let jackFD = jack?.pollDescriptor
            if let jackFD { fds.append(pollfd(fd: jackFD, events: Int16(POLLIN), revents: 0)) }
            let serverFDs = server.map { [$0.answers.fileDescriptor, $0.reports.fileDescriptor] } ?? []
            let displayFDs = display.pollDescriptors + [displaySignals]
            for fd in [touchFD, scanFD, pinFD].compactMap({ $0 }) + serverFDs + displayFDs {
                fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
            }
            let controlStart = fds.count
            fds += control?.pollDescriptors ?? []
            _ = try systemCall("poll", "event loop") { poll(&fds, nfds_t(fds.count), pollTimeoutMilliseconds()) }

            if fds[0].revents != 0, signalled() { break }
            if fds.contains(where: { displayFDs.contains($0.fd) && $0.revents != 0 }) {
                switch clinux_read_signal(displaySignals) {
                case SIGUSR1: display.suspend()
                case SIGUSR2: display.resume()  // and asks for a whole frame (needsFrame)
                default: break
                }
                display.handleEvents()
                for tap in display.takeTaps() { handle(Tap(x: tap.x, y: tap.y), readAt: nil) }
            }
            if let fd = touchFD, fds.contains(where: { $0.fd == fd && $0.revents != 0 }) {
                let readAt = Clock.monotonicNanoseconds()
                handle(touch.read(now: readAt), readAt: readAt)
            }
            if let fd = scanFD, fds.contains(where: { $0.fd == fd && $0.revents != 0 }) {
                for event in scanDesk.read(now: Clock.monotonicNanoseconds()) { dispatch(event, tapAt: nil) }
            }
            if fds[1].revents != 0 { collectPrintResults() }
            if let fd = jackFD, fds.contains(where: { $0.fd == fd && $0.revents != 0 }) { headphonesChanged() }
            if fds.contains(where: { $0.fd == pinFD && $0.revents != 0 }) { for event in pins.drain() { dispatch(event, tapAt: nil) } }
            if !serverFDs.isEmpty, fds.contains(where: { serverFDs.contains($0.fd) && $0.revents != 0 }) { collectServerAnswers() }
            passNumberDeadlines(now: Clock.monotonicNanoseconds())
            control?.serve(fds[controlStart...], now: Clock.monotonicNanoseconds()) { answer($0, from: $1) }
            housekeeping()
            showFrame()
            if reloadAccepted || restartRequested, isBetweenCitizens {
                _ = shutDown(restarting: true)
                return .restart
            }
        }
        return .stop(shutDown(restarting: false))
    }

    /// Reads the pending signals: true for SIGTERM or SIGINT; SIGHUP checks the configuration files.
    private func signalled() -> Bool {
        while true {
            switch clinux_read_signal(signals) {
            case SIGTERM, SIGINT: return true
            case SIGHUP: checkReload()
            case 0, -1: return false
            default: continue
            }
        }
    }

    /// Checks the configuration files again: a broken one is refused with its file, line and fix while the
    /// kiosk goes on with what it has; a good one takes over once no citizen is mid-journey.
    private func checkReload() {
        do {
            let loaded = try ConfigFiles.load(configPath)
            LastGoodConfig.remember(loaded)
            reloadAccepted = true
            Log.write(.info, "reload: the configuration checks out; it takes over when no citizen is mid-journey")
        } catch {
            Log.write(.error, "reload refused, going on with the running configuration: \(error)")
            notifier.notify("STATUS=reload refused: " + OutOfService.shortened("\(error)"))
        }
    }

    /// No citizen is mid-journey and nothing is printing or being numbered.
    var isBetweenCitizens: Bool { state.screen == .home && inFlight.isEmpty && numbering.isEmpty }

    // MARK: - Input

    private func handle(_ gestures: [Gesture], readAt: UInt64?) {
        for gesture in gestures {
            if let point = DiagnosticsTouch.event(for: gesture, on: state.screen) { dispatch(point, tapAt: nil) }
            if speak(gesture) { continue }
            switch gesture {
            case .tap(let point): handle(point.tap, readAt: readAt)
            case .contactDropped(let point, let held):
                Log.write(.warning, "touch held \(held) ms at (\(point.x), \(point.y)) dropped as a stuck contact")
            case .held(let point, let milliseconds):
                dispatch(.touchHeld(x: point.x, y: point.y, milliseconds: milliseconds), tapAt: nil)
            case .longPress, .drag: break  // The core has no use for them yet.
            }
        }
    }

    /// Hit-tests `tap` and presses the button under it; false when there is none.
    @discardableResult
    func handle(_ tap: Tap, readAt: UInt64?) -> Bool {
        let layout = renderer.layout(state, settings: settings, now: Clock.now())
        guard let button = layout.buttons.first(where: { $0.enabled && $0.frame.contains(x: tap.x, y: tap.y) }) else { return false }
        press(button, readAt: readAt)
        return true
    }

    /// Presses `button` of the screen shown, as a tap on it does.
    func press(_ button: ScreenLayout.Button, readAt: UInt64?) {
        if state.screen == .home, printerPoll.citizenArrived() { printer.poll() }
        // The citizen sees the press in the next frame, before whatever the press starts.
        pressed = (button.frame, Clock.monotonicNanoseconds() &+ 150_000_000)
        frameDue = true
        showFrame()
        dispatch(.press(button.action), tapAt: readAt)
    }

    // MARK: - Core

    /// Steps the core with `event` and carries out its effects (and the events they cause); returns them all.
    @discardableResult
    func dispatch(_ event: Event, tapAt: UInt64?) -> [Effect] {
        var queue = [event], carriedOut: [Effect] = []
        var screenChanged = false
        let before = state
        while !queue.isEmpty {
            let context = StepContext(now: Clock.now(), freshTicketID: Self.randomTicketID())
            let (next, effects) = KioskFlow.step(state, queue.removeFirst(), context, settings: settings)
            state = next
            carriedOut += effects
            for effect in effects {
                switch effect {
                case .show: screenChanged = true
                case .log(let level, let message): Log.write(level, message)
                case .issue(let ticket):
                    if let failure = issue(ticket, tapAt: tapAt) { queue.append(failure) }
                case .lookUpBooking, .lookUpTicket:
                    if let answer = scanDesk.answer(effect) { queue.append(answer) }
                case .recordScreenOnly(let ticket):
                    if let failure = recordScreenOnly(ticket) { queue.append(failure) }
                case .requestNumber(let request):
                    if let failure = requestNumber(request, tapAt: tapAt) { queue.append(failure) }
                case .numberOffline(let request):
                    if let failure = numberOffline(request) { queue.append(failure) }
                case .forgetNumber(let id): server?.worker.forgetAsked(id)
                case .voidNumber(let id, let reason): server?.recordPrintOutcome(id, .failed(reason: reason))
                case .useCatalogue(let version):
                    if let received = receivedCatalogue, received.etag == version { use(received.catalogue) }
                case .submitSurvey(let answer):
                    // Only a linked kiosk offers the survey; without a server nothing can keep it.
                    if let server { server.worker.submitSurvey(answer) } else { queue.append(.surveySubmitted(answer.ticketID, .notRecorded)) }
                case .checkPIN(let attempt): pins.check(attempt)
                case .printTestPage:
                    let page = TestPage.make(config)
                    printer.submit(page.bytes, millimetres: page.millimetres, for: TestPage.jobID, within: 10)
                case .resetPaperCounter: printer.resetPaper()
                case .technician(let work):
                    queue += TechnicianDesk.carryOut(
                        work, config: config, touch: touch, printer: printer, pins: pins, server: server, restart: checkReload)
                }
            }
        }
        if screenChanged {
            present()
            speakScreen(from: before)
        }
        if state.technician.counts != reportedTechnicianCounts {
            reportedTechnicianCounts = state.technician.counts
            server?.supervisor.update { [counts = state.technician.counts] in
                $0.technician = TechnicianActivity(
                    pinAttempts: counts.attempts, pinRejected: counts.rejected, lockouts: counts.lockouts,
                    entries: counts.entries, exits: counts.exits)
            }
        }
        lockoutFile.keep(state.technician.lockout)
        return carriedOut
    }

    /// Records `ticket` durably and hands it to the printer; returns the event to feed back if
    /// it could not be recorded (then nothing is printed: a number nobody holds is never made).
    private func issue(_ ticket: Ticket, tapAt: UInt64?) -> Event? {
        guard let service = catalogue.service(ticket.serviceID), let agency = catalogue.agency(ticket.agencyID) else {
            return .ticketNotRecorded(ticket.id, reason: "service \(ticket.serviceID) is not in the catalogue")
        }
        if let failure = record(ticket) ?? server?.willPrint(ticket.id) { return failure }
        let document = TicketLayout.document(
            for: ticket, agency: agency, service: service, mallName: config.mallName, kioskID: config.kioskID,
            zone: config.timeZone, citizenPage: config.server?.publicURL)
        inFlight[ticket.id] = (ticket, tapAt)
        printer.submit(
            EscPosEncoder.encode(document, profile: config.printer.profile),
            millimetres: TicketPaperLength.millimetres(document, profile: config.printer.profile), for: ticket.id,
            within: Self.printDeadline(tapAt: tapAt))
        return nil
    }

    /// The citizen has a ticket or a clear message within 3 s of the tap: the print job gets what
    /// is left of 2.7 s since the tap (the rest is the screen and the ledger), but at least 0.5 s.
    static func printDeadline(tapAt: UInt64?, now: UInt64 = Clock.monotonicNanoseconds()) -> Double {
        let elapsed = tapAt.map { now >= $0 ? Double(now - $0) / 1e9 : 0 } ?? 0
        return max(0.5, 2.7 - elapsed)
    }

    /// Records `ticket` durably as shown on screen only (the printer cannot print); returns the
    /// event to feed back if it could not be recorded.
    private func recordScreenOnly(_ ticket: Ticket) -> Event? {
        if let failure = record(ticket) { return failure }
        do {
            try store.setOutcome(.screenOnly, for: ticket.id, reason: "printer \(state.printer.rawValue)")
            Log.write(
                .warning,
                "ticket id=\(ticket.id) number=\(ticket.number) shown on screen only: printer \(state.printer.rawValue)")
            return nil
        } catch {
            return .ticketNotRecorded(ticket.id, reason: String(describing: error))
        }
    }

    /// Records `ticket` durably (with its booking's check-in, in one transaction); returns the
    /// event to feed back if it could not be recorded.
    private func record(_ ticket: Ticket) -> Event? {
        do {
            if server != nil {
                // A linked kiosk's ticket is durable already (on the queue server, or in the outbox
                // when offline); a booking's check-in is still remembered here, so it works once.
                if let code = ticket.bookingCode { try store.recordCheckIn(code, ticket: ticket.id) }
            } else if let code = ticket.bookingCode {
                try store.record(ticket, checkingIn: code)
            } else {
                try store.record(ticket)
            }
            return nil
        } catch {
            return .ticketNotRecorded(ticket.id, reason: String(describing: error))
        }
    }

    private func collectPrintResults() {
        for report in printResults.drain() {
            switch report {
            case .job(let result): finish(result)
            case .status(let condition):
                printerPoll.reported(condition, at: Clock.monotonicNanoseconds())
                server?.supervisor.update { $0.printer = DeviceHealth.state(of: condition) }
                dispatch(.printerStatus(condition), tapAt: nil)
            }
        }
    }

    /// Records how a ticket's print job ended and tells the core.
    private func finish(_ result: PrintResult) {
        if let name = TestPage.name(of: result.ticketID) { return Log.write(.info, "\(name): \(result.outcome)") }
        guard let (ticket, tapAt) = inFlight.removeValue(forKey: result.ticketID) else { return }
        let recorded: PrintOutcome
        let event: Event
        switch result.outcome {
        case .printed: (recorded, event) = (.printed, .ticketPrinted(ticket.id))
        case .failed(let reason): (recorded, event) = (.failed, .ticketPrintFailed(ticket.id, reason: reason))
        case .uncertain(let reason): (recorded, event) = (.uncertain, .ticketPrintUncertain(ticket.id, reason: reason))
        }
        do {
            try store.setOutcome(recorded, for: ticket.id, reason: result.outcome.reason)
        } catch {
            Log.write(.error, "print outcome of ticket \(ticket.id) not recorded: \(error)")
        }
        server?.recordPrintOutcome(ticket.id, result.outcome)
        Log.write(result.outcome == .printed ? .info : .error, TicketLogLine.format(ticket, result: result, tapAt: tapAt))
        dispatch(event, tapAt: nil)
    }

    // MARK: - Time and screen

    private func housekeeping() {
        let monotonic = Clock.monotonicNanoseconds()
        if monotonic - lastTick >= 250_000_000 {
            lastTick = monotonic
            dispatch(.tick, tapAt: nil)
            if state.technician.technician != nil, monotonic &- factsSentAt >= 2_000_000_000 || state.technician.facts == nil {
                factsSentAt = monotonic
                let facts = DiagnosticsFactsCollector.collect(
                    config: config, touch: touch, scanDesk: scanDesk, display: display.health, server: server,
                    catalogue: catalogue, startedAt: startedAt)
                dispatch(.diagnosticsFacts(facts), tapAt: nil)
            }
            if state.screen == .home, LocalTime(Clock.now(), zone: config.timeZone).minute != renderedMinute {
                present()  // The first screen shows the time.
            }
        }
        handle(touch.housekeeping(now: monotonic), readAt: nil)
        speakQuiet(now: monotonic)
        for event in scanDesk.housekeeping(now: monotonic) { dispatch(event, tapAt: nil) }
        if touch.isPresent != reportedTouchPresent {
            reportedTouchPresent = touch.isPresent
            server?.supervisor.update { [present = touch.isPresent] in $0.touchscreen = present ? .ok : .absent }
            notifier.notify("STATUS=touchscreen " + (touch.isPresent ? "ok: \(touch.summary)" : "missing"))
        }
        if inFlight.isEmpty, printerPoll.isDue(at: monotonic) { printer.poll() }
        if let press = pressed, monotonic >= press.until {
            pressed = nil
            frameDue = true
        }
        if display.health != reportedDisplayHealth {
            reportedDisplayHealth = display.health
            Log.write(display.health.isShowing ? .info : .error, "display \(display.health)")
            server?.supervisor.update { [state = DeviceHealth.state(of: display.health)] in $0.display = state }
        }
        if let interval = notifier.watchdogPingInterval, monotonic - lastWatchdogPing >= interval {
            lastWatchdogPing = monotonic
            notifier.pingWatchdog()
        }
    }

    /// Marks the screen as changed; the frame is drawn when the display can take it.
    func present() {
        pressed = nil
        frameDue = true
    }

    /// Draws what changed into the frame and presents it, when a frame is due and the display is ready.
    private func showFrame() {
        guard frameDue || display.needsFrame, display.isReady else { return }
        let now = Clock.now()
        renderedMinute = LocalTime(now, zone: config.timeZone).minute
        let damage = frameDue ? renderer.render(state, settings: settings, now: now, pressed: pressed?.frame, into: &frame) : []
        frameDue = false
        if !damage.isEmpty || display.needsFrame { display.present(frame, damage: damage) }
    }

    /// Finishes the print jobs and closes the devices. Restarting in place (same process), systemd is told it
    /// reloads (the new program's READY=1 ends it); STOPPING=1 would have systemd stop the restarted kioskd.
    private func shutDown(restarting: Bool) -> Int32 {
        Log.write(.info, "stopping: finishing print jobs")
        notifier.notify(restarting ? "RELOADING=1" : "STOPPING=1")
        release()
        Log.write(.info, "stopped")
        return 0
    }

    /// Stops the workers (the print jobs finish) and closes the devices.
    private func release() {
        server?.stop()
        speech?.stop()
        printer.stop()
        collectPrintResults()
        display.close(lastFrame: frame)
        touch.close()
        scanDesk.close()
        control?.close()
    }
}
