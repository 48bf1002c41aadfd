import Foundation
import KioskCore

/// A run of `kiosk-sim`: kiosks, counters and the server through simulated days, with faults from the seed;
/// each day healed and judged at its end (``Verdict``). Single-threaded and blocking: call ``run(_:)`` from a
/// thread of its own (``runOnOwnThread(_:)``), never from the concurrency pool.
public final class Simulation {
    private let config: SimConfig
    private let world: SimWorld
    private let kiosks: [SimKiosk]
    private let counters: Counters
    private let folder: String
    /// The local midnights of the working days to simulate, in order.
    private let days: [Int64]
    private var schedule = Schedule()
    private var report: SimReport
    /// The bookings file every kiosk reads, and the day's bookings in it.
    private let bookingsPath: String
    private var bookings: [SimBooking] = []
    static let site = "mpp-badung"

    private init(_ config: SimConfig) throws {
        self.config = config
        let settings = try Self.settings(config)
        days = try Self.workingDays(config, settings: settings)
        let folder = config.directory + "/kiosk-sim-" + UUID().uuidString
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let clock = SimClock(start: DayCurve.midnight(of: config.firstDay) ?? 0)
        let dice = Dice(seed: config.seed)
        let trace = TraceLog(clock: clock)
        let network = SimNetwork(
            clock: clock, dice: dice, trace: trace, databasePath: folder + "/queue.sqlite", site: Self.site, catalogue: config.catalogue)
        let server = ServerConfig(url: "http://queue.sim.invalid", tokenFile: "/nonexistent", deadlineMilliseconds: 1500)
        let world = SimWorld(clock: clock, dice: dice, trace: trace, network: network, settings: settings, server: server)
        self.world = world
        try network.startServer()
        let now = clock.now
        let kioskIDs = (1...max(1, config.kiosks)).map { "kiosk-\($0)" }
        for id in kioskIDs {
            try network.provision { try await $0.addKiosk(id, site: Self.site, token: "token-" + id, mayClaimPriority: true, now: now) }
        }
        try network.provision { try await $0.addStaff("staff-1", site: Self.site, token: "token-staff", now: now) }
        bookingsPath = folder + "/bookings.json"
        kiosks = kioskIDs.map { [bookingsPath] in
            SimKiosk(
                id: $0, token: "token-" + $0, storePath: "\(folder)/\($0).sqlite", bookingsPath: bookingsPath, world: world,
                idleMilliseconds: config.linkRoundSeconds * 1000)
        }
        counters = Counters(world: world, token: "token-staff") { [kiosks] id in kiosks.contains { $0.holdsUnsentNotPrinted(id) } }
        report = SimReport(seed: config.seed)
    }

    /// Runs `config` on this thread and removes its files; throws only when the simulation itself cannot go on.
    public static func run(_ config: SimConfig) throws -> SimReport {
        let simulation = try Simulation(config)
        defer {
            simulation.world.network.stopServer()
            try? FileManager.default.removeItem(atPath: simulation.folder)
        }
        return try simulation.runDays()
    }

