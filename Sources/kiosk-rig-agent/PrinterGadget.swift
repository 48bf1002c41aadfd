import CLinux
import Foundation
import Synchronization

/// A USB printer made with configfs on the dummy host controller (Documentation/usb/gadget_printer.rst,
/// gadget-testing.rst): the guest's own usbcore enumerates it as 04b8:0202, usblp binds it, and what
/// the host sends arrives at the gadget end `/dev/g_printer0`, which also sets the port status the
/// host reads with `GET_PORT_STATUS`.
final class PrinterGadget: Sendable {
    static let root = "/sys/kernel/config/usb_gadget/kiosk-printer"
    /// What the reader thread and the scenario share, under one lock.
    private let state = Mutex(GadgetState())

    /// Makes the gadget, binds it to `dummy_udc.0` and opens its end, reporting ready (selected, no error).
    init() throws {
        let text = ConfigfsGadget.text
        try ConfigfsGadget.make(
            root: Self.root, function: "printer.usb0",
            attributes: [
                ("idVendor", text("0x04b8")), ("idProduct", text("0x0202")), ("strings/0x409/manufacturer", text("EPSON")),
                ("strings/0x409/product", text("TM-T20 (VM rig)")), ("strings/0x409/serialnumber", text("RIG0001")),
                ("functions/printer.usb0/pnp_string", text("MFG:EPSON;CMD:ESC/POS;MDL:TM-T20;CLS:PRINTER;")),
            ])
        try Self.bind(true)
        let fd = try Self.openEnd(seconds: 15)
        state.withLock { $0.fd = fd }
        try setStatus(paperEmpty: false)
        Thread.detachNewThread { [self] in collect() }
    }

    /// Whether the host's usblp has bound the printer (`/dev/usb/lp0`), waiting up to `seconds`.
    func waitForUsblp(seconds: Double) throws {
        _ = try waitUntil("usblp binds /dev/usb/lp0", seconds: seconds) {
            FileManager.default.fileExists(atPath: "/dev/usb/lp0") ? true : nil
        }
    }

    /// `GADGET_SET_PRINTER_STATUS`: selected and no error, with or without paper.
    func setStatus(paperEmpty: Bool) throws {
        var status = clinux_printer_selected() | clinux_printer_not_error()
        if paperEmpty { status |= clinux_printer_paper_empty() }
        guard state.withLock({ $0.paperEmpty = paperEmpty; return clinux_gadget_set_printer_status($0.fd, status) }) >= 0 else {
            throw AgentError("GADGET_SET_PRINTER_STATUS: errno \(errno)")
        }
    }

    /// The end opens (no `ENODEV`) once the host has enumerated and configured the printer.
    private static func openEnd(seconds: Double) throws -> Int32 {
        try waitUntil("/dev/g_printer0 opens", seconds: seconds) { () -> Int32? in
            let fd = open("/dev/g_printer0", O_RDWR | O_CLOEXEC)
            return fd >= 0 ? fd : nil
        }
    }

    /// Binds the gadget to `dummy_udc.0` (plugged in) or unbinds it (unplugged).
    static func bind(_ bound: Bool) throws {
        try ConfigfsGadget.bind(root, bound)
    }

    /// Unbinds the gadget as soon as the host's next job begins (its first bytes on bulk OUT), before
    /// the gadget answers anything. The ticket itself cannot be cut: one short packet, taken whole by the
    /// gadget's receive request.
    func unbindAtNextJob() {
        state.withLock { $0.unbindOnJob = true }
    }

    /// What can go wrong as a job arrives.
    enum Fault: String {
        /// The port status says paper empty; `DLE EOT` reports paper end.
        case paperEnd = "paper-out"
        /// The port status says error; `DLE EOT 2` reports the cover open.
        case coverOpen = "cover-open"
        /// The port status says error; `DLE EOT 3` reports an auto-cutter error.
        case cutterError = "cutter-error"
        /// The gadget end is no longer read (a hung printer): nothing is answered.
        case stopsReading = "stops-reading"
        /// `GS r` goes unanswered, the port status and `DLE EOT` still say ready: a printer that took
        /// the job and never says it printed.
        case ignoresInOrder = "ignores-gs-r"
    }

    /// Makes `fault` strike as the host's next job begins (bytes other than `DLE EOT` on bulk OUT):
    /// from then on `GS r` is not answered, as a printer stopped by an error does not execute it
    /// (Epson ESC/POS reference, "GS r"), while `DLE EOT` still is (real time), except once reading stopped.
    func faultAtNextJob(_ fault: Fault) {
        state.withLock { $0.faultOnJob = fault }
    }

    /// Makes `fault` strike now, between jobs (a cover opened while the kiosk stands idle).
    func strikeNow(_ fault: Fault) throws {
        guard state.withLock({ state -> Bool in
            guard state.fd >= 0 else { return false }
            state.strike(fault, on: state.fd)
            return true
        }) else { throw AgentError("the gadget end is not open") }
    }

