import KioskCore
import KioskLink

/// The daemon's side of the queue server (when the config has `server`): the network worker that
/// numbers citizens' tickets, the background supervisor, and the mailboxes they answer through.
final class ServerConnection {
    let worker: NetworkWorker
    let supervisor: LinkSupervisor
    /// Numbered tickets, refusals and failures, as core events.
    let answers: Mailbox<Event>
    /// Catalogues fetched from the server, and whether numbers can be given at all.
    let reports: Mailbox<LinkSupervisor.Report>
    let url: String
    /// Where the catalogue the kiosk started with came from.
    let catalogueSource: String
    /// The event loop's own connection to sync.sqlite: it marks a ticket printing before its first byte.
    let journal: SyncStore

    /// Opens sync.sqlite in `config`'s state directory (reading the token file, refusing a loose
    /// mode) and prepares both workers; `start()` starts the background one.
    init(config: KioskConfig, server: ServerConfig, catalogue: Catalogue, catalogueSource: String) throws {
        let storePath = Self.storePath(config)
        let link: SyncLink
        do {
            link = try SyncLink(config: server, kioskID: config.kioskID, storePath: storePath, confirmsPrints: true)
        } catch let refusal as TokenFile.Refusal {
            // Out of service follows: `kioskctl status` and the status file say why, never the token.
            LinkStatus.tokenFileRefused(refusal).write(stateDirectory: config.stateDirectory, tokenFile: server.tokenFile)
            throw refusal
        }
        journal = try SyncStore(path: storePath)
        // Before anything is sent: a ticket an earlier run was printing may be in a citizen's hand.
        let interrupted = try journal.settleInterruptedPrints(reason: "kioskd stopped while printing it")
        for id in interrupted.uncertain {
            Log.write(.warning, "ticket id=\(id) was printing when kioskd stopped: reported uncertain to the queue server")
        }
        for id in interrupted.unprinted {
            Log.write(.warning, "ticket id=\(id) was numbered but not printed when kioskd stopped: reported not printed to the queue server")
        }
        answers = try Mailbox<Event>()
        reports = try Mailbox<LinkSupervisor.Report>()
        supervisor = try LinkSupervisor(
            link: link, config: server, storePath: storePath,
            statusPath: LinkStatus.path(stateDirectory: config.stateDirectory), catalogue: catalogue,
            zone: config.timeZone, updates: reports)
        // Last: the worker takes the link over (its connections are used on the worker's queue only).
        worker = NetworkWorker(link: link, answers: answers)
        url = server.url
        self.catalogueSource = catalogueSource
    }

    /// The catalogue cached from the server by an earlier run, when there is one: a kiosk that
    /// boots while the server is down shows the last services, hours and quotas it knew.
    static func bootCatalogue(_ config: KioskConfig) -> (catalogue: Catalogue, etag: String)? {
        LinkSupervisor.cachedCatalogue(storePath: storePath(config))
    }

    static func storePath(_ config: KioskConfig) -> String { config.stateDirectory + "/sync.sqlite" }

    func start() { supervisor.start() }

    /// Records durably that ticket `id` is printing, before its first byte goes to the printer;
    /// returns the event to feed back when that fails (then nothing is printed; the core has the server
    /// told the ticket was not printed).
    func willPrint(_ id: TicketID) -> Event? {
        do {
            try journal.markPrinting(id.description, at: WallClock.milliseconds())
            return nil
        } catch {
            return .ticketNotRecorded(id, reason: "print state not recorded: \(error)")
        }
    }

    /// Records how printing of ticket `id` went, durably before it returns: a kioskd killed right
    /// after the paper came out must not report the ticket uncertain at its next start. When the
    /// event loop's connection cannot write, the network worker tries again on its own.
    func recordPrintOutcome(_ id: TicketID, _ outcome: PrintJobOutcome) {
        do {
            try journal.recordPrintOutcome(ticketID: id.description, outcome)
        } catch {
            Log.write(.warning, "print outcome of ticket \(id) not recorded at once (\(error)): the network worker retries")
            worker.recordPrintOutcome(id, outcome)
        }
    }

    /// Stops the background work and waits for tickets being numbered.
    func stop() {
        supervisor.stop()
        worker.drain()
    }
}
