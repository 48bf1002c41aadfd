import KioskDevices

/// What the emulator's two threads and its users share.
struct EmulatorState {
    var paperOut = false
    var paperNearEnd = false
    var coverOpen = false
    var cutterError = false
    var fault: PrinterFault?
    var answersStatus = true
    var readingStopped = false
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

/// Finds `DLE EOT n` in the bytes as they arrive, as a printer's receive interrupt does, even
/// across reads (and even inside image data, as the Epson reference warns).
struct RealTimeScanner {
    private var pending: [UInt8] = []

    /// The `n` of each complete `DLE EOT n` (n 1–4) in `bytes`.
    mutating func scan(_ bytes: [UInt8]) -> [UInt8] {
        var found: [UInt8] = []
        for byte in bytes {
            switch pending.count {
            case 1 where byte == 0x04: pending.append(byte)
            case 2:
                if (1...4).contains(byte) { found.append(byte) }
                pending = byte == 0x10 ? [byte] : []
            default: pending = byte == 0x10 ? [byte] : []
            }
        }
        return found
    }
}
