import KioskSQLite

/// An invariant the run broke: which, on which day, about which tickets.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var invariant: String
    public var day: String
    public var detail: String
    public var tickets: [String]

    public var description: String { "\(day) \(invariant): \(detail)" }
}

/// The day judged after healing, against the paper: 0 lost (paper the server does not hold live under its
/// number), 0 duplicated (a number held or printed twice for a service and day), 0 unexpected (a live ticket
/// no paper carries that its kiosk did not report uncertain), 0 ghost calls (a call for a ticket no paper
/// carries, unless its kiosk had not been able to report it not printed yet), every outbox drained, no citizen turned away while the printer worked and had paper, every ticket in the
/// series its citizen asked for (priority or not, where the service has a priority series), no citizen
/// told a service is full before it issued its daily quota (paper printed by then, live tickets no paper carries
/// that their kiosk reported uncertain, and the tickets the server held live when it said full), no service given more
/// live numbers by the server than its quota (only paper printed offline may go past it), and every paper issued while
/// its service was open (hours honoured), to within the error its kiosk's wall clock had.
enum Verdict {
    /// A ticket as the server's store holds it.
    struct ServerTicket {
        var id: String
        var number: String
        var state: String
        var kiosk: String
        var service: String
        var uncertain: Bool
        /// `online` (numbered by the server when asked), `offline` (synced from a kiosk's outbox) or `booking`.
        var origin: String
    }

    /// The server's tickets of `site` on `day` of `services` (the catalogue's: the server numbers no other), read from its
    /// SQLite file through its index of numbers by site, service and day: a year's table is not scanned each day.
    static func serverTickets(databasePath: String, site: String, day: String, services: [String]) throws -> [ServerTicket] {
        let database = try SQLiteDatabase(path: databasePath, readOnly: true)
        let list = Array(repeating: "?", count: services.count).joined(separator: ", ")
        return try database.query(
            """
            SELECT ticket_id, number, state, kiosk_id, service_id, print_uncertain, origin FROM tickets INDEXED BY tickets_one_number
            WHERE site_id = ? AND service_id IN (\(list)) AND day = ? ORDER BY ticket_id
            """,
            [SQLValue.text(site)] + services.map { SQLValue.text($0) } + [SQLValue.text(day)]
        ).map { row in
            guard case .text(let id) = row[0], case .text(let number) = row[1], case .text(let state) = row[2], case .text(let kiosk) = row[3],
                case .text(let service) = row[4], case .integer(let uncertain) = row[5], case .text(let origin) = row[6]
            else { throw SimFailure("a server ticket row has unexpected columns") }
            return ServerTicket(
                id: id.lowercased(), number: number, state: state, kiosk: kiosk, service: service, uncertain: uncertain != 0, origin: origin)
        }
    }

    /// The ids of the live tickets of `service` on `day` in the server's SQLite file now (none when it cannot be read).
    static func liveTickets(databasePath: String, site: String, service: String, day: String) -> [String] {
        let rows = try? SQLiteDatabase(path: databasePath, readOnly: true).query(
            """
            SELECT ticket_id FROM tickets INDEXED BY tickets_one_number
            WHERE site_id = ? AND service_id = ? AND day = ? AND state != 'voided'
            """, [.text(site), .text(service), .text(day)])
        return (rows ?? []).compactMap { row in if case .text(let id) = row.first { id.lowercased() } else { nil } }
    }

