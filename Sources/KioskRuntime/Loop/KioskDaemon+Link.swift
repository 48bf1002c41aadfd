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
        numbering[request.id] = (tapAt, service)
        server.worker.ask(request, service: service)
        return nil
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
            let effects = dispatch(event, tapAt: numbering[id]?.tapAt ?? nil)
            // Any answer ends the numbering unless the core numbers offline next (a refused one too, or the
            // kiosk would never be between citizens again).
            if !effects.contains(where: { if case .numberOffline(let request) = $0 { request.id == id } else { false } }) {
                numbering[id] = nil
            }
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

    /// The ticket whose numbering `event` answers, if it answers one.
    private static func numbered(by event: Event) -> TicketID? {
        switch event {
        case .ticketNumbered(let id, _), .numberRefused(let id, _), .ticketNotRecorded(let id, _): id
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
