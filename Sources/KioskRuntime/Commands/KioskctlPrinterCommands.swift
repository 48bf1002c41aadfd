import KioskCore
import KioskDevices

/// `kioskctl printer list|status|test|reset-paper`: the technician's printer tools. They talk to
/// the printer directly, with or without a running kioskd.
enum KioskctlPrinterCommands {
    static let usage = """
          printer list         printer profiles, the configured printer, CUPS queues and USB printers seen
          printer status       the configured printer's condition, why, and the paper left on the roll
                               (exit 0: it can print; 2: it reports a fault to fix; 3: unreachable or silent)
          printer test         print a test page: profile, code-page sample, both QR paths, cut
          printer reset-paper  a new roll is in: start the paper counter again
        """

    /// Runs `printer SUBCOMMAND`.
    static func run(_ arguments: [String], configPath: String) throws {
        let config = try ConfigFiles.load(configPath).config
        switch arguments.first {
        case "list": list(config)
        case "status": try status(config)
        case "test": try testPage(config)
        case "reset-paper":
            try Files.makeDirectories(config.stateDirectory)
            try paperCounter(config).reset()
            print("paper counter reset: a full \(config.printer.rollLengthMeters) m roll")
        default:
            throw KioskctlCommand.Failure(description: "printer takes list, status, test or reset-paper", status: 64)
        }
    }

    static func list(_ config: KioskConfig) {
        print("profiles (devices/printers/profiles.json):")
        for profile in PrinterProfile.all {
            let usb = profile.usbVendorID.map { USBPrinter.hex($0) + ":" + USBPrinter.hex(profile.usbProductID ?? 0) }
            print("  \(profile.id)\(profile.id == config.printer.profile.id ? " *" : "")  \(profile.name); "
                + "\(profile.paper.rawValue), \(profile.dots) dots, \(profile.columns) columns, \(profile.codePage), "
                + "QR \(profile.nativeQR ? "native" : "raster"), cutter \(profile.cutter.rawValue)"
                + (usb.map { ", usb \($0)" } ?? ""))
        }
        print("configured: \(PrinterFactory.transport(for: config.printer).name), profile \(config.printer.profile.id)")
        do {
            let queues = try CupsPrinter.queues()
            print("CUPS queues: " + (queues.isEmpty ? "none" : queues.joined(separator: ", ")))
        } catch {
            print("CUPS queues: unavailable (\((error as? PrinterError)?.reason ?? "\(error)"))")
        }
        do {
            let printers = try USBPrinter.connectedPrinters()
            print("USB printers (class 7): " + (printers.isEmpty ? "none" : printers.joined(separator: ", ")))
        } catch {
            print("USB printers: unavailable (\(error))")
        }
    }

    /// The condition, its reason, what a CUPS queue says and whether it can report paper, and the
    /// paper left in centimetres. Throws a failure with exit status 2 (a fault a person must fix)
    /// or 3 (unreachable or not answering) when the printer cannot print.
    static func status(_ config: KioskConfig) throws {
        let transport = PrinterFactory.transport(for: config.printer)
        let counter = paperCounter(config)
        let condition = transport.condition()
        print("printer \(transport.name): \(condition.rawValue)")
        print("reason: " + PrinterStatusWords.reason(condition))
        if let cups = transport as? CupsPrinter { cupsDetails(cups) }
        print("paper left: about \(counter.remainingMillimetres() / 10) cm of \(config.printer.rollLengthMeters * 100) cm"
            + " (\(counter.usedMillimetres() / 10) cm used since the last roll change, unconfirmed tickets included)"
            + (counter.isNearEnd ? " - CHANGE THE ROLL SOON" : ""))
        if let status = PrinterStatusWords.exitStatus(condition) {
            throw KioskctlCommand.Failure(description: "printer cannot print: \(condition.rawValue)", status: status)
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

    /// Sends the test page (``TestPage``) straight to the printer.
    static func testPage(_ config: KioskConfig) throws {
        let page = TestPage.make(config)
        let transport = PrinterFactory.transport(for: config.printer)
        try transport.send(page.bytes)
        print("test page sent to \(transport.name) (\(page.bytes.count) bytes)")
    }

    static func paperCounter(_ config: KioskConfig) -> PaperCounter {
        PaperCounter(
            path: config.stateDirectory + "/paper-used-mm", rollMillimetres: config.printer.rollLengthMeters * 1000)
    }
}