    /// Runs `config` on a thread of its own (the in-process server's async work needs the pool free).
    public static func runOnOwnThread(_ config: SimConfig) async throws -> SimReport {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try run(config) }) }
            thread.stackSize = 16 << 20
            thread.start()
        }
    }

    // MARK: Days

    private func runDays() throws -> SimReport {
        for midnight in days {
            try simulate(day: DayCurve.dayKey(midnight), midnight: midnight)
            if !report.violations.isEmpty { break }
        }
        report.printed = world.ledger.printed
        report.visits = world.ledger.visits
        report.faults = world.ledger.faults
        report.requestsChanged = world.network.affected
        report.requests = world.network.requests
        report.traceHash = world.trace.hash
        report.traceLines = world.trace.lines
        return report
    }

    /// The kiosks' settings: `config`'s catalogue, linked, in WITA.
    static func settings(_ config: SimConfig) throws -> FlowSettings {
        let catalogue = try ConfigParser.catalogue(text: String(decoding: config.catalogue, as: UTF8.self), path: "catalogue.json")
        return FlowSettings(
            catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 60, ticketScreenSeconds: 10, agenciesPerPage: 12, servicesPerPage: 8,
            linked: true)
    }

    /// The local midnights of `config.days` working days from `config.firstDay` (a day some service opens at 10:00;
    /// others are skipped, not counted), looking no further than `3 × days + 14` days ahead.
    static func workingDays(_ config: SimConfig, settings: FlowSettings) throws -> [Int64] {
        guard var midnight = DayCurve.midnight(of: config.firstDay) else { throw SimFailure("first day \(config.firstDay) is not YYYY-MM-DD") }
        var days: [Int64] = []
        for _ in 0..<(config.days * 3 + 14) where days.count < config.days {
            let ten = Timestamp(millisecondsSinceEpoch: DayCurve.at(midnight, minute: 600))
            if settings.catalogue.allServices.contains(where: { KioskState().availability(of: $0, now: ten, settings: settings) == .open }) {
                days.append(midnight)
            }
            midnight += 86_400_000
        }
        return days
    }

    private func simulate(day: String, midnight: Int64) throws {
        world.clock.advance(to: DayCurve.at(midnight, minute: 7 * 60))
        world.day = day
        world.trace.add("day \(day)")
        for kiosk in kiosks where !kiosk.up { try kiosk.start() }
        for kiosk in kiosks { kiosk.feed(.tick) }
        try plan(day: day, midnight: midnight)
        let end = DayCurve.at(midnight, minute: 16 * 60)
        while let (at, happening) = schedule.next() {
            world.clock.advance(to: at)
            try happen(happening, end: end)
        }
        counters.dayOver()
        try healAndJudge(day: day)
        report.days.append(day)
    }

    /// The day's citizens (and the bookings file staff put on the kiosks before opening), link rounds, counters,
    /// staff rounds and faults.
    private func plan(day: String, midnight: Int64) throws {
        let dice = world.dice
        let citizens = config.citizensPerKioskDay * kiosks.count
        let arrivals = DayCurve.arrivals(citizens, midnight: midnight, dice: dice)
        for at in arrivals { schedule.add(.citizen, at: at) }
        let booked = config.bookedOneIn > 0
            ? SimBooking.day(citizens: citizens, oneIn: config.bookedOneIn, midnight: midnight, catalogue: world.settings.catalogue, dice: dice, isOpen: isOpen)
            : []
        bookings = booked.map(\.booking)
        try SimBooking.file(bookings, day: day).write(toFile: bookingsPath, atomically: true, encoding: .utf8)
        for (index, arrival) in booked.map(\.arrival).enumerated() { schedule.add(.bookedCitizen(index), at: arrival) }
        let now = world.clock.now
        for index in kiosks.indices { schedule.add(.linkRound(kiosk: index), at: now + Int64(index) * 1000) }
        for desk in 0..<counters.count { schedule.add(.counter(desk: desk), at: DayCurve.at(midnight, minute: 8 * 60 + 5) + dice.int(0...300_000)) }
        for minute in stride(from: 8 * 60, through: 16 * 60, by: 10) { schedule.add(.staffRound, at: DayCurve.at(midnight, minute: minute)) }
        let open = DayCurve.at(midnight, minute: 8 * 60), close = DayCurve.at(midnight, minute: 15 * 60)
        func poisson(_ meanMinutes: Double, _ happening: Happening) {
            guard meanMinutes > 0 else { return }
            var at = open + dice.exponential(mean: meanMinutes * 60_000)
            while at < close {
                schedule.add(happening, at: at)
                at += dice.exponential(mean: meanMinutes * 60_000)
            }
        }
        for index in kiosks.indices {
            poisson(config.faults.networkEpisodeMinutes, .networkEpisode(kiosk: index))
            poisson(config.faults.partitionMinutes, .partition(kiosk: index))
            poisson(config.faults.clockSkewMinutes, .clockSkew(kiosk: index))
            poisson(config.faults.kioskCrashMinutes, .crash(kiosk: index))
            poisson(config.faults.printerFaultMinutes, .printerFault(kiosk: index))
        }
        poisson(config.faults.serverRestartMinutes, .serverDown)
    }

    private func happen(_ happening: Happening, end: Int64) throws {
        let dice = world.dice, now = world.clock.now
        switch happening {
        case .citizen:
            citizen()
        case .bookedCitizen(let index):
            bookedCitizen(bookings[index])
        case .linkRound(let index):
            let wait = kiosks[index].linkRound()
            if now + wait < end { schedule.add(.linkRound(kiosk: index), at: world.clock.now + wait) }
        case .counter(let desk):
            counters.work(desk)
            let next = world.clock.now + dice.exponential(mean: 10 * 60_000)
            if next < end { schedule.add(.counter(desk: desk), at: next) }
        case .staffRound:
            for kiosk in kiosks { kiosk.printer.tend(at: now) }
        case .networkEpisode(let index):
            let kind = FaultKind.network[Int(dice.int(0...Int64(FaultKind.network.count - 1)))]
            let length = 20_000 + dice.exponential(mean: 120_000)
            world.network.beginEpisode(kind, on: kiosks[index].id, milliseconds: length)
            world.count(kind)
            world.trace.add("fault: \(kind.rawValue) on \(kiosks[index].id) for \(length) ms")
        case .partition(let index):
            let length = 5 * 60_000 + dice.exponential(mean: 25 * 60_000)
            world.network.partition(kiosks[index].id, milliseconds: length)
            world.count(.partition)
            world.trace.add("fault: \(kiosks[index].id) cut off from the server for \(length) ms")
        case .clockSkew(let index):
            let size = min(100 * 60_000, 2_000 + dice.exponential(mean: 8 * 60_000))
            let error = dice.chance(0.5) ? size : -size
            kiosks[index].clock.errorMilliseconds = error
            world.count(.clockSkew)
            world.trace.add("fault: \(kiosks[index].id) clock \(error) ms off")
            schedule.add(.clockSet(kiosk: index), at: now + 10 * 60_000 + dice.exponential(mean: 60 * 60_000))
        case .clockSet(let index):
            kiosks[index].clock.errorMilliseconds = 0
            world.trace.add("\(kiosks[index].id) clock set right (NTP)")
        case .crash(let index):
            guard kiosks[index].up else { return }
            kiosks[index].armCrash(after: Int(dice.int(0...8)))
            world.trace.add("fault: \(kiosks[index].id) will crash")
        case .restart(let index):
            if !kiosks[index].up { try kiosks[index].start() }
        case .printerFault(let index):
            let kind = FaultKind.printer[Int(dice.int(0...Int64(FaultKind.printer.count - 1)))]
            let length = 60_000 + dice.exponential(mean: 6 * 60_000)
            world.count(kind)
            // A cover is opened between tickets as often as during one; the other faults strike during the next ticket.
            if kind == .coverOpen, kiosks[index].printer.fault == nil, dice.chance(0.5) {
                kiosks[index].printer.fault = (kind, now + length)
                world.trace.add("fault: \(kiosks[index].id) printer cover opened")
            } else {
                kiosks[index].printer.armed = (kind, length)
                world.trace.add("fault: \(kiosks[index].id) printer \(kind.rawValue) at its next ticket")
            }
        case .serverDown:
            guard world.network.serverUp else { return }
            world.network.stopServer()
            world.count(.serverRestart)
            world.trace.add("fault: server down")
            schedule.add(.serverUp, at: now + 2_000 + dice.exponential(mean: 20_000))
        case .serverUp:
            if !world.network.serverUp { try world.network.startServer() }
            world.trace.add("server up")
        }
        // A kiosk that crashed comes back after 5–60 s, as systemd restarts kioskd.
        for (index, kiosk) in kiosks.enumerated() where !kiosk.up && !restarting.contains(index) {
            restarting.insert(index)
            schedule.add(.restart(kiosk: index), at: world.clock.now + dice.int(5_000...60_000))
        }
        restarting = restarting.filter { !kiosks[$0].up }
    }

    /// Each service's daily quota, by id.
    private var quotas: [String: Int] {
        Dictionary(uniqueKeysWithValues: world.settings.catalogue.allServices.compactMap { service in
            service.dailyQuota.map { (service.id.rawValue, $0) }
        })
    }

    /// Whether service `id` takes tickets at `moment` (true time) by the catalogue's hours, breaks and calendar.
    private func isOpen(_ id: String, at moment: Int64) -> Bool {
        let catalogue = world.settings.catalogue
        guard let service = catalogue.service(ServiceID(id)) else { return false }
        let local = LocalTime(Timestamp(millisecondsSinceEpoch: moment), zone: world.settings.timeZone)
        if case .open = catalogue.schedule.window(of: service, on: CalendarDate(local), at: local.timeOfDay) { return true }
        return false
    }

    /// Kiosks down with a restart scheduled.
    private var restarting: Set<Int> = []

    /// A citizen comes to one of the kiosks that are up, for a service chosen by how busy its agency is.
    private func citizen() {
        report.citizens += 1
        let agencies = world.settings.catalogue.agencies
        let agency = agencies[world.dice.weighted(agencies.map { Double($0.services.count) })]
        let service = agency.services[Int(world.dice.int(0...Int64(agency.services.count - 1)))]
        guard let kiosk = anyKioskUp(orNote: "no kiosk up") else { return }
        // About one citizen in 15 is elderly, disabled, pregnant or nursing and asks for a priority ticket.
        let priority = world.dice.chance(1.0 / 15) ? TicketPriority.allCases[Int(world.dice.int(0...3))] : nil
        world.ledger.visits[kiosk.visit(service, priority: priority), default: 0] += 1
    }

    /// A citizen who booked online comes to one of the kiosks that are up and scans the booking's code.
    private func bookedCitizen(_ booking: SimBooking) {
        report.citizens += 1
        guard let kiosk = anyKioskUp(orNote: "booking: no kiosk up") else { return }
        world.ledger.visits[kiosk.visit(booking: booking), default: 0] += 1
    }

    /// One of the kiosks that are up, drawn at random; nil when none is (the visit noted as `noKiosk`).
    private func anyKioskUp(orNote noKiosk: String) -> SimKiosk? {
        let up = kiosks.filter(\.up)
        guard !up.isEmpty else {
            world.ledger.visits[noKiosk, default: 0] += 1
            return nil
        }
        return up[Int(world.dice.int(0...Int64(up.count - 1)))]
    }

    // MARK: Healing and the verdict

    /// Every fault ends, every kiosk and the server run, the outboxes are sent; then the day is judged.
    private func healAndJudge(day: String) throws {
        world.network.heal()
        if !world.network.serverUp { try world.network.startServer() }
        for kiosk in kiosks {
            kiosk.printer.fault = nil
            kiosk.printer.armed = nil
            kiosk.clock.errorMilliseconds = 0
            kiosk.disarmCrash()
            if !kiosk.up { try kiosk.start() }
        }
        restarting = []
        for _ in 0..<20 where kiosks.contains(where: { ($0.outboxDepth() ?? 1) > 0 }) {
            for kiosk in kiosks { _ = kiosk.linkRound() }
            world.clock.advance(by: 1000)
        }
        let undrained = kiosks.filter { ($0.outboxDepth() ?? 1) > 0 }.map(\.id)
        let tickets = try Verdict.serverTickets(
            databasePath: world.network.databasePath, site: Self.site, day: day, services: world.settings.catalogue.allServices.map(\.id.rawValue))
        report.serverTickets += tickets.count
        let violations = Verdict.judge(day: day, ledger: world.ledger, tickets: tickets, undrained: undrained, quotas: quotas, isOpen: isOpen)
        world.trace.add("judged \(day): \(tickets.count) server tickets, \(world.ledger.papers.count) papers, \(violations.count) violations")
        if let first = violations.first, report.violations.isEmpty {
            report.shortenedTrace = world.trace.shortened(about: first.tickets)
        }
        report.violations += violations
        world.ledger.dayJudged()
        world.trace.dayJudged()
    }
}
