import KioskProtocol

/// Who is calling: a kiosk or a member of staff, by the id their token was issued to.
struct Principal: Sendable, Hashable {
    enum Role: String, Sendable { case kiosk, staff }
    var id: String
    var role: Role
}

/// The queue's source of truth. The SQLite store is the default; a PostgreSQL store can follow
/// by implementing the same operations with the same rules (the server tests run against it).
///
/// Every method that answers has made its change durable first. Failures the caller caused are
/// thrown as ``Problem``s; anything else is a storage failure (HTTP 500).
protocol QueueStore: Sendable {
    /// The principal holding the token whose SHA-256 is `tokenHash`, unless unknown or revoked.
    func principal(tokenHash: String) async throws -> Principal?
    /// Stores a token hash for `principal` (provisioning).
    func addCredential(tokenHash: String, principal: Principal, now: Int64) async throws
    /// Revokes every token of `principalID`; returns how many.
    func revokeCredentials(principalID: String, now: Int64) async throws -> Int
    /// Adds a booking that can be checked in on `day`.
    func addBooking(code: String, serviceID: String, day: String, priority: Bool) async throws

    /// Issues a ticket online; `created` is false for a replay of a ticket already stored.
    func issue(_ request: IssueTicketRequest, kiosk: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool)
    /// Reserves a block of numbers for `kiosk`.
    func lease(_ request: LeaseRequest, kiosk: String, now: Int64) async throws -> Lease
    /// Stores offline tickets, answering for each.
    func sync(_ batch: SyncBatch, kiosk: String, now: Int64) async throws -> SyncReply
    /// Turns a booking code into a ticket.
    func checkIn(_ request: CheckInRequest, kiosk: String, now: Int64) async throws -> (ticket: QueueTicket, created: Bool)
    /// Records whether `ticketID` was printed; an unprinted waiting ticket is voided.
    func printOutcome(ticketID: String, _ outcome: PrintReport, kiosk: String, now: Int64) async throws -> QueueTicket
    /// Records a kiosk's heartbeat.
    func heartbeat(_ heartbeat: Heartbeat, kiosk: String, now: Int64) async throws
    /// Every kiosk's last heartbeat.
    func kioskReports(now: Int64) async throws -> KioskReports
    /// A ticket with its position and estimated wait, if it exists.
    func ticket(_ ticketID: String) async throws -> QueueTicket?

    /// Calls the next ticket for a counter, by queue order and the priority policy; nil when nobody waits.
    func callNext(_ request: CallNextRequest, staff: String, now: Int64) async throws -> QueueTicket?
    /// Applies a counter action to a ticket.
    func counterAction(
        _ action: CounterAction, ticketID: String, transferTo: String?, staff: String, now: Int64
    ) async throws -> QueueTicket

    /// Whether the store can read, and how long its oldest unfinished write has waited or run.
    func health() async throws -> Duration
    /// Kiosks whose last heartbeat is older than ``KioskHealth/silenceLimitMs``.
    func kiosksOffline(now: Int64) async throws -> Int

    /// How far a kiosk's corrected clock may be from the server's before its tickets are refused (`clock-skew`).
    var maxClockSkewMs: Int64 { get }

    /// The catalogue document (kiosk-config format) and its ETag.
    func catalogueDocument() async throws -> CatalogueDocument
}