    /// The technician's fix: paper in, cover closed, cutter freed, the hung printer restarted (what
    /// piled up while it read nothing is lost with its buffer); the port status says ready again.
    func clearFaults() throws {
        state.withLock {
            $0.coverOpen = false
            $0.cutterError = false
            $0.readingStopped = false
            $0.inOrderIgnored = false
            $0.faultOnJob = nil
        }
        try setStatus(paperEmpty: false)
    }

    /// Writes `bytes` on bulk IN now, unasked (a late answer of an earlier job): they wait in the IN
    /// endpoint until the host next reads it.
    func sendUnasked(_ bytes: [UInt8]) throws {
        let written = state.withLock { state -> Int in
            guard state.fd >= 0 else { return -1 }
            return bytes.withUnsafeBytes { Glibc.write(state.fd, $0.baseAddress, $0.count) }
        }
        guard written == bytes.count else { throw AgentError("write to /dev/g_printer0: \(written) of \(bytes.count) bytes, errno \(errno)") }
    }

    /// Takes the printer's interface from usblp (which reads bulk IN whenever `/dev/usb/lp0` is
    /// open, as kioskd's idle watch keeps it); returns the interface's name, for ``bindUsblp(_:)``.
    static func unbindUsblp() throws -> String {
        let driver = "/sys/bus/usb/drivers/usblp"
        let bound = try FileManager.default.contentsOfDirectory(atPath: driver).filter { $0.contains(":") }
        guard let interface = bound.first, bound.count == 1 else { throw AgentError("usblp binds \(bound), not one interface") }
        try ConfigfsGadget.put(ConfigfsGadget.text(interface), to: driver + "/unbind")
        return interface
    }

    /// Gives `interface` back to usblp.
    static func bindUsblp(_ interface: String) throws {
        try ConfigfsGadget.put(ConfigfsGadget.text(interface), to: "/sys/bus/usb/drivers/usblp/bind")
    }

    /// How many `DLE EOT n` requests the host sent after byte `from`.
    func statusRequests(after from: Int) -> Int {
        let sent = bytes(from: from)
        return sent.indices.dropLast().filter { sent[$0] == 0x10 && sent[$0 + 1] == 0x04 }.count
    }

    /// How many `GS r` the host sent, and how many were answered.
    var inOrderRequests: (seen: Int, answered: Int) { state.withLock { ($0.inOrderSeen, $0.inOrderAnswered) } }

    /// How many `DLE DC4 8` buffer clears the host sent.
    var clearRequests: Int { state.withLock { $0.clears } }

    /// Bytes received so far from index `from` on.
    func bytes(from: Int = 0) -> [UInt8] {
        state.withLock { Array($0.received[min(from, $0.received.count)...]) }
    }

    var count: Int { state.withLock { $0.received.count } }

    private func collect() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let descriptor = state.withLock { $0.fd }
            if descriptor < 0 {
                // Unbound: open again once the gadget is bound and configured.
                guard let reopened = try? Self.openEnd(seconds: 60) else { continue }
                state.withLock { $0.fd = reopened }
                continue
            }
            if state.withLock({ $0.readingStopped }) {
                usleep(20_000)
                continue
            }
            if discardPiledUp(descriptor) { continue }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else {
                usleep(20_000)
                continue
            }
            let bytes = Array(buffer[0..<count])
            state.withLock { state in
                state.received += bytes
                if let fault = state.faultOnJob, !Self.isOnlyStatusRequests(bytes) {
                    state.faultOnJob = nil
                    state.strike(fault, on: descriptor)
                    if fault == .stopsReading { return }
                }
                guard state.unbindOnJob else {
                    state.answer(bytes, on: descriptor)
                    return
                }
                // Unplugged as the job's first bytes arrive, before anything is answered: a status check
                // gets no answer (the ticket is not sent), or the ticket's bytes get no confirmation.
                state.unbindOnJob = false
                // Closed before the unbind: an end held open across unbind and bind makes this
                // kernel's f_printer corrupt its cdev list when it is finally closed (a BUG in
                // cd_forget, seen in the rig).
                close(state.fd)
                state.fd = -1
                try? Self.bind(false)
            }
        }
    }

    /// After a hang: drops what the host sent meanwhile, unanswered (a restarted printer lost its
    /// buffer), so a stale `GS r` answer never reaches the host. True when something was dropped.
    private func discardPiledUp(_ descriptor: Int32) -> Bool {
        guard state.withLock({ $0.discardOnResume }) else { return false }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 50) > 0, entry.revents & Int16(POLLIN) != 0 else {
            state.withLock { $0.discardOnResume = false }
            return false
        }
        var sink = [UInt8](repeating: 0, count: 8192)
        _ = read(descriptor, &sink, sink.count)
        return true
    }

    /// Whether `bytes` are nothing but `DLE EOT n` requests (a status poll, not a job).
    private static func isOnlyStatusRequests(_ bytes: [UInt8]) -> Bool {
        bytes.count % 3 == 0 && stride(from: 0, to: bytes.count, by: 3).allSatisfy { bytes[$0] == 0x10 && bytes[$0 + 1] == 0x04 }
    }

}

