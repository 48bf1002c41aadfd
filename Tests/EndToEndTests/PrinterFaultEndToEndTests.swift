import Foundation
import KioskCore
import KioskLink
import KioskTestSupport
import Testing

/// Every way a TCP printer fails, with a real kioskd and the honest emulator.
enum TCPFault: String, CaseIterable, Sendable {
    case paperOutMidJob, coverOpenMidJob, cutterFails, dropsConnection, stopsReading, neverAnswers, paperOutBefore

    /// What the ledger must say of the ticket: never printed.
    var recorded: PrintOutcome {
        switch self {
        case .neverAnswers, .paperOutBefore: .failed
        default: .uncertain
        }
    }

    /// The condition the kiosk learns with the failed job, which turns the next citizen away.
    var condition: String {
        switch self {
        case .paperOutMidJob, .paperOutBefore: "paper-out"
        case .coverOpenMidJob: "cover-open"
        case .cutterFails: "cutter-error"
        case .dropsConnection: "offline"
        case .stopsReading, .neverAnswers: "not-answering"
        }
    }

    func inject(into printer: PrinterEmulator) {
        switch self {
        case .paperOutMidJob: printer.inject(.paperRunsOut(afterBytes: 300))
        case .coverOpenMidJob: printer.inject(.coverOpens(afterBytes: 300))
        case .cutterFails: printer.inject(.cutterFails)
        case .dropsConnection: printer.inject(.dropsConnection(afterBytes: 300))
        case .stopsReading: printer.inject(.stopsReading(afterBytes: 300))
        case .neverAnswers: printer.answersStatus = false
        case .paperOutBefore: printer.paperOut = true
        }
    }

    /// What a technician does: a new roll, the cover closed, the cutter freed, a power cycle.
    func clear(_ printer: PrinterEmulator) {
        printer.paperOut = false
        printer.coverOpen = false
        printer.cutterError = false
        printer.readingStopped = false
        printer.answersStatus = true
    }
}

