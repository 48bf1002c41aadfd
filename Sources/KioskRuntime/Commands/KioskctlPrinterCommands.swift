import KioskCore
import KioskDevices

/// `kioskctl printer list|status|test|reset-paper`: the technician's printer tools. While kioskd runs,
/// status, test and reset-paper go through it (it owns the printer); without it they use the printer
/// and the paper counter directly, and say so.
enum KioskctlPrinterCommands {
    static let usage = """
          printer list         printer profiles, the configured printer (if any), CUPS queues and USB printers seen
          printer status       the printer's condition, why, and the paper left on the roll
                               (exit 0: it can print; 2: a fault to fix; 3: unreachable or silent)
          printer test         print a test page: profile, code-page sample, both QR paths, cut
          printer reset-paper  a new roll is in: start the paper counter again
        """

    /// Runs `printer SUBCOMMAND`.
    static func run(_ arguments: [String], configPath: String, json: Bool) throws {
        switch arguments.first {
        case "list":
            return KioskctlPrinterList.list(configPath: configPath, json: json)
        case "status", "test", "reset-paper":
            break
        default:
            throw KioskctlCommand.Failure(description: "printer takes list, status, test or reset-paper", status: 64)
        }
        let config = try ConfigFiles.load(configPath).config
        switch arguments.first {
        case "status": try status(config, json: json)
        case "test": try testPage(config, json: json)
        default: try resetPaper(config, json: json)
        }
    }

    /// The condition, its reason and the paper left, from kioskd or (not running) from the printer itself.
    /// Throws a failure with exit status 2 (a fault a person must fix) or 3 (unreachable or not answering).
    static func status(_ config: KioskConfig, json: Bool) throws {
        let condition: PrinterCondition
        var answer: ControlAnswer
        var cups: CupsPrinter?
        if let asked = try KioskctlDaemonCommands.askIfRunning(.printerStatus, config) {
            answer = asked
            condition = answer["condition"]?.stringValue.flatMap(PrinterCondition.init(rawValue:)) ?? .unknown
        } else {
            KioskctlCommand.note("kioskd not running: asked the printer directly")
            let transport = PrinterFactory.transport(for: config.printer)
            condition = transport.condition()
            cups = transport as? CupsPrinter
            answer = ControlAnswer(
                [("printer", .text(transport.name)), ("condition", .text(condition.rawValue)),
                 ("reason", .text(PrinterStatusWords.reason(condition)))] + ControlFacts.paper(paperCounter(config)))
        }
        KioskctlCommand.show(answer, json: json) {
            let millimetres = { (key: String) in answer[key]?.integerValue ?? 0 }
            print("printer \(answer["printer"]?.stringValue ?? "?"): \(condition.rawValue)")
            print("reason: " + PrinterStatusWords.reason(condition))
            if let cups { cupsDetails(cups) }
            print("paper left: about \(millimetres("paperLeftMillimetres") / 10) cm of \(millimetres("rollMillimetres") / 10) cm"
                + " (\(millimetres("paperUsedMillimetres") / 10) cm used since the last roll change, unconfirmed tickets included)"
                + (answer["paperNearEnd"]?.content == .bool(true) ? " - CHANGE THE ROLL SOON" : ""))
        }
        if let status = PrinterStatusWords.exitStatus(condition) {
            throw KioskctlCommand.Failure(description: "printer cannot print: \(condition.rawValue)", status: status, answered: true)
        }
    }

    private static func cupsDetails(_ cups: CupsPrinter) {
        guard let queue = try? cups.status() else { return }
        let states = [3: "idle", 4: "processing", 5: "stopped"]
        print("CUPS: printer-state \(states[queue.state] ?? String(queue.state))"
            + ", reasons " + (queue.reasons.isEmpty ? "none" : queue.reasons.joined(separator: ", "))
            + (queue.message.isEmpty ? "" : ", message \"\(queue.message)\"")
            + (queue.acceptingJobs ? "" : ", NOT accepting jobs"))
        print(queue.canReportPaper
            ? "CUPS: this queue (\(queue.deviceURI)) can report paper out"
            : "CUPS: this queue (\(queue.deviceURI)) CANNOT report paper out: its backend never asks an ESC/POS "
                + "printer; use the tcp transport to the printer itself, or a usb:// queue")
    }

    /// The test page (``TestPage``): through kioskd between citizens, else straight to the printer.
    static func testPage(_ config: KioskConfig, json: Bool) throws {
        if let answer = try KioskctlDaemonCommands.askIfRunning(.printerTest, config) {
            return KioskctlCommand.show(answer, json: json) { print("test page: \(answer["testPage"]?.stringValue ?? "sent")") }
        }
        KioskctlCommand.note("kioskd not running: sent to the printer directly")
        let page = TestPage.make(config)
        let transport = PrinterFactory.transport(for: config.printer)
        try transport.send(page.bytes)
        KioskctlCommand.show(ControlAnswer([("testPage", .text("sent to \(transport.name)")), ("bytes", .integer(page.bytes.count))]), json: json) {
            print("test page sent to \(transport.name) (\(page.bytes.count) bytes)")
        }
    }

    /// A new roll: through kioskd (its printer thread keeps the counter), else the counter file itself.
    static func resetPaper(_ config: KioskConfig, json: Bool) throws {
        var answer = try KioskctlDaemonCommands.askIfRunning(.paperReset, config)
        if answer == nil {
            KioskctlCommand.note("kioskd not running: reset the counter file")
            try Files.makeDirectories(config.stateDirectory)
            try paperCounter(config).reset()
            answer = ControlAnswer([("rollMillimetres", .integer(paperCounter(config).rollMillimetres))])
        }
        KioskctlCommand.show(answer!, json: json) { print("paper counter reset: a full \(config.printer.rollLengthMeters) m roll") }
    }

    static func paperCounter(_ config: KioskConfig) -> PaperCounter {
        PaperCounter(
            path: config.stateDirectory + "/paper-used-mm", rollMillimetres: config.printer.rollLengthMeters * 1000)
    }
}
