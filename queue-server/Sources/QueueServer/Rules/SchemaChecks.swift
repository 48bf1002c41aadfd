import KioskProtocol

/// The constraints docs/queue-api.yaml puts on request bodies that JSON decoding alone does not
/// enforce; a body that breaks one is refused whole with 400, before any rule runs.
enum SchemaChecks {
    /// An online request (or the request inside an offline ticket).
    static func check(_ request: IssueTicketRequest) throws(Problem) {
        guard isUUID(request.ticketId) else {
            throw Problems.invalid("ticketId must be a UUID (8-4-4-4-12 hex), got \(Problems.quoted(request.ticketId))")
        }
        guard request.language == "id" || request.language == "en" else {
            throw Problems.invalid("language must be \"id\" or \"en\", got \(Problems.quoted(request.language))")
        }
        if let within = request.answerWithinMs, within < 0 { throw Problems.invalid("answerWithinMs must be ≥ 0") }
    }

    /// Every ticket of a sync batch: its request, and a `day` that is a real date when sent.
    static func check(_ batch: SyncBatch) throws(Problem) {
        guard batch.tickets.count <= 200 else { throw Problems.invalid("at most 200 tickets per batch, got \(batch.tickets.count)") }
        for (index, offline) in batch.tickets.enumerated() {
            try check(offline.ticket)
            if let day = offline.day, ServiceDay(day) == nil {
                throw Problems.invalid("tickets[\(index)].day must be a real date YYYY-MM-DD, got \(Problems.quoted(day))")
            }
        }
    }

    /// A heartbeat's counts are never negative.
    static func check(_ heartbeat: Heartbeat) throws(Problem) {
        guard heartbeat.outboxDepth >= 0, heartbeat.leasedNumbersLeft >= 0 else {
            throw Problems.invalid("outboxDepth and leasedNumbersLeft must be ≥ 0")
        }
        if let technician = heartbeat.technician {
            let counts = [technician.pinAttempts, technician.pinRejected, technician.lockouts, technician.entries, technician.exits]
            guard counts.allSatisfy({ $0 >= 0 }) else { throw Problems.invalid("technician counts must be ≥ 0") }
        }
    }

    /// `8-4-4-4-12` hexadecimal digits, either case.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) else { return false }
            }
        }
        return true
    }

    /// A call's day is a real date.
    static func check(_ call: CallNextRequest) throws(Problem) {
        guard ServiceDay(call.day) != nil else { throw Problems.invalid("day must be a real date YYYY-MM-DD, got \(Problems.quoted(call.day))") }
    }
}
