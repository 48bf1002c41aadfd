import Foundation
import KioskCore
import KioskSQLite
import KioskTestSupport
import KioskUI
import Testing

/// Issue 14, cold start: the first frame comes before what its screen does not need (the ledger, the
/// last good configuration's copy), and a start with unchanged files writes no copy again.
@Suite("Cold start", .timeLimit(.minutes(4)))
struct ColdStartTests {
    @Test("the first frame does not wait for the ledger: shown while another process holds the ledger locked, tickets once it lets go")
    func firstFrameBeforeTheLedger() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        // Another process (a backup, `sqlite3` by a technician) holds the ledger: kioskd's SQLite waits for it.
        var holder: SQLiteDatabase? = try SQLiteDatabase(path: fixture.stateDirectory + "/tickets.sqlite")
        try holder?.execute("BEGIN EXCLUSIVE")
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        let shown = kiosk.waitForLines(containing: "first frame presented", timeout: 60)
        var screenWritten = false
        for _ in 0..<3000 where !screenWritten && shown.count == 1 {  // The snapshot is written off the loop: 30 s at most.
            screenWritten = FileManager.default.fileExists(atPath: fixture.screenPath)
            usleep(10_000)
        }
        let linesWhileLocked = kiosk.lines
        try holder?.execute("ROLLBACK")
        holder = nil
        try #require(shown.count == 1, "\(linesWhileLocked)")
        #expect(shown[0].contains("screen ok: headless"), "\(shown[0])")
        #expect(screenWritten, "the first frame's snapshot is on disk while the ledger is locked")
        #expect(!linesWhileLocked.contains { $0.contains("ready:") || $0.contains("out of service") }, "\(linesWhileLocked)")

        // The ledger opens once it is free, before the first ticket.
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        try KioskTouchDriver(fixture).takeTicket(agency: "disdukcapil", service: "ktp-el")
        #expect(printer.waitForReceipts(count: 1, timeout: 20).first?.text.contains("A-001") == true)
        #expect(kiosk.stop() == 0)
    }

    @Test("a ledger that cannot open after the first frame: the out-of-service screen replaces the first screen")
    func outOfServiceReplacesTheFirstFrame() throws {
        let fixture = try KioskFixture(printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#)
        try FileManager.default.createDirectory(atPath: fixture.stateDirectory, withIntermediateDirectories: true)
        do {
            let newer = try SQLiteDatabase(path: fixture.stateDirectory + "/tickets.sqlite")
            try newer.execute("CREATE TABLE tickets (id TEXT PRIMARY KEY); PRAGMA user_version = 9;")
        }
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        let refused = kiosk.waitForLines(containing: "out of service:")
        #expect(kiosk.stop() == 0)
        try #require(refused.count == 1 && kiosk.lines.contains { $0.contains("first frame presented") }, "\(kiosk.lines)")
        let problem = String(refused[0][refused[0].range(of: "out of service: ")!.upperBound...])
        var state = KioskState()
        state.screen = .outOfService(reason: problem.count <= 300 ? problem : String(problem.prefix(299)) + "…")
        let expected = try ScreenRenderer(
            size: fixture.screen, mallName: LocalizedText(indonesian: "Mal Pelayanan Publik Uji", english: "Test Public Service Mall"),
            kioskID: fixture.kioskID
        ).render(
            state, settings: FlowSettings(
                catalogue: Catalogue(agencies: []), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
                agenciesPerPage: 1, servicesPerPage: 1),
            now: Timestamp(secondsSinceEpoch: 0))
        // The first frame's snapshot, written off the loop, must not land after the out-of-service one.
        let shown = try PNGReader.read(path: fixture.screenPath)
        #expect(ImageDifference.between(shown, expected, channelTolerance: 0)?.differingPixels == 0, "the out-of-service screen is shown")
    }

    @Test("the last good configuration's copy is written only when a file changed, and only that file and the index")
    func lastGoodCopyWrittenOnlyWhenChanged() throws {
        let fixture = try KioskFixture(printer: #"{"kind": "file", "path": "printer.out", "paper": "80mm"}"#)
        let copy = fixture.stateDirectory + "/last-good-config"
        let files = ["0.json", "1.json", "paths"]
        func start() throws -> [String: UInt64] {
            let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
            try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
            #expect(kiosk.stop() == 0)
            var inodes: [String: UInt64] = [:]
            for file in files {
                var info = stat()
                try #require(stat(copy + "/" + file, &info) == 0, "\(file) saved")
                inodes[file] = UInt64(info.st_ino)
            }
            return inodes
        }
        let first = try start()
        #expect(try start() == first, "an unchanged configuration is not written again (each write renames a new file in)")

        let catalogue = try String(contentsOfFile: fixture.catalogueFile, encoding: .utf8)
        try (catalogue + "\n").write(toFile: fixture.catalogueFile, atomically: true, encoding: .utf8)
        let third = try start()
        #expect(third["0.json"] == first["0.json"], "kiosk.json did not change: its copy stays")
        #expect(third["1.json"] != first["1.json"] && third["paths"] != first["paths"], "the changed catalogue and the index are written")
        #expect(try String(contentsOfFile: copy + "/1.json", encoding: .utf8) == catalogue + "\n")
    }
}