/// A real kioskd and the printer emulator failing: the ledger never says printed, the citizen
/// hears within 3 s, the next citizen is warned before choosing, and the next good job prints
/// the next number.
///
/// Serialized: each case blocks a test thread for seconds (waiting on a real kioskd), and the
/// test threads are few on a 2-core machine; the other suites' processes need them too.
@Suite("Printer faults end to end", .serialized)
struct PrinterFaultEndToEndTests {
    @Test("a TCP printer fault", .timeLimit(.minutes(4)), arguments: TCPFault.allCases)
    func fault(_ fault: TCPFault) throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1)
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1)
        let touch = try KioskTouchDriver(fixture)

        if fault == .paperOutBefore || fault == .neverAnswers {  // faults the first touch's check would find
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el", afterTheFirstCheckOf: printer) { fault.inject(into: printer) }
        } else {
            fault.inject(into: printer)
            try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        }
        if fault == .paperOutBefore || fault == .neverAnswers {
            // The idle watch (DLE EOT every 2 s) may hear it between the two taps, before the job's own check:
            // then the second tap is turned away and no number is made at all. (The worker logs what it heard
            // before the core takes the event, so a tap already on its way may still be numbered: then the
            // job's own check refuses it, as below.)
            let heard = "printer is \(fault.condition)"
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline, !kiosk.lines.contains(where: { $0.contains("ticket id=") || $0.contains(heard) }) { usleep(20_000) }
            if kiosk.lines.contains(where: { $0.contains(heard) }) {
                // Once the core has taken the tap, the screen has left the service list (the status is answered by the loop
                // that carries out the core's effects). Numbered, the ticket was recorded before it went to the printer, so
                // the ledger holds it and its outcome is checked below; turned away, no number exists.
                let probe = ControlProbe(fixture)
                var screen = probe.screen()
                while Date() < deadline, screen == nil || screen == "services" || screen == "checking" {
                    usleep(20_000)
                    screen = probe.screen()
                }
                let today = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
                if try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: today).isEmpty {
                    #expect(screen == "notice" || screen == "home", "turned away, the citizen is told: \(screen ?? "no answer")")
                    #expect(!kiosk.lines.contains { $0.contains("ticket id=") }, "\(kiosk.lines)")
                    #expect(printer.receipts.isEmpty && printer.lostReceipts == 0)
                    return
                }
            }
        }
        let line = try #require(kiosk.waitForLines(containing: "ticket id=").first)
        let word = fault.recorded == .failed ? "printed=no" : "printed=uncertain"
        #expect(line.contains("number=A-001") && line.contains(word), "\(line)")
        let milliseconds = try #require(Self.tapToOutcome(line))
        #expect(milliseconds < 3000, "the citizen hears within 3 s of the tap: \(line)")
        let day = String(try #require(line.split(separator: " ").first { $0.hasPrefix("day=") }).dropFirst(4))
        let store = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite")
        #expect(try store.tickets(day: day).map(\.outcome) == [fault.recorded], "never recorded printed")
        #expect(!printer.receipts.contains { $0.wasCut && $0.text.contains("A-001") }, "no whole A-001 came out")

        // The next citizen is told before choosing, and no number is made for them.
        try #require(kiosk.waitForLines(containing: "printer is \(fault.condition)").count == 1, "\(kiosk.lines)")
        // (The condition is reported after the paper counter: a ticket that may be half out used paper.)
        let used = Int((try? String(contentsOfFile: fixture.stateDirectory + "/paper-used-mm", encoding: .utf8))?
            .split(separator: "\n").first ?? "0") ?? 0
        #expect(fault.recorded == .failed ? used == 0 : used > 15, "paper counted: \(used) mm")
        let notice: Screen = .notice(
            fault.recorded == .failed ? .printFailedNoNumber : .printUncertainNoNumber, returnTo: .home)
        try touch.press(.back, on: notice)
        if fault != .dropsConnection {  // a dropped connection is back at once: the next poll finds it ready
            // The first screen says so itself and offers no agency: the tap makes no number.
            let (noAgency, output) = try ControlTap.findsNoAgency(fixture, agency: "disdukcapil")
            #expect(noAgency, "the first screen offers no agency: \(output)")
            #expect(try store.tickets(day: day).count == 1)
        }

        // Fixed by the technician: the idle poll notices, and the next good job prints the next number.
        fault.clear(printer)
        try #require(kiosk.waitForLines(containing: "printer is ready", count: 2).count == 2, "\(kiosk.lines)")
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let printed = try #require(kiosk.waitForLines(containing: "printed=yes").first, "\(kiosk.lines)")
        #expect(printed.contains("number=A-002"))
        // Confirmed in order: the whole ticket was out before the answer came.
        #expect(printer.receipts.contains { $0.wasCut && $0.text.contains("A-002") })
        #expect(try store.tickets(day: day).map(\.outcome) == [fault.recorded, .printed])
    }

    /// A roll that ended while the kiosk stood idle is noticed when the next citizen touches the
    /// first screen (an agency), not at the next 15 s idle poll: the citizen is told before a number is made.
    /// (The idle watch's `DLE EOT`, every 2 s, may notice it first; either way no number is made.)
    @Test(.timeLimit(.minutes(4)))
    func aRollThatJustEndedIsNoticedAtTheFirstTouch() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let fixture = try KioskFixture(printerPort: printer.port)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is ready").count == 1)
        printer.paperOut = true
        let touch = try KioskTouchDriver(fixture)
        try touch.press(.chooseAgency(AgencyID("disdukcapil")), on: .home)
        let noticed = kiosk.waitForLines(containing: "printer is paper-out", timeout: 5)
        #expect(noticed.count == 1, "noticed within 5 s of the touch, not at the idle poll 15 s later: \(kiosk.lines)")
        try touch.press(.chooseService(ServiceID("ktp-el")), on: .services(AgencyID("disdukcapil"), page: 0))
        try touch.press(.back, on: .notice(.printerDown, returnTo: .home))
        let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        #expect(try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: day).isEmpty, "no number was made")
        #expect(printer.receipts.isEmpty && printer.lostReceipts == 0)
    }

    /// `tap_to_print_ms` of a ticket line.
    static func tapToOutcome(_ line: String) -> Double? {
        line.split(separator: " ").first { $0.hasPrefix("tap_to_print_ms=") }.flatMap { Double($0.dropFirst(16)) }
    }

    @Test("where the operator allows it, a kiosk whose printer is down shows the number and records it",
          .timeLimit(.minutes(4)))
    func screenOnly() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        printer.coverOpen = true
        let fixture = try KioskFixture(
            printer: #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printer.port), "allowScreenOnlyTickets": true}"#)
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "printer is cover-open").count == 1)

        let touch = try KioskTouchDriver(fixture)
        touch.printer = .coverOpen
        touch.allowScreenOnlyTickets = true
        try touch.press(.chooseAgency(AgencyID("disdukcapil")), on: .home)
        try touch.press(.chooseService(ServiceID("ktp-el")), on: .services(AgencyID("disdukcapil"), page: 0))
        let line = try #require(kiosk.waitForLines(containing: "shown on screen only").first)
        #expect(line.contains("number=A-001") && line.contains("printer cover-open"))
        let day = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
        let stored = try TicketStore(path: fixture.stateDirectory + "/tickets.sqlite").tickets(day: day)
        #expect(stored.map(\.outcome) == [.screenOnly])
        #expect(printer.receipts.isEmpty && printer.lostReceipts == 0, "not a byte of a ticket was sent")
    }
}
