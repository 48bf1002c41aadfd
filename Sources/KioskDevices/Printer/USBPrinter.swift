import CUSB
import KioskCore

/// Prints straight to a USB printer with libusb: found by vendor:product, else by the first
/// interface of USB class 7 (printer); the kernel's usblp driver is detached while the kiosk holds
/// the interface and given back on release (`libusb_set_auto_detach_kernel_driver`).
///
/// Every job and status check opens the device afresh, so a printer unplugged and plugged back in
/// (or swapped) is found again on the next ticket. With no such printer connected the transport
/// says so (`offline`, and jobs fail with "no USB printer"): the kiosk runs on.
public struct USBPrinter: PrinterTransport {
    public let vendorID: UInt16
    public let productID: UInt16
    /// The longest wait for each bulk transfer.
    public let timeoutMilliseconds: UInt32
    /// Told why, each time ``condition()`` cannot reach the printer (the condition alone says only
    /// `offline`): "open: access denied (insufficient permissions)" is not "no USB printer is connected".
    public let unreachable: (@Sendable (String) -> Void)?

    public init(
        vendorID: UInt16, productID: UInt16, timeoutMilliseconds: UInt32 = 5000,
        unreachable: (@Sendable (String) -> Void)? = nil
    ) {
        self.vendorID = vendorID
        self.productID = productID
        self.timeoutMilliseconds = timeoutMilliseconds
        self.unreachable = unreachable
    }

    public var name: String { "usb:" + Self.hex(vendorID) + ":" + Self.hex(productID) }

    /// Checks the interface (``USBPrinterChecks/problem(interfaceClass:subclass:protocol:alternate:hasBulkIn:)``)
    /// and the port status, reads bulk IN up to the answer of a `DLE EOT 1` (what came before it is
    /// stale), sends the job and `GS r 1` by bulk OUT in 4 KiB pieces, reads the confirmation on
    /// bulk IN until the deadline, then reads `GET_PORT_STATUS` again.
    public func print(_ bytes: [UInt8], within seconds: Double) -> PrintAttempt {
        let deadline = PrintDeadline(seconds: seconds)
        do {
            return try withInterface { (printer: Claimed) throws(PrinterError) -> PrintAttempt in
                if let problem = printer.interface.problem {
                    return PrintAttempt(.failed(reason: problem + "; the ticket was not sent"), .unknown)
                }
                let before = try printer.portStatus()
                guard before.canPrint else {
                    return PrintAttempt(.failed(reason: "the port status reports \(before.rawValue); the ticket was not sent"), before)
                }
                // A late answer of an earlier job left in the IN endpoint must not confirm this one. Reading
                // for a millisecond (session 27) left it there whenever the bus took longer to move it
                // (`printer-usb.stray-answer`); the answer to a real-time request marks where the stale bytes end.
                guard try printer.readPastStaleAnswers(timeout: min(500, milliseconds(deadline))) else {
                    return PrintAttempt(
                        .failed(reason: "the printer did not answer the status check (DLE EOT); the ticket was not sent"), .notAnswering)
                }
                let job = bytes + PrinterConfirmation.request
                var sent = 0
                var stopped: String?
                while sent < job.count, stopped == nil {
                    guard deadline.remaining > 0 else {
                        stopped = "the \(PrintDeadline.text(seconds)) deadline ran out"
                            + (sent == 0 ? " before the first byte: opening the printer and reading its status took it" : "")
                        break
                    }
                    let piece = Array(job[sent..<min(sent + 4096, job.count)])
                    do throws(PrinterError) {
                        let count = try printer.write(piece, timeout: milliseconds(deadline))
                        if count > 0 { sent += count } else { stopped = "the printer took no byte" }
                    } catch {
                        stopped = error.reason + " after " + PrintDeadline.text(seconds - deadline.remaining)
                    }
                }
                var confirmation = PrinterConfirmation()
                confirmation.jobWritten()  // only read after the job and its GS r 1 were written
                // Read in quarter seconds, asking the port status between reads: a printer that
                // stopped (paper end) never sends the in-order answer, so the wait ends at once.
                while sent == job.count, !confirmation.isConfirmed, deadline.remaining > 0 {
                    confirmation.consume(printer.read(timeout: min(250, milliseconds(deadline))))
                    if !confirmation.isConfirmed, printer.portStatusByte().map(USBPrinterChecks.condition)?.canPrint == false {
                        break
                    }
                }
                var attempt = USBPrinterChecks.outcome(
                    confirmation: confirmation, portStatusAfter: printer.portStatusByte(), sent: min(sent, bytes.count),
                    total: sent == job.count ? bytes.count : bytes.count + 1, deadline: PrintDeadline.text(seconds), stopped: stopped)
                // The port status has one error line for an open cover, a failed cutter and more: ask DLE EOT why,
                // so the technician hears the cause and a stopped ticket's rest is cleared.
                if case .uncertain(let reason) = attempt.outcome, attempt.condition == .offline, deadline.remaining >= 0.5,
                    let cause = try? printer.dleEotStatus()?.condition, PrinterBufferClear.isWanted(after: cause)
                {
                    attempt = PrintAttempt(.uncertain(reason: reason + " (DLE EOT: \(cause.rawValue))"), cause)
                }
                return clearRest(after: attempt, on: printer)
            }
        } catch {
            return PrintAttempt(.failed(reason: error.reason), .offline)
        }
    }

