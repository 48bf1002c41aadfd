import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// Kills a real kioskd with SIGKILL at random moments while citizens take tickets, restarts it,
/// and checks that no number was ever issued twice and that everything printed was recorded.
@Test(.timeLimit(.minutes(5)))
func numbersSurviveKillNineAndNeverRepeat() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
    var generator = SystemRandomNumberGenerator()
    var completedTickets = 0

    for _ in 0..<25 {
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "kioskd restarted: \(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        for done in 0..<Int.random(in: 0...2, using: &generator) {
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
            try #require(kiosk.waitForLines(containing: "ticket id=", count: done + 1).count == done + 1)
            completedTickets += 1
            try touch.finishTicket()
        }
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        usleep(UInt32.random(in: 0...30_000, using: &generator))
        kiosk.stop(signal: SIGKILL)
    }

    // One more start: a ticket the last kill cut mid-print is settled too.
    let last = try KioskProcess(arguments: ["--config", fixture.configPath])
    try #require(last.waitForLines(containing: "ready:").count == 1, "kioskd restarted: \(last.lines)")
    #expect(last.stop() == 0)

    let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
    #expect(try store.integrityCheck() == "ok")
    let recorded = try store.tickets(day: day).filter { $0.serviceID == ServiceID("ktp-el") }
    #expect(recorded.count >= completedTickets)
    #expect(recorded.map(\.sequence) == Array((0..<recorded.count).map { $0 + 1 }),
        "numbering resumed after every kill with no repeat and no gap")
    #expect(Set(recorded.map(\.number)).count == recorded.count)
    #expect(!recorded.contains { $0.outcome == .pending }, "a ticket killed mid-print is uncertain, never left pending")

    let recordedIDs = Set(recorded.map(\.id))
    let printedIDs = printer.receipts.flatMap(\.qrPayloads)
    #expect(Set(printedIDs).count == printedIDs.count, "no ticket printed twice")
    #expect(printedIDs.allSatisfy(recordedIDs.contains), "everything printed was recorded first")
    let printedNumbers = printer.receipts.filter(\.wasCut).compactMap { receipt in
        recorded.first { receipt.qrPayloads.contains($0.id) }?.number
    }
    #expect(Set(printedNumbers).count == printedNumbers.count, "no number printed twice")
}
