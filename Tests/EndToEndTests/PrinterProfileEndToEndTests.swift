import Foundation
import KioskCore
import KioskDevices
import KioskLink
import KioskTestSupport
import Testing

/// A real kioskd with a printer profile that supports `GS ( H` and Automatic Status Back
/// (`epson-tm-t20`): each ticket ends with a process ID the printer sends back, ASB is on, and a
/// paper end mid-ticket is heard from the unsolicited ASB block.
@Suite("Printer profile options end to end", .serialized)
struct PrinterProfileEndToEndTests {
    @Test("epson-tm-t20: printed on GS r and its process ID; paper end mid-job heard by ASB: uncertain, then the next number prints",
          .timeLimit(.minutes(4)))
    func processIDAndAutomaticStatus() throws {
        let (printer, fixture, kiosk) = try Self.kiosk()
        defer { kiosk.stop(); printer.stop() }
        let touch = try KioskTouchDriver(fixture)

        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let first = try #require(kiosk.waitForLines(containing: "ticket id=").first)
        #expect(first.contains("number=A-001") && first.contains("printed=yes"), "\(first)")
        #expect(printer.receipts.contains { $0.wasCut && $0.text.contains("A-001") })
        try touch.finishTicket()

        printer.inject(.paperRunsOut(afterBytes: 300))
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let second = try #require(kiosk.waitForLines(containing: "ticket id=", count: 2).last)
        #expect(second.contains("number=A-002") && second.contains("printed=uncertain")
            && second.contains("paper-out (automatic status)"), "\(second)")
        let day = String(try #require(second.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.tickets(day: day).map(\.outcome) == [.printed, .uncertain])
        try #require(kiosk.waitForLines(containing: "printer is paper-out").count == 1, "\(kiosk.lines)")
        try touch.press(.back, on: .notice(.printUncertainNoNumber, returnTo: .home))

        printer.paperOut = false
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let third = try #require(kiosk.waitForLines(containing: "printed=yes", count: 2).last, "\(kiosk.lines)")
        #expect(third.contains("number=A-003"))
        #expect(!printer.receipts.contains { $0.wasCut && $0.text.contains("A-002") }, "the stopped ticket never came out whole")
    }