    /// After a ticket the printer stopped in the middle of (paper end, cover open, cutter), sends
    /// `DLE DC4 8` on bulk OUT and waits a few tenths of a second for its answer on bulk IN, so the
    /// rest of the ticket does not come out when the roll is changed (see ``PrinterBufferClear``).
    private func clearRest(after attempt: PrintAttempt, on printer: Claimed) -> PrintAttempt {
        guard case .uncertain(let reason) = attempt.outcome, let condition = attempt.condition,
            PrinterBufferClear.isWanted(after: condition)
        else { return attempt }
        let deadline = PrintDeadline(seconds: 0.3)
        var heard: [UInt8] = []
        if (try? printer.write(PrinterBufferClear.request, timeout: 300)) == PrinterBufferClear.request.count {
            while !PrinterBufferClear.isAnswered(by: heard), deadline.remaining > 0 {
                heard += printer.read(timeout: milliseconds(deadline))
            }
        }
        let answered = PrinterBufferClear.isAnswered(by: heard)
        return PrintAttempt(.uncertain(reason: reason + PrinterBufferClear.note(answered: answered)), condition)
    }

    private func milliseconds(_ deadline: PrintDeadline) -> UInt32 {
        UInt32(max(1, min(Double(timeoutMilliseconds), deadline.remaining * 1000)))
    }

    /// DLE EOT over bulk IN when the printer has an IN endpoint (`.notAnswering` when it stays
    /// silent: a hung printer's USB port status still says ready); without one, the printer class
    /// GET_PORT_STATUS request (paper empty, selected, no error).
    public func condition() -> PrinterCondition {
        do {
            return try withInterface { (printer: Claimed) throws(PrinterError) in
                guard printer.interface.inEndpoint != nil else { return try printer.portStatus() }
                return try printer.dleEotStatus()?.condition ?? .notAnswering
            }
        } catch {
            unreachable?(error.reason)
            return .offline
        }
    }

    /// The GET_PORT_STATUS byte through libusb; with `detachingDriver` false, nil where a kernel
    /// driver (usblp) holds the interface, which is then left alone (``USBStatusWatch`` asks through it).
    public func portStatusByte(detachingDriver: Bool) -> UInt8? {
        try? withInterface(detachingDriver: detachingDriver) { (printer: Claimed) throws(PrinterError) in
            guard let byte = printer.portStatusByte() else { throw PrinterError(printer: name, reason: "GET_PORT_STATUS failed") }
            return byte
        }
    }

    /// The printers libusb sees right now: "vvvv:pppp" and whether each is of class 7, for `kioskctl printer list`.
    /// Throws when libusb cannot start at all.
    public static func connectedPrinters() throws -> [String] {
        try withDeviceList { devices in
            devices.compactMap { device -> String? in
                var descriptor = libusb_device_descriptor()
                guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
                guard printerInterface(device) != nil else { return nil }
                return hex(descriptor.idVendor) + ":" + hex(descriptor.idProduct)
            }
        }
    }

    // MARK: - libusb

    /// A claimed printer interface and its endpoints.
    struct Claimed {
        let handle: OpaquePointer
        let interface: PrinterInterface
        let name: String

        func write(_ bytes: [UInt8], timeout: UInt32) throws(PrinterError) -> Int {
            var transferred: Int32 = 0
            var data = bytes
            let result = libusb_bulk_transfer(
                handle, interface.outEndpoint, &data, Int32(data.count), &transferred, timeout)
            guard result == 0 || (result == LIBUSB_ERROR_TIMEOUT.rawValue && transferred > 0) else {
                throw PrinterError(printer: name, reason: "bulk OUT: " + USBPrinter.text(result))
            }
            return Int(transferred)
        }

