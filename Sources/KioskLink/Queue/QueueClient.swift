import FoundationEssentials
import KioskProtocol

/// The kiosk's typed calls to the queue server (docs/queue-api.yaml), blocking the calling thread.
///
/// Each call either returns the server's answer or throws a ``QueueClientError``; deadlines come
/// from the transport. Safe to share between threads (requests are serialised on one connection).
public struct QueueClient: Sendable {
    private let transport: any HTTPTransport
    private let token: String
    private let clock: ClockOffset?
    private let clocks: LinkClocks

    /// A client sending `token` as its bearer credential over `transport`; when `clock` is given,
    /// every answer's `Date` header refines its estimate of the server's clock, timed by `clocks.wall`.
    public init(transport: any HTTPTransport, token: String, clock: ClockOffset? = nil, clocks: LinkClocks = .system) {
        self.transport = transport
        self.token = token
        self.clock = clock
        self.clocks = clocks
    }

    /// The catalogue, unless it still has `etag` (then nil: keep the cached copy).
    public func catalogue(ifNoneMatch etag: String?) throws(QueueClientError) -> CatalogueFetch? {
        let reply = try send("GET", QueueAPI.catalogue, headers: etag.map { ["If-None-Match": $0] } ?? [:], body: nil)
        if reply.status == 304 { return nil }
        try expect(reply, [200])
        guard let tag = reply.headers["etag"] else { throw .unexpected(status: reply.status, detail: "catalogue without an ETag") }
        return CatalogueFetch(bytes: reply.body, etag: tag)
    }

    /// Issues a ticket online, giving up after `deadlineMilliseconds` when given; a replay of the
    /// same request returns the same ticket.
    public func issue(_ request: IssueTicketRequest, deadlineMilliseconds: Int? = nil) throws(QueueClientError) -> QueueTicket {
        try decode(try expect(try send("POST", QueueAPI.tickets, body: try encode(request), deadline: deadlineMilliseconds), [200, 201]))
    }

    /// Reserves a block of numbers for offline issuing.
    public func lease(_ request: LeaseRequest) throws(QueueClientError) -> Lease {
        try call("POST", QueueAPI.leases, request, expecting: [201])
    }

    /// Sends offline tickets; one result per ticket.
    public func sync(_ batch: SyncBatch) throws(QueueClientError) -> SyncReply {
        try call("POST", QueueAPI.sync, batch, expecting: [200])
    }

    /// Turns a scanned booking code into a ticket.
    public func checkIn(_ request: CheckInRequest) throws(QueueClientError) -> QueueTicket {
        try call("POST", QueueAPI.checkIns, request, expecting: [200, 201])
    }

    /// Reports whether a ticket was printed; an unprinted one is voided.
    public func reportPrint(ticketID: String, _ report: PrintReport) throws(QueueClientError) -> QueueTicket {
        try call("POST", QueueAPI.printOutcome(ticketID), report, expecting: [200])
    }

    /// Sends a citizen's survey answer for a served ticket; a replay of the same answer gets the first receipt.
    public func submitSurvey(ticketID: String, _ upload: SurveyUpload) throws(QueueClientError) -> SurveyUploadReceipt {
        try call("POST", QueueAPI.survey(ticketID), upload, expecting: [200, 201])
    }

    /// Sends the kiosk's health; answers with the server's clock.
    public func heartbeat(_ heartbeat: Heartbeat) throws(QueueClientError) -> HeartbeatReply {
        let sentAt = clocks.wall()
        let reply: HeartbeatReply = try call("POST", QueueAPI.heartbeat, heartbeat, expecting: [200])
        clock?.add(serverLow: reply.serverTime, serverHigh: reply.serverTime, sentAt: sentAt, receivedAt: clocks.wall())
        return reply
    }

    /// A ticket's state, position and estimated wait.
    public func ticket(_ ticketID: String) throws(QueueClientError) -> QueueTicket {
        try decode(try expect(try send("GET", QueueAPI.ticket(ticketID), body: nil), [200]))
    }

    // MARK: Staff calls (a staff token)

    /// Calls the next ticket to a counter; nil when nobody waits.
    public func callNext(_ request: CallNextRequest) throws(QueueClientError) -> QueueTicket? {
        let reply = try send("POST", QueueAPI.callNext, body: try encode(request))
        if reply.status == 204 { return nil }
        return try decode(try expect(reply, [200]))
    }

    /// Recall, start, done, no-show, or transfer (with `transferTo`) a ticket.
    public func counter(_ action: CounterAction, ticketID: String, transferTo: String? = nil) throws(QueueClientError) -> QueueTicket {
        let body = try transferTo.map { target throws(QueueClientError) in try encode(TransferRequest(serviceId: target)) }
        return try decode(try expect(try send("POST", QueueAPI.counterAction(ticketID, action), body: body), [200]))
    }

    /// Every kiosk's last heartbeat.
    public func kiosks() throws(QueueClientError) -> KioskReports {
        try decode(try expect(try send("GET", QueueAPI.kiosks, body: nil), [200]))
    }

    // MARK: Plumbing

    private func call<Body: Encodable, Answer: Decodable>(
        _ method: String, _ path: String, _ body: Body, expecting: Set<Int>
    ) throws(QueueClientError) -> Answer {
        try decode(try expect(try send(method, path, body: try encode(body)), expecting))
    }

    private func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]?, deadline: Int? = nil
    ) throws(QueueClientError) -> HTTPReply {
        var all = headers
        all["Authorization"] = "Bearer " + token
        let sentAt = clocks.wall()
        let reply = try transport.send(HTTPRequest(method: method, path: path, headers: all, body: body, deadlineMilliseconds: deadline))
        if let clock, let date = reply.headers["date"] {
            clock.add(dateHeader: date, sentAt: sentAt, receivedAt: clocks.wall())
        }
        return reply
    }

    @discardableResult
    private func expect(_ reply: HTTPReply, _ statuses: Set<Int>) throws(QueueClientError) -> HTTPReply {
        if statuses.contains(reply.status) { return reply }
        if let problem = try? JSONDecoder().decode(Problem.self, from: Data(reply.body)) { throw .problem(problem) }
        throw .unexpected(status: reply.status, detail: String(decoding: reply.body.prefix(200), as: UTF8.self))
    }

    private func encode(_ value: some Encodable) throws(QueueClientError) -> [UInt8] {
        do { return Array(try QueueAPI.encoder().encode(value)) } catch { throw .unexpected(status: 0, detail: "cannot encode request: \(error)") }
    }

    private func decode<T: Decodable>(_ reply: HTTPReply) throws(QueueClientError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(reply.body)) } catch {
            throw .unexpected(status: reply.status, detail: "answer is not a \(T.self): \(error)")
        }
    }
}

/// A fresh catalogue: the kiosk-config document's bytes (cache them on disk) and its ETag.
public struct CatalogueFetch: Sendable, Hashable {
    public var bytes: [UInt8]
    public var etag: String
}
