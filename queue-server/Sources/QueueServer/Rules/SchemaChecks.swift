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

    /// A heartbeat's counts are never negative, and its `softwareVersion` is a version (``isSoftwareVersion(_:)``).
    static func check(_ heartbeat: Heartbeat) throws(Problem) {
        guard isSoftwareVersion(heartbeat.softwareVersion) else {
            throw Problems.invalid("softwareVersion must be 1–\(maxVersion) of A–Z, a–z, 0–9, space and . + - _ ~ : ( ) /")
        }
        guard heartbeat.outboxDepth >= 0, heartbeat.leasedNumbersLeft >= 0 else {
            throw Problems.invalid("outboxDepth and leasedNumbersLeft must be ≥ 0")
        }
        if let technician = heartbeat.technician {
            let counts = [technician.pinAttempts, technician.pinRejected, technician.lockouts, technician.entries, technician.exits]
            guard counts.allSatisfy({ $0 >= 0 }) else { throw Problems.invalid("technician counts must be ≥ 0") }
        }
    }

    /// The longest `softwareVersion` taken (a Debian version with its revision is far shorter).
    static let maxVersion = 64
    private static let versionSymbols = Set(" .+-_~:()/".utf8)

    /// 1–``maxVersion`` of ASCII letters, digits, space and `. + - _ ~ : ( ) /`: nothing that is markup
    /// anywhere staff see it (a kiosk once sent 160 KB of HTML, F9).
    static func isSoftwareVersion(_ text: String) -> Bool {
        (1...maxVersion).contains(text.utf8.count) && text.utf8.allSatisfy(isVersionByte)
    }

    /// A `softwareVersion` stored before that rule, as shown: its allowed characters, cut to ``maxVersion``
    /// (`?` when none is left).
    static func shownVersion(_ stored: String) -> String {
        guard !isSoftwareVersion(stored) else { return stored }
        let kept = String(decoding: stored.utf8.filter(isVersionByte).prefix(maxVersion), as: UTF8.self)
        return kept.isEmpty ? "?" : kept
    }

    private static func isVersionByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || versionSymbols.contains(byte)
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
