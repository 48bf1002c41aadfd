import KioskDevices

/// What the emulator's two threads and its users share.
struct EmulatorState {
    var paperOut = false
    var paperNearEnd = false
    var coverOpen = false
    var cutterError = false
    var fault: PrinterFault?
    var answersStatus = true
    var answersInOrderStatus = true
    var greeting: [UInt8] = []
    /// `GS a` turned Automatic Status Back on (kept across connections, as the printer keeps it).
    var automaticStatusBack = false
    /// Whether the model has Automatic Status Back at all (a printer without it ignores `GS a`).
    var supportsAutomaticStatus = true
    var readingStopped = false
    /// `DLE DC4 8` arrived: the engine drops what it was printing (the buffer is already empty).
    var clearRequested = false
    var stopping = false
    var receipts: [PrintedReceipt] = []
    var interrupted: [PrintedReceipt] = []
    var statusRequests: [UInt8] = []
    var inOrderRequests: [UInt8] = []
    var onReceipt: (@Sendable (PrintedReceipt) -> Void)?
    /// The receive buffer: what arrived and the engine has not processed, with its connection.
    var buffer: [(bytes: [UInt8], connection: Int)] = []
    var bufferedBytes = 0
    /// Connections that ended, in order, each once everything it brought is in `buffer`.
    var endedConnections: [Int] = []
    /// The open connection's number and socket, for answers; nil between connections.
    var connection: (id: Int, fd: Int32)?

    /// The engine stops while any of these holds.
    var isHalted: Bool { paperOut || coverOpen || cutterError }

    /// The four bytes Automatic Status Back sends for the printer as it is (Epson ESC/POS reference,
    /// "GS a"): byte 1 `0xx1 xx00` with bit 3 offline and bit 5 cover open; byte 2 bit 3 auto-cutter
    /// error; byte 3 bits 0–1 roll near end, bits 2–3 roll end; byte 4 nothing to report.
    var automaticStatusBlock: [UInt8] {
        let first: UInt8 = 0x10 | (isHalted ? 0x08 : 0) | (coverOpen ? 0x20 : 0)
        let second: UInt8 = cutterError ? 0x08 : 0
        let third: UInt8 = (paperNearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0)
        return [first, second, third, 0]
    }
}

/// What a new thread runs, and on which core.
final class ThreadStart {
    let core: EmulatorCore
    let body: (EmulatorCore) -> Void
    init(core: EmulatorCore, body: @escaping (EmulatorCore) -> Void) {
        self.core = core
        self.body = body
    }
}

/// A real-time command, found in the bytes as they arrive.
enum RealTimeRequest: Equatable {
    /// `DLE EOT n`: answer status `n` (1–4) now.
    case status(UInt8)
    /// `DLE DC4 8 1 3 20 1 6 2 8`: clear the receive and print buffers; the command ends before
    /// byte `endingAt` of the bytes scanned (later bytes are new data).
    case clearBuffers(endingAt: Int)
}

/// Finds `DLE EOT n` and `DLE DC4 fn=8` in the bytes as they arrive, as a printer's receive
/// interrupt does, even across reads (and even inside image data, as the Epson reference warns).
struct RealTimeScanner {
    /// `DLE DC4 8` and its fixed d1…d7 (Epson ESC/POS reference, "DLE DC4 (fn=8)").
    static let clearBuffers: [UInt8] = [0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]
    private var pending: [UInt8] = []

    /// The real-time requests complete in `bytes`, in order.
    mutating func scan(_ bytes: [UInt8]) -> [RealTimeRequest] {
        var found: [RealTimeRequest] = []
        for (index, byte) in bytes.enumerated() {
            let candidate = pending + [byte]
            if Self.clearBuffers.starts(with: candidate) {
                pending = candidate.count == Self.clearBuffers.count ? [] : candidate
                if pending.isEmpty { found.append(.clearBuffers(endingAt: index + 1)) }
            } else if candidate.count == 3, candidate[1] == 0x04 {
                if (1...4).contains(byte) { found.append(.status(byte)) }
                pending = byte == 0x10 ? [byte] : []
            } else if candidate == [0x10, 0x04] {
                pending = candidate
            } else {
                pending = byte == 0x10 ? [byte] : []
            }
        }
        return found
    }
}