    /// Every violation of `day`; `undrained` names the kiosks whose outbox healing did not empty; `quotas`: each
    /// service's daily quota, by id (services without one left out); `isOpen`: whether a service (by id) takes tickets at
    /// a moment (true time), by the catalogue's hours.
    static func judge(
        day: String, ledger: Ledger, tickets: [ServerTicket], undrained: [String], quotas: [String: Int] = [:],
        isOpen: (String, Int64) -> Bool = { _, _ in true }
    ) -> [Violation] {
        var found: [Violation] = []
        func add(_ invariant: String, _ detail: String, _ ids: [String]) {
            found.append(Violation(invariant: invariant, day: day, detail: detail, tickets: ids))
        }
        let live = Dictionary(tickets.filter { $0.state != "voided" }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let all = Dictionary(tickets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, paper) in ledger.papers.sorted(by: { $0.key < $1.key }) where live[id]?.number != paper.number {
            let held = all[id].map { "\($0.number) \($0.state)" } ?? "nothing"
            add("lost", "\(paper.kiosk) printed \(paper.number) (\(id)); the server holds \(held)", [id])
        }
        for (key, group) in Dictionary(grouping: live.values, by: { "\($0.service) \($0.number)" }).sorted(by: { $0.key < $1.key })
        where group.count > 1 {
            add("duplicated", "server: \(key) held by \(group.count) live tickets", group.map(\.id).sorted())
        }
        let printed = Dictionary(grouping: ledger.papers, by: { "\($0.value.service) \($0.value.number)" })
        for (key, group) in printed.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            add("duplicated", "paper: \(key) printed for \(group.count) tickets", group.map(\.key).sorted())
        }
        for (id, ticket) in live.sorted(by: { $0.key < $1.key })
        where ledger.papers[id] == nil && !ledger.uncertain.contains(id) && !ticket.uncertain {
            add("unexpected", "\(ticket.kiosk) \(ticket.number) (\(id)) \(ticket.state): on the server, on no paper, not uncertain", [id])
        }
        for call in ledger.calls
        where ledger.papers[call.id] == nil && !ledger.uncertain.contains(call.id) && all[call.id]?.uncertain != true && !call.kioskCouldNotTellYet {
            add("ghost call", "\(call.number) (\(call.id)) called, on no paper", [call.id])
        }
        for (why, ids) in ledger.turnedAway { add("turned away", why, ids) }
        for (why, ids) in ledger.misnumbered { add("priority", why, ids) }
        for full in ledger.toldFull {
            // Counted for the quota: paper out by then, live tickets their kiosk reported uncertain, and the tickets the
            // server held live when it said full. A number whose kiosk crashed before printing it is one of them until
            // the restarted kiosk reports it not printed: the server cannot know sooner.
            let quota = quotas[full.service] ?? 0
            let paper = ledger.papers.filter { $0.value.service == full.service && $0.value.at <= full.at }.map(\.key)
            let uncertain = live.values.filter {
                $0.service == full.service && ledger.papers[$0.id] == nil && ($0.uncertain || ledger.uncertain.contains($0.id))
            }.map(\.id)
            let counted = Set(paper).union(uncertain).union(full.liveOnServer)
            if counted.count < quota {
                let numbered = all.values.filter { $0.service == full.service }.map(\.id).sorted()
                add(
                    "told full",
                    "\(full.kiosk): \(full.service) full at \(full.at) with \(paper.count) printed, \(uncertain.count) uncertain and "
                        + "\(full.liveOnServer.count) live on the server of its quota \(quota)", numbered)
            }
        }
        for (service, quota) in quotas.sorted(by: { $0.key < $1.key }) {
            let numbered = live.values.filter { $0.service == service && $0.origin == "online" }
            if numbered.count > quota {
                add("over quota", "the server numbered \(numbered.count) live tickets of \(service), its quota is \(quota)", numbered.map(\.id).sorted())
            }
        }
        for (id, paper) in ledger.papers.sorted(by: { $0.key < $1.key }) where !openAround(paper, isOpen) {
            add(
                "hours", "\(paper.kiosk) printed \(paper.number) of \(paper.service), chosen at \(paper.issuedAt) while the service was closed "
                    + "(its clock was \(paper.clockError) ms off)", [id])
        }
        for kiosk in undrained { add("not healed", "\(kiosk)'s outbox is not empty after healing", []) }
        return found
    }

    /// Whether `paper`'s service was open when it was chosen, or at some moment within its kiosk's clock error of it
    /// (a kiosk knows the time no better than its clock); looked at every 15 s across that span.
    static func openAround(_ paper: Ledger.Paper, _ isOpen: (String, Int64) -> Bool) -> Bool {
        if isOpen(paper.service, paper.issuedAt) { return true }
        let error = paper.clockError == .min ? Int64.max : abs(paper.clockError)
        guard error > 0 else { return false }
        let (from, _) = paper.issuedAt.subtractingReportingOverflow(error)
        let (to, _) = paper.issuedAt.addingReportingOverflow(error)
        return stride(from: from, through: to, by: 15_000).contains { isOpen(paper.service, $0) } || isOpen(paper.service, to)
    }
}
