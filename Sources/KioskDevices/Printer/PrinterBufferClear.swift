import KioskCore

/// `DLE DC4 fn=8` (Epson ESC/POS reference, "Clear buffer(s)"): a real-time command that drops
/// everything in the printer's receive and print buffers, even while an error (paper end, open
/// cover) stops it, and answers `37 25 00`. Sent after a ticket the printer stopped in the middle
/// of, so the rest of that ticket does not come out when the roll is changed or the cover closed:
/// half a ticket in the tray with no number on it, or a number printed long after its citizen left.
public enum PrinterBufferClear {
    public static let request: [UInt8] = [0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]
    public static let response: [UInt8] = [0x37, 0x25, 0x00]

    /// Whether the rest of a job is worth clearing: the printer stopped on an error it reported.
    public static func isWanted(after condition: PrinterCondition) -> Bool {
        [.paperOut, .coverOpen, .cutterError].contains(condition)
    }

    /// Whether `bytes` (everything read since the request) hold the clear response.
    public static func isAnswered(by bytes: [UInt8]) -> Bool {
        bytes.count >= response.count && (0...(bytes.count - response.count)).contains { Array(bytes[$0..<($0 + 3)]) == response }
    }

    /// What the reason of the job adds: whether the printer said it cleared the rest.
    public static func note(answered: Bool) -> String {
        answered
            ? "; the rest of the ticket was cleared from the printer (DLE DC4 8)"
            : "; the printer did not confirm clearing the rest of the ticket (DLE DC4 8)"
    }
}
