import Foundation
import KioskCore
import KioskLink
import KioskProtocol
import KioskSQLite
import KioskTestSupport
import Synchronization

/// The run's parts: the queue server (its clock set so that its midnight falls during the run), two
/// kiosks (`K01` on the server's time, `K02` three hours behind it; their ids share a tail), a counter
/// calling every 2–4 s, and the schedule of server kills. Everything on loopback ports chosen at run time.
final class JepsenCluster: Sendable {
    let seconds: Int
    let server: QueueServerProcess
    let kiosks: [JepsenKiosk]
    /// Seconds the server's clock (and K01's) runs ahead of the real one.
    let serverOffsetSeconds: Int
    private let staffToken: String
    private let serverPort: Mutex<Int>
    private let calls = Mutex<[JepsenVerdict.Call]>([])
    private let failures = Mutex<[String]>([])
    private let serverKillCount = Mutex(0)
    var serverKills: Int { serverKillCount.withLock { $0 } }

    /// K02's clock, behind the server's.
    static let behindSeconds = 3 * 3600

    init(seconds: Int) throws {
        self.seconds = seconds
        // The server's WITA midnight falls a third of the way into the taps (at most a minute in).
        let day: Int64 = 86_400_000
        let now = WallClock.milliseconds()
        let intoDay = (now + Int64(KioskTimeZone.wita.offsetSeconds) * 1000) % day
        let target = day - Int64(min(60, seconds / 3)) * 1000
        serverOffsetSeconds = Int(((target - intoDay) % day + day) % day / 1000)
        let catalogue = NSTemporaryDirectory() + "kiosk-jepsen-catalogue-\(UUID().uuidString).json"
        try KioskFixture.catalogueJSON().write(toFile: catalogue, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: catalogue) }
        server = try QueueServerProcess(catalogue: catalogue, clockOffsetSeconds: serverOffsetSeconds)
        serverPort = Mutex(server.port)
        staffToken = try server.addStaff("LOKET-1")
        kiosks = [
            try JepsenKiosk(id: "MPP-L1-K01", server: server, clockOffsetSeconds: serverOffsetSeconds),
            try JepsenKiosk(id: "MPP-L2-K01", server: server, clockOffsetSeconds: serverOffsetSeconds - Self.behindSeconds),
        ]
    }

    /// The server's clock now, in ms.
    private var serverNow: Int64 { WallClock.milliseconds() + Int64(serverOffsetSeconds) * 1000 }

    /// Citizens on both kiosks, the counter and the server's kills, for `seconds`.
    func run(random: SeededGenerator) throws {
        let end = Date().addingTimeInterval(Double(seconds))
        let group = DispatchGroup()
        for (index, kiosk) in kiosks.enumerated() {
            let own = random.split(UInt64(index + 1))
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                var generator = own
                do { try kiosk.run(until: end, random: &generator) } catch { failures.withLock { $0.append("\(kiosk.id): \(error)") } }
            }
        }
        let counterSeed = random.split(100)
        group.enter()
        Thread.detachNewThread { [self] in
            defer { group.leave() }
            var counterRandom = counterSeed
            while Date() < end.addingTimeInterval(5) {
                callOnce()
                usleep(UInt32.random(in: 2_000_000...4_000_000, using: &counterRandom))
            }
        }
        var schedule = random.split(200)
        let kills = (0..<max(2, seconds / 30)).map { _ in Double.random(in: 5...Double(max(6, seconds - 10)), using: &schedule) }.sorted()
        let started = Date()
        for moment in kills {
            let wait = moment - Date().timeIntervalSince(started)
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            server.kill()
            serverKillCount.withLock { $0 += 1 }
            usleep(UInt32.random(in: 500_000...4_000_000, using: &schedule))
            try server.start()
            serverPort.withLock { $0 = server.port }
            for kiosk in kiosks { kiosk.proxy.upstreamPort = server.port }
        }
        group.wait()
        let failed = failures.withLock { $0 }
        guard failed.isEmpty else { throw ProcessFailure("the run could not go on: \(failed)") }
    }

    /// One call at the counter, for the server's day and the day before (the queue of tickets issued before midnight).
    private func callOnce() {
        let port = serverPort.withLock { $0 }
        guard let transport = try? CurlTransport(baseURL: "http://127.0.0.1:\(port)", timeoutMilliseconds: 3000) else { return }
        let staff = QueueClient(transport: transport, token: staffToken)
        let services = KioskFixture.agencies.flatMap { $0.services.map(\.id) }
        let days = Set([serverNow, serverNow - 3 * 3_600_000].map { LocalTime(Timestamp(millisecondsSinceEpoch: $0), zone: .wita).dayKey })
        for day in days.sorted() {
            if let called = try? staff.callNext(CallNextRequest(counterId: "LOKET-1", serviceIds: services, day: day)) {
                calls.withLock { $0.append(JepsenVerdict.Call(ticketID: called.ticketId.lowercased(), number: called.number)) }
            }
        }
    }

    /// Heals every link, waits for both kiosks to send everything, then stops them; false when an outbox did not drain.
    func healAndSync() -> Bool {
        for kiosk in kiosks { kiosk.proxy.fault = .none }
        let synced = kiosks.map { $0.waitUntilSynced(timeout: 60) }
        for kiosk in kiosks { kiosk.stop() }
        return !synced.contains(false)
    }

    /// Every piece of paper both printers received.
    var papers: [JepsenVerdict.Paper] {
        kiosks.flatMap { kiosk in
            (kiosk.printer.receipts + kiosk.printer.interruptedReceipts).map { JepsenVerdict.paper($0, kiosk: kiosk.id) }
                .filter { $0.number != nil || $0.ticketID != nil }
        }
    }

    /// The verdict from the paper, the server's database, the counter's calls and the kiosks' logs.
    func verdict() throws -> JepsenVerdict {
        let database = try SQLiteDatabase(path: server.database, readOnly: true)
        var tickets: [String: JepsenVerdict.ServerTicket] = [:]
        for row in try database.query("SELECT ticket_id, number, state, kiosk_id, service_id, day FROM tickets") {
            guard case .text(let id) = row[0], case .text(let number) = row[1], case .text(let state) = row[2],
                case .text(let kiosk) = row[3], case .text(let service) = row[4], case .text(let day) = row[5]
            else { continue }
            tickets[id] = JepsenVerdict.ServerTicket(number: number, state: state, kiosk: kiosk, service: service, day: day)
        }
        return JepsenVerdict(papers: papers, tickets: tickets, calls: calls.withLock { $0 }, uncertain: uncertain)
    }

    /// Ids kioskd reported uncertain: printed without the printer's confirmation, or printing when it was killed.
    var uncertain: Set<String> {
        var ids: Set<String> = []
        for line in kiosks.flatMap(\.lines) {
            if line.contains("was printing when kioskd stopped"), let id = TicketLine.field("id", in: line) { ids.insert(id.lowercased()) }
            if let ticket = TicketLine(line), ticket.printed == "uncertain" { ids.insert(ticket.id) }
        }
        return ids
    }

    /// Every tap of both kiosks.
    var taps: [JepsenKiosk.Tap] { kiosks.flatMap(\.taps) }

    /// Taps that gave nothing within 20 s, by cause.
    var stalls: [String: Int] {
        taps.reduce(into: [:]) { counts, tap in if case .stalled(let cause) = tap.outcome { counts[cause, default: 0] += 1 } }
    }

    /// Taps by outcome, stalls by cause, and the citizens who found a kiosk not on its first screen.
    private var tapSummary: String {
        let taps = self.taps
        let tickets = taps.filter { $0.ticketLine != nil }.count
        let notices = taps.filter { if case .notice = $0.outcome { true } else { false } }.count
        let noticeKinds: [String: Int] = taps.reduce(into: [:]) { counts, tap in
            if case .notice(let line) = tap.outcome { counts[Self.noticeKind(line), default: 0] += 1 }
        }
        let killed = taps.filter { if case .killed = $0.outcome { true } else { false } }.count
        var notReady: [String: Int] = [:]
        for kiosk in kiosks { notReady.merge(kiosk.notReady, uniquingKeysWith: +) }
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        return "taps on a kiosk showing its first screen: \(taps.count) (ticket \(tickets), notice \(notices): \(list(noticeKinds)), kiosk killed after "
            + "the tap \(killed), nothing in 20 s \(stalls.values.reduce(0, +)): \(list(stalls))); not tapped, the kiosk not on its first "
            + "screen within 20 s: \(list(notReady))"
    }

    /// What a notice was, in a few words, from kioskd's line (or the test's own words for one seen on screen).
    static func noticeKind(_ line: String) -> String {
        if line.hasPrefix("notice on screen") { return line }
        if let range = line.range(of: "refused by the queue server: ") { return "refused " + line[range.upperBound...] }
        if line.contains("not numbered offline") { return "not numbered offline (no mark)" }
        if line.contains("could not be recorded") { return "not recorded" }
        return "shown on screen only"
    }

    /// The run's table: tickets, faults by kind, kills, and tap → ticket time per fault mode.
    func table(_ verdict: JepsenVerdict, seconds elapsed: Double) -> String {
        let lines = kiosks.flatMap(\.lines).compactMap(TicketLine.init)
        let papers = self.papers
        let fallback = papers.filter { ($0.number?.split(separator: "-").count ?? 0) > 2 }.count
        var out = "jepsen: \(Int(elapsed)) s; server clock +\(serverOffsetSeconds) s (its midnight during the run), "
            + "\(kiosks[1].id) \(Self.behindSeconds / 3600) h behind it\n"
        out += "  tickets: \(papers.count) papers (\(papers.filter { $0.ticketID == nil }.count) without their QR: cut by a kill), "
            + "\(fallback) with a fallback number; ticket lines: \(lines.count) (offline \(lines.filter(\.offline).count), "
            + "uncertain \(lines.filter { $0.printed == "uncertain" }.count), not printed \(lines.filter { $0.printed == "no" }.count)); "
            + "\(uncertain.count) reported uncertain; calls \(calls.withLock { $0.count })\n"
        var faults: [String: Int] = [:]
        for kiosk in kiosks { faults.merge(kiosk.faultsApplied, uniquingKeysWith: +) }
        out += "  faults by kind (both links): " + faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        out += "  kills: " + kiosks.map { "\($0.id) \($0.kills)" }.joined(separator: ", ") + ", server \(serverKills)\n"
        out += "  " + tapSummary + "\n"
        out += "  tap → ticket (tap_to_print_ms), per fault mode: mode | tickets | median ms | max ms\n"
        let taps = kiosks.flatMap(\.taps).compactMap { tap in tap.ticketLine.flatMap(TicketLine.init)?.tapToPrintMilliseconds.map { (tap.fault, $0) } }
        for (fault, group) in Dictionary(grouping: taps, by: \.0).sorted(by: { $0.key < $1.key }) {
            let times = group.map(\.1).sorted()
            out += "    \(fault) | \(times.count) | \(String(format: "%.1f", times[times.count / 2])) | \(String(format: "%.1f", times.last!))\n"
        }
        out += "  verdict: lost \(verdict.lost.count), duplicated \(verdict.duplicated.count), unexpected \(verdict.unexpected.count), "
            + "ghost calls \(verdict.ghostCalls.count); calls for an uncertain ticket no paper carries \(verdict.uncertainCalls.count)"
        return out
    }
}