        /// What bulk IN brings within `timeout` (nothing without an IN endpoint).
        func read(timeout: UInt32) -> [UInt8] {
            guard let inEndpoint = interface.inEndpoint else { return [] }
            var answer = [UInt8](repeating: 0, count: 64)
            var transferred: Int32 = 0
            let result = libusb_bulk_transfer(handle, inEndpoint, &answer, Int32(answer.count), &transferred, timeout)
            guard result == 0 || result == LIBUSB_ERROR_TIMEOUT.rawValue else { return [] }
            return Array(answer.prefix(Int(max(0, transferred))))
        }

        /// Asks `DLE EOT 1` and reads bulk IN up to its answer, within `timeout` ms. Bulk IN is in
        /// order and a printer answers a real-time request at once, so whatever came before the answer
        /// is stale (a late answer of an earlier job) and is dropped. False when no answer came.
        func readPastStaleAnswers(timeout: UInt32) throws(PrinterError) -> Bool {
            let deadline = PrintDeadline(seconds: Double(timeout) / 1000)
            _ = try write(PrinterStatusQuery.bytes(for: .printer), timeout: timeout)
            var parser = PrinterReplyParser()
            var empty = 0  // reads that brought nothing: a timeout, or an error that would repeat at once
            while deadline.remaining > 0, empty < 3 {
                let bytes = read(timeout: UInt32(max(1, deadline.remaining * 1000)))
                empty = bytes.isEmpty ? empty + 1 : 0
                if parser.consume(bytes).contains(where: { if case .realTimeStatus = $0 { true } else { false } }) { return true }
            }
            return false
        }

        /// nil when there is no IN endpoint or the printer stays silent.
        func dleEotStatus() throws(PrinterError) -> PrinterStatus? {
            guard let inEndpoint = interface.inEndpoint else { return nil }
            var status = PrinterStatus()
            for request in PrinterStatusQuery.fullCheck {
                _ = try write(PrinterStatusQuery.bytes(for: request), timeout: 1000)
                var answer = [UInt8](repeating: 0, count: 64)
                var transferred: Int32 = 0
                let result = libusb_bulk_transfer(handle, inEndpoint, &answer, Int32(answer.count), &transferred, 500)
                guard result == 0, transferred > 0 else { return nil }
                PrinterStatusQuery.apply(answer[Int(transferred) - 1], to: request, &status)
            }
            return status
        }

        /// USB printer class GET_PORT_STATUS (bmRequestType 0xA1, bRequest 1): bit 5 paper empty,
        /// bit 4 selected, bit 3 not error (USB Printer Class 1.1, §4.2.2).
        func portStatus() throws(PrinterError) -> PrinterCondition {
            guard let byte = portStatusByte() else { throw PrinterError(printer: name, reason: "GET_PORT_STATUS failed") }
            return USBPrinterChecks.condition(portStatus: byte)
        }

        /// The raw GET_PORT_STATUS byte (wIndex: interface number in the high byte, alternate
        /// setting in the low byte); nil when the request fails.
        func portStatusByte() -> UInt8? {
            var byte: UInt8 = 0
            let index = UInt16(interface.number) << 8 | UInt16(interface.alternate)
            return libusb_control_transfer(handle, 0xA1, 1, 0, index, &byte, 1, 1000) == 1 ? byte : nil
        }
    }

    /// The interface to claim and its bulk endpoints.
    struct PrinterInterface {
        var number: UInt8
        var alternate: UInt8
        var outEndpoint: UInt8
        var inEndpoint: UInt8?
        /// Why tickets on it cannot be confirmed (see ``USBPrinterChecks``), or nil.
        var problem: String?
    }

