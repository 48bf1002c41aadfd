/// What a run did, line by line: hashed as it goes (FNV-1a, the same on every machine and run, unlike
/// `Hasher`), counted, and kept in part for a violation's report: the last lines, and every line that
/// names a ticket a violation is about.
struct Trace {
    private(set) var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    private(set) var lines = 0
    /// The most recent lines, oldest first.
    private var recent: [String] = []
    /// Every line by the ticket ids it names (for the shortened trace).
    private var byTicket: [String: [String]] = [:]
    static let recentKept = 60

    /// Adds a line at simulated time `at`; `tickets` are the ticket ids it names.
    mutating func add(_ at: Int64, _ line: String, tickets: [String] = []) {
        let text = "\(at) \(line)"
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01B3
        }
        hash ^= 0x0A
        hash = hash &* 0x0100_0000_01B3
        lines += 1
        recent.append(text)
        if recent.count > Self.recentKept * 2 { recent.removeFirst(recent.count - Self.recentKept) }
        for id in tickets { byTicket[id, default: []].append(text) }
    }

    /// The lines about `tickets`, then the last lines of the run.
    func shortened(about tickets: [String]) -> [String] {
        let about = tickets.flatMap { id in (byTicket[id] ?? []).map { "  [\(id.prefix(8))] " + $0 } }
        return about + ["  … the last \(min(recent.count, Self.recentKept)) lines:"] + recent.suffix(Self.recentKept).map { "  " + $0 }
    }

    /// Forgets the lines kept by ticket (each day is judged at its end).
    mutating func dayJudged() { byTicket = [:] }

    /// The hash as 16 hex digits.
    var hexHash: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
