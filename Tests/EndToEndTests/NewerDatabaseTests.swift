import Foundation
import KioskLink
import KioskSQLite
import KioskTestSupport
import Testing

/// Issue 15 item 3: a kioskd older than its ledger (a downgrade) refuses the file with a message
/// naming it, shows out-of-service, and leaves the file byte for byte as it was.
@Test(.timeLimit(.minutes(4)))
func aLedgerFromANewerKioskdKeepsKioskdOutOfServiceAndIsLeftUntouched() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
    let ledger = fixture.stateDirectory + "/tickets.sqlite"
    do {
        let newer = try SQLiteDatabase(path: ledger)
        try newer.execute("CREATE TABLE tickets (id TEXT PRIMARY KEY, shape TEXT); INSERT INTO tickets VALUES ('t', 'future'); PRAGMA user_version = 9;")
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    let refused = kiosk.waitForLines(containing: "out of service:")
    #expect(kiosk.stop() == 0)
    try #require(refused.count == 1, "\(kiosk.lines)")
    #expect(refused[0].contains("ticket ledger \(ledger) has schema version 9") && refused[0].contains("left untouched"), "\(refused[0])")
    #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before, "the newer ledger was changed")
}