    private func withInterface<T>(
        detachingDriver: Bool = true, _ body: (Claimed) throws(PrinterError) -> T
    ) throws(PrinterError) -> T {
        let result: Result<T, PrinterError>
        do {
            result = try Self.withDeviceList { devices -> Result<T, PrinterError> in
                guard let (device, interface) = choose(devices) else {
                    return .failure(PrinterError(
                        printer: name, reason: "unavailable: no USB printer \(name.dropFirst(4)) or of class 7 is connected"))
                }
                var handle: OpaquePointer?
                let opened = libusb_open(device, &handle)
                guard opened == 0, let handle else {
                    return .failure(PrinterError(printer: name, reason: "open: " + Self.text(opened)))
                }
                defer { libusb_close(handle) }
                if !detachingDriver, libusb_kernel_driver_active(handle, Int32(interface.number)) == 1 {
                    return .failure(PrinterError(printer: name, reason: "a kernel driver holds the interface"))
                }
                _ = libusb_set_auto_detach_kernel_driver(handle, 1)
                let claimed = libusb_claim_interface(handle, Int32(interface.number))
                guard claimed == 0 else {
                    return .failure(PrinterError(printer: name, reason: "claim interface: " + Self.text(claimed)))
                }
                defer { _ = libusb_release_interface(handle, Int32(interface.number)) }
                if interface.alternate != 0 {
                    let chosen = libusb_set_interface_alt_setting(handle, Int32(interface.number), Int32(interface.alternate))
                    guard chosen == 0 else {
                        return .failure(PrinterError(printer: name, reason: "alternate setting: " + Self.text(chosen)))
                    }
                }
                do {
                    return .success(try body(Claimed(handle: handle, interface: interface, name: name)))
                } catch let error as PrinterError {
                    return .failure(error)
                } catch {
                    return .failure(PrinterError(printer: name, reason: "\(error)"))
                }
            }
        } catch {
            throw PrinterError(printer: name, reason: "unavailable: libusb: \(error)")
        }
        return try result.get()
    }

    /// The device with the configured ids, else the first with a printer-class interface.
    private func choose(_ devices: [OpaquePointer]) -> (OpaquePointer, PrinterInterface)? {
        var byClass: (OpaquePointer, PrinterInterface)?
        for device in devices {
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0,
                let interface = Self.printerInterface(device, anyBulk: descriptor.idVendor == vendorID)
            else { continue }
            if descriptor.idVendor == vendorID && descriptor.idProduct == productID { return (device, interface.value) }
            if byClass == nil, interface.isPrinterClass { byClass = (device, interface.value) }
        }
        return byClass
    }

    /// The first interface of class 7 (or, with `anyBulk`, any interface) that has a bulk OUT endpoint.
    private static func printerInterface(_ device: OpaquePointer, anyBulk: Bool = false)
        -> (value: PrinterInterface, isPrinterClass: Bool)?
    {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        guard libusb_get_active_config_descriptor(device, &config) == 0, let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        var fallback: (value: PrinterInterface, isPrinterClass: Bool)?
        for i in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[i]
            for a in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[a]
                let isPrinter = setting.bInterfaceClass == UInt8(LIBUSB_CLASS_PRINTER.rawValue)
                guard isPrinter || anyBulk else { continue }
                var out: UInt8?, input: UInt8?
                for e in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[e]
                    guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                    if endpoint.bEndpointAddress & 0x80 != 0 { input = input ?? endpoint.bEndpointAddress }
                    else { out = out ?? endpoint.bEndpointAddress }
                }
                if let out {
                    let problem = USBPrinterChecks.problem(
                        interfaceClass: setting.bInterfaceClass, subclass: setting.bInterfaceSubClass,
                        protocol: setting.bInterfaceProtocol, alternate: setting.bAlternateSetting, hasBulkIn: input != nil)
                    let found = (PrinterInterface(number: setting.bInterfaceNumber, alternate: setting.bAlternateSetting,
                                                  outEndpoint: out, inEndpoint: input, problem: problem), isPrinter)
                    // Prefer an alternate setting that can confirm tickets (bidirectional, bulk IN).
                    if problem == nil { return found }
                    fallback = fallback ?? found
                }
            }
        }
        return fallback
    }

    private static func printerInterface(_ device: OpaquePointer) -> PrinterInterface? {
        printerInterface(device, anyBulk: false)?.value
    }

    /// Runs `body` with the devices of a fresh libusb context.
    private static func withDeviceList<T>(_ body: ([OpaquePointer]) -> T) throws -> T {
        var context: OpaquePointer?
        let started = libusb_init(&context)
        guard started == 0 else { throw USBUnavailable(reason: "libusb_init: " + text(Int32(started))) }
        defer { libusb_exit(context) }
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { throw USBUnavailable(reason: "device list: " + text(Int32(count))) }
        defer { libusb_free_device_list(list, 1) }
        return body((0..<count).compactMap { list[$0] })
    }

    private struct USBUnavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    static func text(_ code: Int32) -> String { String(cString: libusb_strerror(code)).lowercased() }

    /// Four lower-case hex digits, as lsusb writes USB ids.
    public static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
