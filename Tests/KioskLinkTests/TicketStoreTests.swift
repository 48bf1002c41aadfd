import Glibc
import KioskCore
import KioskSQLite
import Testing

@testable import KioskLink

/// A fresh directory under /tmp for one test.
private func temporaryDirectory() -> String {
    var template = Array("/tmp/kiosklink-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
}

private func ticket(_ service: String, _ sequence: Int, day: String = "2026-12-01", idByte: UInt8) -> Ticket {
    Ticket(
        id: TicketID(randomBytes: [UInt8](repeating: idByte, count: 16)), serviceID: ServiceID(service),
        agencyID: AgencyID("disdukcapil"), day: day, sequence: sequence, number: "A-00\(sequence)",
        issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300 + Int64(idByte)), peopleAhead: nil, language: .indonesian)
}

@Test func recordedTicketsSurviveReopeningAndResumeNumbering() throws {
    let path = temporaryDirectory() + "/tickets.sqlite"
    do {
        let store = try TicketStore(path: path)
        try store.record(ticket("ktp-el", 1, idByte: 1))
        try store.record(ticket("ktp-el", 2, idByte: 2))
        try store.record(ticket("kk", 1, idByte: 3))
        try store.record(ticket("kk", 1, day: "2026-11-30", idByte: 4))
    }
    let reopened = try TicketStore(path: path)
    #expect(try reopened.lastSequences(day: "2026-12-01") == [ServiceID("ktp-el"): 2, ServiceID("kk"): 1])
    #expect(try reopened.lastSequences(day: "2026-11-30") == [ServiceID("kk"): 1])
    #expect(try reopened.lastSequences(day: "2026-12-02").isEmpty)
    #expect(try reopened.integrityCheck() == "ok")
}

@Test func aNumberCanBeRecordedOnlyOncePerDay() throws {
    let store = try TicketStore(path: temporaryDirectory() + "/tickets.sqlite")
    try store.record(ticket("ktp-el", 1, idByte: 1))
    #expect(throws: DatabaseError.self) { try store.record(ticket("ktp-el", 1, idByte: 2)) }
    #expect(throws: DatabaseError.self) { try store.record(ticket("kk", 5, idByte: 1)) }
    try store.record(ticket("ktp-el", 1, day: "2026-12-02", idByte: 3))
    #expect(try store.tickets(day: "2026-12-01").count == 1)
}

@Test func printOutcomesAreKeptWithTheirReason() throws {
    let store = try TicketStore(path: temporaryDirectory() + "/tickets.sqlite")
    let printed = ticket("ktp-el", 1, idByte: 1), failed = ticket("ktp-el", 2, idByte: 2)
    let pending = ticket("ktp-el", 3, idByte: 3)
    for t in [printed, failed, pending] { try store.record(t) }
    try store.setOutcome(.printed, for: printed.id)
    try store.setOutcome(.failed, for: failed.id, reason: "paper out")
    let stored = try store.tickets(day: "2026-12-01")
    #expect(stored.map(\.outcome) == [.printed, .failed, .pending])
    #expect(stored[1].failureReason == "paper out")
    #expect(stored.map(\.id) == [printed.id.description, failed.id.description, pending.id.description])
}

@Test func anUnwritableStoreSaysWhichFile() throws {
    let error = #expect(throws: DatabaseError.self) {
        try TicketStore(path: "/proc/no-such-dir/tickets.sqlite")
    }
    #expect(error?.description.contains("/proc/no-such-dir/tickets.sqlite") == true)
}
