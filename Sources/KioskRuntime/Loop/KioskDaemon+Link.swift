import KioskCore
import KioskLink

/// The daemon's side of the queue server link: it hands number requests to the network worker and
/// the link's answers and reports to the core, and carries out the core's decisions (a catalogue
/// taking effect). It decides nothing itself.
extension KioskDaemon {
    /// Hands `request` to the network worker; returns the event to feed back if it cannot be numbered.
    func requestNumber(_ request: NumberRequest, tapAt: UInt64?) -> Event? {
        guard let server, let service = catalogue.service(request.serviceID) else {
            return .ticketNotRecorded(request.id, reason: "service \(request.serviceID) is not in the catalogue")
        }
        let now = Clock.monotonicNanoseconds()
        let wait = UInt64(clamping: request.deadlineMilliseconds).multipliedReportingOverflow(by: 1_000_000)
        let deadline = now.addingReportingOverflow(wait.partialValue)
        numbering[request.id] = (tapAt, service, wait.overflow || deadline.overflow ? .max : deadline.partialValue)
        server.worker.ask(request, service: service)
        return nil
    }

    /// Tells the core of every number deadline passed by `now` (monotonic ns) without the server's answer.
    func passNumberDeadlines(now: UInt64) {
        for (id, entry) in numbering {
            guard let deadline = entry.deadline, now >= deadline else { continue }
            numbering[id]?.deadline = nil
            dispatch(.numberDeadlinePassed(id), tapAt: entry.tapAt)
            settleNumbering(id)
        }
    }

    /// How long the event loop may wait in `poll()`: 100 ms, less when a number deadline passes sooner.
    func pollTimeoutMilliseconds(now: UInt64 = Clock.monotonicNanoseconds()) -> Int32 {
        let next = numbering.values.compactMap(\.deadline).min().map { $0 > now ? ($0 - now + 999_999) / 1_000_000 : 0 }
        return Int32(min(100, next ?? 100))
    }

    /// Hands `request` to the network worker to number offline; returns the event to feed back if it cannot be.
    func numberOffline(_ request: NumberRequest) -> Event? {
        guard let server, let service = numbering[request.id]?.service else {
            return .ticketNotRecorded(request.id, reason: "no request for it is being numbered")
        }
        server.worker.numberOffline(request, service: service)
        return nil
    }

    /// Hands the network worker's answers and the supervisor's reports to the core.
    func collectServerAnswers() {
        guard let server else { return }
        for event in server.answers.drain() {
            guard let id = Self.numbered(by: event) else {
                dispatch(event, tapAt: nil)
                continue
            }
            numbering[id]?.deadline = nil  // An answer came: no deadline to tell of.
            dispatch(event, tapAt: numbering[id]?.tapAt ?? nil)
            settleNumbering(id)
        }
        for report in server.reports.drain() {
            switch report {
            case .catalogue(let update):
                guard update.catalogue != catalogue else { continue }
                receivedCatalogue = update
                dispatch(.catalogueArrived(version: update.etag), tapAt: nil)
            case .numbering(let answers, let canNumberOffline):
                dispatch(.linkReported(serverAnswers: answers, canNumberOffline: canNumberOffline), tapAt: nil)
            }
        }
    }

    /// Forgets ticket `id`'s numbering once the core is done with it (numbered, refused, not recorded).
    private func settleNumbering(_ id: TicketID) {
        guard numbering[id] != nil, !state.isNumbering(id) else { return }
        numbering[id] = nil
        server?.worker.settled(id)
    }

    /// The ticket whose numbering `event` answers, if it answers one.
    private static func numbered(by event: Event) -> TicketID? {
        switch event {
        case .ticketNumbered(let id, _), .ticketNotRecorded(let id, _): id
        case .serverAnswered(let request, _): request.id
        default: nil
        }
    }

    /// Puts a catalogue from the server in use (between citizens).
    func use(_ fresh: Catalogue) {
        catalogue = fresh
        settings.catalogue = fresh
        receivedCatalogue = nil
        Log.write(.info, "catalogue from the queue server in use: \(fresh.agencies.count) agencies, \(fresh.allServices.count) services")
        present()
    }
}