/// The gadget's state, under ``PrinterGadget``'s lock: what the host sent, the faults it shows, and its end.
private struct GadgetState {
    var received: [UInt8] = []
    var unbindOnJob = false
    var faultOnJob: PrinterGadget.Fault?
    /// `DLE DC4 8` buffer clears received (and answered).
    var clears = 0
    /// Whether the gadget reports paper end, in its port status and in its ESC/POS answers.
    var paperEmpty = false
    /// Cover open or cutter error: the port status says error, `DLE EOT 2`/`3` name the cause.
    var coverOpen = false
    var cutterError = false
    /// Reading stopped (a hung printer): nothing is read or answered until ``clearFaults()``.
    var readingStopped = false
    /// `GS r` left unanswered (``PrinterGadget/Fault/ignoresInOrder``).
    var inOrderIgnored = false
    /// `GS r` requests received, and answered.
    var inOrderSeen = 0
    var inOrderAnswered = 0
    /// Set by a hang: what piles up meanwhile is dropped once reading starts again.
    var discardOnResume = false
    /// The last bytes of the stream that may begin a command cut by the end of a read.
    var tail: [UInt8] = []
    /// The gadget end: closed before an unbind, opened again once bound.
    var fd: Int32 = -1

    /// Sets the state and the port status `fault` makes.
    mutating func strike(_ fault: PrinterGadget.Fault, on descriptor: Int32) {
        var status = clinux_printer_selected() | clinux_printer_not_error()
        switch fault {
        case .paperEnd:
            paperEmpty = true
            status |= clinux_printer_paper_empty()
        case .coverOpen:
            coverOpen = true
            status = clinux_printer_selected()
        case .cutterError:
            cutterError = true
            status = clinux_printer_selected()
        case .stopsReading:
            readingStopped = true
            discardOnResume = true
        case .ignoresInOrder:
            inOrderIgnored = true
        }
        _ = clinux_gadget_set_printer_status(descriptor, status)
    }

    /// Answers like an Epson printer (ESC/POS reference): `DLE EOT n` with a real-time status byte,
    /// `GS r 1` in order, once everything before it was taken, with the paper sensor status (not at
    /// all once paper ended: the printer stopped), and `DLE DC4 8` with `37 25 00`. The answers go back to the host on the gadget's bulk IN endpoint.
    mutating func answer(_ bytes: [UInt8], on descriptor: Int32) {
        let stream = tail + bytes
        var answers: [UInt8] = []
        var index = 0
        while index + 2 < stream.count {
            switch (stream[index], stream[index + 1]) {
            case (0x10, 0x04):
                // Bits 1 and 4 always set; paper end is offline cause bit 5 and paper sensor bits 5 and 6.
                // Cover open is offline cause bit 2, an auto-cutter error error cause bit 3; any of them is offline (status 1 bit 3).
                let n = stream[index + 2]
                let halted = paperEmpty || coverOpen || cutterError
                answers.append(
                    0x12 | (halted && n == 1 ? 0x08 : 0) | (paperEmpty && n == 2 ? 0x20 : 0) | (coverOpen && n == 2 ? 0x04 : 0)
                        | (cutterError && n == 3 ? 0x08 : 0) | (paperEmpty && n == 4 ? 0x60 : 0))
                index += 3
            case (0x1D, 0x72):
                // Bits 4 and 7 clear; a printer stopped by an error does not execute it.
                inOrderSeen += 1
                if !(paperEmpty || coverOpen || cutterError || inOrderIgnored) {
                    answers.append(0x00)
                    inOrderAnswered += 1
                }
                index += 3
            case (0x10, 0x14) where stream[index + 2] == 0x08:
                clears += 1
                answers += [0x37, 0x25, 0x00]
                index += 3
            default:
                index += 1
            }
        }
        tail = Array(stream[index...].suffix(2))
        guard !answers.isEmpty else { return }
        _ = answers.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }
}

/// What a ticket's ESC/POS bytes say: its QR payload (`GS ( k` function 180, store) and whether a
/// cut (`GS V`) follows it.
struct PrintedTicket {
    var qrPayload: String?
    var cutAfterQR = false

    init(_ bytes: [UInt8]) {
        var index = 0
        var qrEnd: Int?
        while index + 8 <= bytes.count {
            if bytes[index] == 0x1D, bytes[index + 1] == 0x28, bytes[index + 2] == 0x6B, bytes[index + 5] == 0x31,
                bytes[index + 6] == 0x50, bytes[index + 7] == 0x30
            {
                let length = Int(bytes[index + 3]) + Int(bytes[index + 4]) * 256 - 3
                let start = index + 8
                if length >= 0, start + length <= bytes.count {
                    qrPayload = String(decoding: bytes[start..<start + length], as: UTF8.self)
                    qrEnd = start + length
                }
            }
            index += 1
        }
        if let qrEnd {
            cutAfterQR = bytes[qrEnd...].firstRange(of: [0x1D, 0x56]) != nil
        }
    }
}
