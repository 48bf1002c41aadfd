import KioskCore
import KioskDevices
import KioskSystem

/// `kioskctl printer list`: what printers this machine offers, with or without a configuration file.
enum KioskctlPrinterList {
    static func list(configPath: String, json: Bool) {
        let configured: String
        var profileID: String?
        do {
            let config = try ConfigFiles.load(configPath).config
            profileID = config.printer.profile.id
            configured = "\(PrinterFactory.transport(for: config.printer).name), profile \(config.printer.profile.id)"
        } catch let error as SystemCallError where error.errno == ENOENT {
            configured = "none (no configuration at \(configPath))"
        } catch {
            configured = "none (\(configPath) does not load: \(error))"
        }
        var queues: [String] = []
        var queuesNote: String?
        do { queues = try CupsPrinter.queues() } catch { queuesNote = (error as? PrinterError)?.reason ?? "\(error)" }
        var usb: [String] = []
        var usbNote: String?
        do { usb = try USBPrinter.connectedPrinters() } catch { usbNote = "\(error)" }
        let profiles = PrinterProfile.all.map { profile in
            JSONValue.fields([
                ("id", .text(profile.id)), ("name", .text(profile.name)), ("configured", .flag(profile.id == profileID)),
                ("paper", .text(profile.paper.rawValue)), ("dots", .integer(profile.dots)), ("columns", .integer(profile.columns)),
                ("codePage", .text("\(profile.codePage)")), ("nativeQR", .flag(profile.nativeQR)),
                ("cutter", .text(profile.cutter.rawValue)),
                ("usb", .text(profile.usbVendorID.map { USBPrinter.hex($0) + ":" + USBPrinter.hex(profile.usbProductID ?? 0) } ?? "")),
            ])
        }
        let answer = ControlAnswer([
            ("profiles", .list(profiles)), ("configured", .text(configured)),
            ("cupsQueues", .list(queues.map(JSONValue.text))), ("cupsUnavailable", .text(queuesNote ?? "")),
            ("usbPrinters", .list(usb.map(JSONValue.text))), ("usbUnavailable", .text(usbNote ?? "")),
        ])
        KioskctlCommand.show(answer, json: json) {
            print("profiles (devices/printers/profiles.json):")
            for profile in PrinterProfile.all {
                let usb = profile.usbVendorID.map { USBPrinter.hex($0) + ":" + USBPrinter.hex(profile.usbProductID ?? 0) }
                print("  \(profile.id)\(profile.id == profileID ? " *" : "")  \(profile.name); "
                    + "\(profile.paper.rawValue), \(profile.dots) dots, \(profile.columns) columns, \(profile.codePage), "
                    + "QR \(profile.nativeQR ? "native" : "raster"), cutter \(profile.cutter.rawValue)"
                    + (usb.map { ", usb \($0)" } ?? ""))
            }
            print("configured: \(configured)")
            print("CUPS queues: " + (queuesNote.map { "unavailable (\($0))" } ?? (queues.isEmpty ? "none" : queues.joined(separator: ", "))))
            print((usbNote == nil ? "USB printers (class 7): " : "USB printers: ")
                + (usbNote.map { "unavailable (\($0))" } ?? (usb.isEmpty ? "none" : usb.joined(separator: ", "))))
        }
    }
}
