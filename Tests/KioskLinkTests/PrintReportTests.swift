import Glibc
import KioskCore
import Testing

@testable import KioskLink

/// A new ledger's path in a fresh temporary directory.
private func temporaryLedger() -> String {
    var template = Array("/tmp/kiosklink-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) } + "/t.sqlite"
}

/// Ticket A-00`sequence` of ktp-el on 2026-12-01.
private func ticket(_ sequence: Int) -> Ticket {
    Ticket(
        id: TicketID(randomBytes: [UInt8](repeating: UInt8(sequence), count: 16)), serviceID: ServiceID("ktp-el"),
        agencyID: AgencyID("disdukcapil"), day: "2026-12-01", sequence: sequence, number: "A-00\(sequence)",
        issuedAt: Timestamp(secondsSinceEpoch: 1_796_091_300 + Int64(sequence)), peopleAhead: nil,
        language: .indonesian)
}

@Test func failedPrintsWaitDurablyToBeReportedOnce() throws {
    let path = temporaryLedger()
    do {
        let store = try TicketStore(path: path)
        for n in 1...4 { try store.record(ticket(n)) }
        try store.setOutcome(.printed, for: ticket(1).id)
        try store.setOutcome(.failed, for: ticket(2).id, reason: "paper-out")
        try store.setOutcome(.screenOnly, for: ticket(3).id, reason: "printer offline")
        try store.setOutcome(.failed, for: ticket(4).id, reason: "connection reset")
    }
    let reopened = try TicketStore(path: path)
    #expect(try reopened.unreportedPrintFailures().map(\.number) == ["A-002", "A-004"])
    #expect(try reopened.tickets(day: "2026-12-01").map(\.outcome) == [.printed, .failed, .screenOnly, .failed])
    try reopened.markPrintFailureReported(ticket(2).id.description)
    #expect(try TicketStore(path: path).unreportedPrintFailures().map(\.number) == ["A-004"])
}

@Test func aTicketLeftPendingByAKilledKioskdIsMarkedUncertainOnceAtTheNextStart() throws {
    let path = temporaryLedger()
    do {
        let store = try TicketStore(path: path)
        for n in 1...2 { try store.record(ticket(n)) }
        try store.setOutcome(.printed, for: ticket(1).id)
    }  // killed while ticket 2 was printing
    let restarted = try TicketStore(path: path)
    #expect(try restarted.settleInterruptedPrints(reason: "kioskd stopped while printing it") == ["A-002"])
    #expect(try restarted.settleInterruptedPrints(reason: "again").isEmpty)
    let stored = try restarted.tickets(day: "2026-12-01")
    #expect(stored.map(\.outcome) == [.printed, .uncertain])
    #expect(stored.last?.failureReason == "kioskd stopped while printing it")
}
