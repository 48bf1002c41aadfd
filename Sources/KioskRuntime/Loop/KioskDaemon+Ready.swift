import KioskCore
import KioskDevices

extension KioskDaemon {
    /// The line kioskd logs when it serves: what it runs on.
    func readyMessage() -> String {
        let printer: String
        switch config.printer.transport {
        case .tcp(let host, let port): printer = "tcp \(host):\(port)"
        case .file(let path): printer = "file \(path)"
        case .cups(let queue): printer = "cups \(queue)"
        case .usb(let vendor, let product): printer = "usb " + USBPrinter.hex(vendor) + ":" + USBPrinter.hex(product)
        }
        let services = catalogue.allServices.count
        return "ready: kiosk \(config.kioskID), \(catalogue.agencies.count) agencies, \(services) services"
            + (catalogue.isSample ? " (SAMPLE catalogue)" : "")
            + "; screen \(config.display.size.width)x\(config.display.size.height) -> \(display.health)"
            + "; touch \(touch.summary); scanner \(scanDesk.summary); printer \(printer) \(config.printer.paper.rawValue)"
            + "; state \(config.stateDirectory)"
            + (server.map { "; queue server \($0.url) (catalogue: \($0.catalogueSource))" } ?? "; standalone numbering")
    }

    /// A fresh random ticket id (16 bytes from the system's generator).
    static func randomTicketID() -> TicketID {
        var generator = SystemRandomNumberGenerator()
        return TicketID(randomBytes: (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}
