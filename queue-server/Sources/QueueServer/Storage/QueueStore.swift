import KioskProtocol

/// Who is calling: a kiosk or a member of staff of one site, or city staff (every site, reading
/// only), by the id their token was issued to.
struct Principal: Sendable, Hashable {
    enum Role: String, Sendable { case kiosk, staff, city }
    var id: String
    var role: Role
    /// The site (MPP building) the token belongs to; nil for the city role.
    var site: String?
}

/// The queue's source of truth, for every site of a city. The SQLite store is the default; a
/// PostgreSQL store can follow by implementing the same operations with the same rules (the server
/// tests run against it).
///
/// Every method that answers has made its change durable first. Failures the caller caused are
/// thrown as ``Problem``s; anything else is a storage failure (HTTP 500).
protocol QueueStore: SurveyStore {
    /// The principal holding the token whose SHA-256 is `tokenHash`, unless unknown or revoked.
    func principal(tokenHash: String) async throws -> Principal?
    /// Stores a token hash for `principal` (provisioning).
    func addCredential(tokenHash: String, principal: Principal, now: Int64) async throws
    /// Revokes every token of `principalID` at `site` (nil: at its one site, refused when it holds
    /// tokens at several: ``Revocation``); returns how many.
    func revokeCredentials(principalID: String, site: String?, now: Int64) async throws -> Int
    /// Adds a booking that can be checked in on `day` at a kiosk of `site`.
    func addBooking(code: String, site: String, serviceID: String, day: String, priority: Bool) async throws

    /// Issues a ticket online; `created` is false for a replay of a ticket already stored.
    func issue(_ request: IssueTicketRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool)
    /// Reserves a block of numbers for `kiosk`.
    func lease(_ request: LeaseRequest, kiosk: String, site: String, now: Int64) async throws -> Lease
    /// Records that `kiosk` made a request at `now` (``KioskSilence``: a request after a silence ends it).
    func kioskHeard(_ kiosk: String, now: Int64) async throws
    /// Stores offline tickets, answering for each.
    func sync(_ batch: SyncBatch, kiosk: String, site: String, now: Int64) async throws -> SyncReply
    /// Turns a booking code into a ticket.
    func checkIn(_ request: CheckInRequest, kiosk: String, site: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool)
    /// Records whether `ticketID` was printed; an unprinted waiting ticket is voided.
    func printOutcome(ticketID: String, _ outcome: PrintReport, kiosk: String, now: Int64) async throws -> QueueTicket
    /// Records a kiosk's heartbeat.
    func heartbeat(_ heartbeat: Heartbeat, kiosk: String, site: String, now: Int64) async throws
    /// The last heartbeat of every kiosk of `site` (nil: of every site).
    func kioskReports(site: String?, now: Int64) async throws -> KioskReports
    /// Today's counts of `site` (nil: of every site), for staff and the city view.
    func siteSummaries(site: String?, now: Int64) async throws -> SiteSummaries
    /// A ticket with its position and estimated wait, and its site, if it exists.
    func ticket(_ ticketID: String) async throws -> (ticket: QueueTicket, site: String)?

    /// Calls the next ticket of `site` for a counter, by queue order and the priority policy; nil when nobody waits.
    func callNext(_ request: CallNextRequest, staff: String, site: String, now: Int64) async throws -> QueueTicket?
    /// The tickets of `site` (nil: of every site) whose print was reported uncertain and that may
    /// still reach a counter, oldest first (``UncertainPrint``).
    func uncertainTickets(site: String?) async throws -> UncertainTickets
    /// Staff confirm (the citizen holds the paper) or void (no ticket came out) a ticket of `site` marked uncertain.
    func settleUncertain(_ settlement: UncertainPrint.Settlement, ticketID: String, site: String, now: Int64) async throws -> QueueTicket
    /// Applies a counter action to a ticket of `site`.
    func counterAction(
        _ action: CounterAction, ticketID: String, transferTo: String?, staff: String, site: String, now: Int64
    ) async throws -> QueueTicket

    /// Whether the store can read, and how long its oldest unfinished write has waited or run.
    func health() async throws -> Duration
    /// Kiosks whose last heartbeat is older than ``KioskHealth/silenceLimitMs``.
    func kiosksOffline(now: Int64) async throws -> Int

    /// How far a kiosk's corrected clock may be from the server's before its tickets are refused (`clock-skew`).
    var maxClockSkewMs: Int64 { get }

    /// The catalogue document (kiosk-config format) of `site` and its ETag.
    func catalogueDocument(site: String) async throws -> CatalogueDocument
}