    @Test("a paper end or an open cover while idle changes the first screen without a job or a touch: within about a second through Automatic Status Back (epson-tm-t20), within the 2 s DLE EOT period without it (generic-pos-80, GS a ignored), and likewise where the profile promises ASB but the printer ignores GS a (said once in the log)",
          .timeLimit(.minutes(4)), arguments: [("epson-tm-t20", true), ("generic-pos-80", false), ("epson-tm-t20", false)])
    func idleChangesHeard(profile: String, printerHasASB: Bool) throws {
        let hasASB = PrinterProfile.named(profile)?.automaticStatusBack == true && printerHasASB
        let (printer, fixture, kiosk) = try Self.kiosk(profile: profile, automaticStatus: printerHasASB)
        defer { kiosk.stop(); printer.stop() }
        // Heard at once with ASB; asked every TCPStatusWatch.defaultAskEvery seconds without.
        let (logBound, drawBound) = hasASB ? (1.0, 1.5) : (TCPStatusWatch.defaultAskEvery + 1, TCPStatusWatch.defaultAskEvery + 1.5)
        // The start's poll asked four DLE EOT; the watch's own connection asks four more when it opens.
        let deadline = Date().addingTimeInterval(10)
        while printer.statusRequests.count < 8 && Date() < deadline { usleep(2_000) }
        try #require(printer.statusRequests.count >= 8, "the watch never connected")
        while !FileManager.default.fileExists(atPath: fixture.screenPath) && Date() < deadline { usleep(2_000) }

        let touch = try KioskTouchDriver(fixture)
        var count = (paperOut: 0, coverOpen: 0, ready: 1)
        for (change, word) in [
            ({ printer.paperOut = true }, "paper-out"), ({ printer.paperOut = false }, "ready"),
            ({ printer.coverOpen = true }, "cover-open"), ({ printer.coverOpen = false }, "ready"),
        ] as [(() -> Void, String)] {
            let screenBefore = try Data(contentsOf: URL(fileURLWithPath: fixture.screenPath))
            let start = Date()
            change()
            let expected: Int
            switch word {
            case "paper-out": (count.paperOut, expected) = (count.paperOut + 1, count.paperOut + 1)
            case "cover-open": (count.coverOpen, expected) = (count.coverOpen + 1, count.coverOpen + 1)
            default: (count.ready, expected) = (count.ready + 1, count.ready + 1)
            }
            try #require(kiosk.waitForLines(containing: "printer is \(word)", count: expected, timeout: 5).count == expected,
                         "\(kiosk.lines)")
            let logged = Date().timeIntervalSince(start)
            while (try? Data(contentsOf: URL(fileURLWithPath: fixture.screenPath))) == screenBefore, Date().timeIntervalSince(start) < 5 {
                usleep(2_000)
            }
            let drawn = Date().timeIntervalSince(start)
            // A return to ready is reported once it held PrinterConditionSettling.holdSeconds; a stop at once.
            let held = word == "ready" ? PrinterConditionSettling.holdSeconds : 0
            #expect(logged < logBound + held && drawn < drawBound + held,
                    "printer is \(word): logged after \(logged) s, the first screen redrawn after \(drawn) s")
            if word == "paper-out" {
                // The next citizen is told before choosing: the first screen offers no agency, so the walk makes no number.
                try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
            }
        }
        #expect(printer.receipts.isEmpty && printer.lostReceipts == 0, "no job was sent")
        let ignored = kiosk.lines.filter { $0.contains("ignores it (check its profile)") }
        #expect(ignored.count == (PrinterProfile.named(profile)?.automaticStatusBack == true && !printerHasASB ? 1 : 0), "\(ignored)")
        let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.tickets(day: day).isEmpty, "no number was made while the paper was out")

        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let printed = try #require(kiosk.waitForLines(containing: "printed=yes").first, "\(kiosk.lines)")
        #expect(printed.contains("number=A-001"), "after the idle changes, the kiosk prints: \(printed)")
    }

    @Test("a paper sensor flapping 64 times a second under ASB is logged once (paper-out), ready once it stays put; a real paper end after it is logged within a second and the walk makes no number",
          .timeLimit(.minutes(4)))
    func flappingPaperSensorIsLoggedOnce() throws {
        let (printer, fixture, kiosk) = try Self.kiosk()
        defer { kiosk.stop(); printer.stop() }
        let deadline = Date().addingTimeInterval(10)
        while printer.statusRequests.count < 8 && Date() < deadline { usleep(2_000) }  // the watch's connection is open
        try #require(printer.statusRequests.count >= 8, "the watch never connected")
        let before = kiosk.lines.count
        for flap in 0..<128 {  // two seconds; the last flap leaves the paper in
            printer.paperOut = flap % 2 == 0
            usleep(1_000_000 / 64)
        }
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2, timeout: 5).count == 2, "\(kiosk.lines)")
        // Before the fix: one line per flap, 128 in two seconds.
        let logged = kiosk.lines.dropFirst(before).filter { $0.contains("printer is ") }
        #expect(logged.count == 2 && logged.first?.contains("printer is paper-out") == true, "\(logged)")

        let start = Date()
        printer.paperOut = true
        try #require(kiosk.waitForLines(containing: "printer is paper-out", count: 2, timeout: 5).count == 2, "\(kiosk.lines)")
        #expect(Date().timeIntervalSince(start) < 1)
        let touch = try KioskTouchDriver(fixture)
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        #expect(try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: day).isEmpty, "no number while the paper is out")
    }

    /// The emulator (a model with or without Automatic Status Back) and a real kioskd printing to it
    /// with `profile`, which found it ready.
    private static func kiosk(profile: String = "epson-tm-t20", automaticStatus: Bool = true) throws
        -> (PrinterEmulator, KioskFixture, KioskProcess)
    {
        let printer = try PrinterEmulator()
        printer.supportsAutomaticStatus = automaticStatus
        let fixture = try KioskFixture(printer: #"""
            {"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "profile": "\#(profile)"}
            """#)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1, "\(kiosk.lines)")
        return (printer, fixture, kiosk)
    }
}
