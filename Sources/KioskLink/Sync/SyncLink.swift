import KioskCore
import KioskProtocol

/// Everything the kiosk needs to talk to the queue server, made from its `server` configuration.
///
/// Two libcurl connections: one for citizens' tickets only, so a slow sync batch or lease request
/// never holds a citizen past the deadline, and one for background work (sync, leases, heartbeat,
/// catalogue). Both share one clock-offset estimate.
public final class SyncLink {
    public let store: SyncStore
    public let clock: ClockOffset
    /// Issues citizens' tickets (online within the deadline, else offline).
    public let issuer: TicketIssuer
    /// The background connection's client.
    public let background: QueueClient
    public let sender: OutboxSender
    /// Keeps citizens' survey answers in the outbox and sends them on the citizen connection.
    public let surveys: SurveySender
    public let leases: LeaseKeeper
    public let kioskID: String

    /// The link's clocks (the system's, or a simulation's).
    public let clocks: LinkClocks

    /// Reads the token file (refusing a loose mode) and opens the store at `storePath`. `confirmsPrints`:
    /// this kiosk reports every print outcome (kioskd does), so the server holds its online tickets until then.
    public convenience init(config: ServerConfig, kioskID: String, storePath: String, confirmsPrints: Bool = false) throws {
        let token = try TokenFile.read(config.tokenFile)
        let citizen = try CurlTransport(baseURL: config.url, timeoutMilliseconds: config.deadlineMilliseconds, caFile: config.caFile)
        let work = try CurlTransport(baseURL: config.url, timeoutMilliseconds: 10_000, caFile: config.caFile)
        self.init(
            config: config, kioskID: kioskID, store: try SyncStore(path: storePath), token: token,
            citizen: citizen, work: work, confirmsPrints: confirmsPrints)
    }

    /// A link over the given transports (`citizen` for citizens' tickets and surveys, `work` for the rest) and
    /// `store`, reading `clocks`: what a simulation builds without curl or a token file.
    public init(
        config: ServerConfig, kioskID: String, store: SyncStore, token: String, citizen: any HTTPTransport, work: any HTTPTransport,
        confirmsPrints: Bool = false, clocks: LinkClocks = .system
    ) {
        self.kioskID = kioskID
        self.store = store
        self.clocks = clocks
        let clock = ClockOffset()
        self.clock = clock
        let citizenClient = QueueClient(transport: citizen, token: token, clock: clock, clocks: clocks)
        issuer = TicketIssuer(
            client: citizenClient, deadlineMilliseconds: config.deadlineMilliseconds, confirmsPrints: confirmsPrints, clocks: clocks)
        surveys = SurveySender(client: citizenClient, outbox: SurveyOutbox(store: store))
        background = QueueClient(transport: work, token: token, clock: clock, clocks: clocks)
        sender = OutboxSender(client: background, store: store, batchSize: config.syncBatchSize)
        leases = LeaseKeeper(
            client: background, store: store, size: config.leaseSize, lowWater: config.leaseLowWater, clocks: clocks)
    }

    /// Asks the server to number ticket `ticketID` for `service` (kiosk time `issuedAt`) within the deadline,
    /// after recording durably that it is asked (throws when that fails: then nothing is asked). Returns the
    /// request as sent: an offline number must be given to that very request (``numberOffline(_:service:day:)``).
    public func ask(
        ticketID: TicketID, service: Service, issuedAt: Int64, language: Language, priority: Bool = false
    ) throws -> (request: IssueTicketRequest, answer: Result<IssuedTicket, QueueClientError>) {
        let request = IssueTicketRequest(
            ticketId: ticketID.description, serviceId: service.id.rawValue, issuedAt: issuedAt, clockOffsetMs: clock.milliseconds,
            language: language.rawValue, priority: priority)
        // Durable before the server can store it: a kill before the printer gets the ticket must not leave it callable.
        try store.markAsked(request.ticketId, at: clocks.wall())
        return (request, issuer.ask(request))
    }

    /// Numbers `request` (as ``ask(ticketID:service:issuedAt:language:priority:)`` sent it: the server takes a
    /// late copy and the synced ticket as one only when they are the same request, clock offset included)
    /// offline, durably in the outbox under the same id: a leased number, else a fallback number under the
    /// server's mark. `day` is the local day of its `issuedAt`. Throws ``OfflineNumbering/NoMark`` when no
    /// lease is left and the server gave no mark yet (``OfflineNumbering/QuotaReached`` when the kiosk numbered a daily
    /// quota of the service's fallback numbers that day); then the server may hold a late copy, which the caller
    /// reports not printed (the core's ``Effect/voidNumber(_:reason:)``).
    public func numberOffline(_ request: IssueTicketRequest, service: Service, day: String) throws -> IssuedTicket {
        let issue = try store.issueOffline(request, service: service, day: day)
        return IssuedTicket(
            ticketID: request.ticketId, number: issue.ticket.number, sequence: issue.ticket.sequence, peopleAhead: nil,
            estimatedWaitMinutes: nil, offline: true)
    }

    /// The server refused ticket `ticketID`: none exists, and nothing about it is to be reported.
    public func forgetAsked(_ ticketID: TicketID) throws { try store.forgetAsked(ticketID.description) }

    /// Asks, then numbers offline unless the server refused, by the core's rule (``ServerAnswer/refusal``):
    /// for tools that issue without the core (kiosk-sync-drill, sync-bench).
    public func issue(
        ticketID: TicketID, service: Service, day: String, issuedAt: Int64, language: Language, priority: Bool = false
    ) throws -> IssueOutcome {
        let (request, answer) = try ask(ticketID: ticketID, service: service, issuedAt: issuedAt, language: language, priority: priority)
        switch answer {
        case .success(let ticket):
            return .issued(ticket)
        case .failure(.problem(let problem)) where ServerAnswer.problem(kind: problem.kind, status: problem.status).refusal != nil:
            try forgetAsked(ticketID)
            return .refused(problem)
        case .failure:
            do {
                return .issued(try numberOffline(request, service: service, day: day))
            } catch {
                // No number, no paper: a late copy the server stored is reported not printed, so it is voided (as the core's voidNumber).
                try store.recordPrintOutcome(ticketID: request.ticketId, .failed(reason: "not numbered offline: \(error)"))
                throw error
            }
        }
    }

    /// The heartbeat to send now.
    public func heartbeat(
        day: String, version: String, printer: DeviceState, scanner: DeviceState, touchscreen: DeviceState
    ) throws -> Heartbeat {
        Heartbeat(
            softwareVersion: version, printer: printer, scanner: scanner, touchscreen: touchscreen,
            outboxDepth: try store.outboxDepth(), leasedNumbersLeft: try store.leasedNumbersLeft(day: day),
            clockOffsetMs: clock.milliseconds)
    }

    /// Fetches the catalogue unless the cached copy is current; returns the bytes to use (the cache
    /// when the server cannot be reached), nil when there is neither.
    public func refreshCatalogue() -> (bytes: [UInt8], fresh: Bool)? {
        let cached = try? store.cachedCatalogue()
        do {
            if let fetched = try background.catalogue(ifNoneMatch: cached?.etag) {
                try store.cacheCatalogue(fetched)
                return (fetched.bytes, true)
            }
            return cached.map { ($0.bytes, true) }
        } catch {
            return cached.map { ($0.bytes, false) }
        }
    }
}
