import KioskCore

/// The USB printer class's answers, decided on bytes (USB Printer Class 1.1), so the rules are
/// tested without a device.
public enum USBPrinterChecks {
    /// What `GET_PORT_STATUS` (bmRequestType 0xA1, bRequest 1) says: bit 5 paper empty, bit 4
    /// selected, bit 3 not error (§4.2.2).
    public static func condition(portStatus byte: UInt8) -> PrinterCondition {
        if byte & 0x20 != 0 { return .paperOut }
        if byte & 0x08 == 0 || byte & 0x10 == 0 { return .offline }
        return .ready
    }

    /// Why an interface cannot take tickets the kiosk can confirm, or nil when it can: class 7,
    /// subclass 1 (printers), protocol 2 (bidirectional) or 3 (IEEE 1284.4) with a bulk IN
    /// endpoint in the alternate setting used. A protocol 1 (unidirectional) printer cannot answer
    /// `GS r`, so every ticket it prints stays uncertain.
    public static func problem(
        interfaceClass: UInt8, subclass: UInt8, protocol: UInt8, alternate: UInt8, hasBulkIn: Bool
    ) -> String? {
        guard interfaceClass == 7, subclass == 1 else {
            return "interface class \(interfaceClass) subclass \(subclass) is not a printer (7/1)"
        }
        switch `protocol` {
        case 2, 3:
            return hasBulkIn ? nil : "alternate setting \(alternate) has no bulk IN endpoint to answer on"
        case 1:
            return "protocol 1 is unidirectional: the printer cannot confirm a ticket"
        default:
            return "printer protocol \(`protocol`) is not one this kiosk speaks"
        }
    }

    /// A job's outcome from what came back: the in-order confirmation (nil when none came), the
    /// port status read after the job (nil when the request failed), and whether every byte left
    /// (`stopped`: why bulk OUT stopped short, e.g. libusb's error or the deadline running out).
    public static func outcome(
        confirmation: PrinterConfirmation, portStatusAfter: UInt8?, sent: Int, total: Int, deadline: String,
        stopped: String? = nil
    ) -> PrintAttempt {
        let port = portStatusAfter.map(condition(portStatus:))
        guard sent == total else {
            let reason = "bulk OUT stopped: \(sent) of \(total) bytes sent" + (stopped.map { " (\($0))" } ?? "")
            return PrintAttempt(sent == 0 ? .failed(reason: reason) : .uncertain(reason: reason), port ?? .offline)
        }
        if let port, !port.canPrint {
            return PrintAttempt(.uncertain(reason: "the port status reports \(port.rawValue) after the job"), port)
        }
        let ended = confirmation.outcome(timedOut: true, deadlineText: deadline)
        return PrintAttempt(ended?.0 ?? .uncertain(reason: "no confirmation within \(deadline)"), ended?.1 ?? port)
    }
}
