import CLinux
import KioskCore
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Watches a USB printer between jobs, so a paper end or an open cover while nobody prints is
/// noticed within a second, not at the next 15 s poll or the next citizen's touch.
///
/// It reads the printer class `GET_PORT_STATUS` (paper empty, selected, not error; USB Printer
/// Class 1.1 §4.2.2) every `every` seconds. That control request is answered by the printer's USB
/// side without touching its data stream: nothing reaches the print engine, nothing is printed or
/// buffered, and bulk IN stays free. A periodic `DLE EOT` would go through the data stream (and a
/// USB printer has no Automatic Status Back channel kioskd could listen on without holding bulk IN).
/// Where the kernel's usblp driver holds the printer (the usual case: kioskd takes the interface
/// from it only for a job), the request goes through the driver's `/dev/usb/lpN` (`LPGETSTATUS`),
/// so usblp is never detached and bound again between jobs; where no kernel driver holds it,
/// through libusb. Only a change of the byte is acted on: paper empty reports paper-out, "not
/// selected" or "error" asks `DLE EOT` once (``USBPrinter/condition()``) which of cover, cutter or
/// other it is, and the byte back to ready reports ready. The first byte after each start or
/// resume is only remembered: the job or poll before it reported the printer's condition.
/// A printer that hangs with its port status saying ready is not seen here (the polls say not
/// answering). The print worker ``pause()``s the watch (the node closed) before each job or poll.
public final class USBStatusWatch: IdleStatusWatch {
    /// The period of the port status read.
    public static let defaultEvery = 0.5

    private let printer: USBPrinter
    private let every: Double
    private let report: @Sendable (PrinterCondition) -> Void
    private let gate: IdleWatchGate

    /// Will watch `printer` once started, reading its port status every `every` seconds, and hand
    /// the changes to `report`, from the watch's thread.
    public init(printer: USBPrinter, every: Double = defaultEvery, report: @escaping @Sendable (PrinterCondition) -> Void) throws {
        self.printer = printer
        self.every = max(0.05, every)
        self.report = report
        gate = try IdleWatchGate()
    }

    public func start() { gate.start(label: "kioskd.printer-port-status") { [self] in run() } }
    public func pause() { gate.pause() }
    public func resume() { gate.resume() }
    public func stop() { gate.stop() }

    private func run() {
        var node: Int32?
        var last: UInt8?
        func release() {
            if let fd = node { POSIXCall.closeIgnoringErrors(fd) }
            node = nil
            last = nil
        }
        while gate.proceed(release: release) {
            if let byte = portStatus(&node) {
                if let last, last != byte { reportChange(to: byte, &node) }
                last = byte
            }
            gate.waitForWake(nil, seconds: every)
        }
    }

    /// The port status byte through usblp's node (opened once, kept until a pause), else through
    /// libusb where no kernel driver holds the interface; nil when neither can ask.
    private func portStatus(_ node: inout Int32?) -> UInt8? {
        if node == nil { node = USBLineNode.find(vendorID: printer.vendorID, productID: printer.productID) }
        if let fd = node {
            let status = clinux_lp_get_status(fd)
            if status >= 0 { return UInt8(truncatingIfNeeded: status) }
            POSIXCall.closeIgnoringErrors(fd)  // unplugged, or usblp let it go: find it again
            node = nil
        }
        return printer.portStatusByte(detachingDriver: false)
    }

    private func reportChange(to byte: UInt8, _ node: inout Int32?) {
        let condition = USBPrinterChecks.condition(portStatus: byte)
        guard condition == .offline else { return report(condition) }
        // One error line for cover, cutter and more: DLE EOT says which (libusb takes the interface from usblp for it).
        if let fd = node { POSIXCall.closeIgnoringErrors(fd) }
        node = nil
        let cause = printer.condition()
        report(cause.canPrint || cause == .notAnswering ? condition : cause)
    }
}

/// usblp's character device for a USB printer: `/dev/usb/lpN`, found through sysfs.
enum USBLineNode {
    /// usblp's minors (`USBLP_MINORS`).
    static let count = 16

    /// The node of the printer `vendorID:productID`, else of the first printer usblp holds (as
    /// ``USBPrinter`` falls back to the first of class 7), opened for `LPGETSTATUS`; nil when there is none.
    static func find(vendorID: UInt16, productID: UInt16) -> Int32? {
        var fallback: Int?
        for minor in 0..<count {
            let device = "/sys/class/usbmisc/lp\(minor)/device/../"
            guard let vendor = hex(device + "idVendor") else { continue }
            if vendor == vendorID, hex(device + "idProduct") == productID { return openNode(minor) }
            fallback = fallback ?? minor
        }
        return fallback.flatMap(openNode)
    }

    private static func openNode(_ minor: Int) -> Int32? {
        let fd = open("/dev/usb/lp\(minor)", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// A sysfs file holding four hex digits, e.g. `04b8`.
    private static func hex(_ path: String) -> UInt16? {
        guard let bytes = try? InputSyscall.readWholeFile(path) else { return nil }
        return UInt16(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }, radix: 16)
    }
}
