import KioskCore
import KioskLink
import KioskProtocol

/// Whatever the server (or something pretending to be it) answers, through every call the kiosk
/// makes: the reply is decoded or refused, the clock estimate stays usable, and a fetched
/// catalogue is read as the kiosk reads it.
enum ServerReplyFuzz {
    /// A transport that answers every request with the same reply.
    private struct Canned: HTTPTransport {
        var reply: HTTPReply
        func send(_ request: HTTPRequest) throws(QueueClientError) -> HTTPReply { reply }
    }

    private static let statuses = [200, 201, 204, 304, 400, 401, 404, 409, 422, 500, 503]

    /// Byte 0: the call; byte 1: the status; then the `Date` header up to a newline; then the body.
    static func run(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        let call = bytes.byte(), statusByte = bytes.byte()
        let rest = bytes.rest()
        let newline = rest.firstIndex(of: 0x0A) ?? rest.count
        let date = String(decoding: rest[..<newline], as: UTF8.self)
        let body = Array(rest[min(newline + 1, rest.count)...])
        let status = statusByte < 0xF0 ? statuses[Int(statusByte) % statuses.count] : Int(Int8(bitPattern: statusByte)) * 100
        let reply = HTTPReply(status: status, headers: ["date": date, "etag": "\"fuzz\""], body: body)
        let clock = ClockOffset()
        let client = QueueClient(transport: Canned(reply: reply), token: "fuzz", clock: clock)
        let request = IssueTicketRequest(ticketId: "00000000-0000-0000-0000-000000000000", serviceId: "ktp-el", issuedAt: 0)
        switch call % 11 {
        case 0:
            if let fetch = try? client.catalogue(ifNoneMatch: nil) {
                _ = try? ConfigParser.catalogue(text: String(decoding: fetch.bytes, as: UTF8.self), path: "/fuzz/catalogue.json")
            }
        case 1: _ = try? client.issue(request, deadlineMilliseconds: 500)
        case 2: _ = try? client.lease(LeaseRequest(serviceId: "ktp-el", day: "2026-12-01", count: 10))
        case 3: _ = try? client.sync(SyncBatch(tickets: [OfflineTicket(ticket: request, sequence: 1, number: "A-001")]))
        case 4: _ = try? client.checkIn(CheckInRequest(ticketId: request.ticketId, bookingCode: "BK-7QH2M", issuedAt: 0))
        case 5: _ = try? client.reportPrint(ticketID: request.ticketId, PrintReport(printed: true))
        case 6:
            _ = try? client.heartbeat(
                Heartbeat(
                    softwareVersion: "fuzz", printer: .ok, scanner: .ok, touchscreen: .ok, outboxDepth: 0, leasedNumbersLeft: 0,
                    clockOffsetMs: 0))
        case 7: _ = try? client.ticket(request.ticketId)
        case 8: _ = try? client.callNext(CallNextRequest(counterId: "C1", serviceIds: ["ktp-el"], day: "2026-12-01"))
        case 9: _ = try? client.counter(.transfer, ticketID: request.ticketId, transferTo: "kartu-keluarga")
        default: _ = try? client.kiosks()
        }
        _ = clock.milliseconds
        _ = clock.uncertainty
    }
}
