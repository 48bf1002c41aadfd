import KioskDevices

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A thermal receipt printer on a loopback TCP port, as Ethernet printers listen on 9100, that
/// behaves as the Epson ESC/POS reference says a printer does:
///
/// - Bytes go into a receive buffer (``receiveBufferBytes``); the socket is read only while the
///   buffer has room, so a busy printer pushes back on the host as a real one does.
/// - Real-time commands (`DLE EOT n`) are answered the moment they arrive, ahead of the data still
///   waiting in the buffer: an answer proves nothing about what was printed.
/// - The print engine works through the buffer in order, at ``millimetresPerSecond`` (0: at once);
///   in-order requests (`GS r n`, `GS ( H` function 48) are answered only when the engine reaches
///   them, so their answer proves everything before them was processed.
/// - With the paper out, the cover open or a cutter error the engine stops where it is; the rest
///   waits in the buffer and prints when the fault is cleared, as on a real printer.
///
/// It serves one connection at a time. It stops when `stop()` is called or when it is released.
public final class PrinterEmulator: Sendable {
    /// The TCP port it listens on.
    public let port: Int
    private let core: EmulatorCore

    /// Listens on 127.0.0.1:`port` (0 = any free port), with a receive buffer of
    /// `receiveBufferBytes` and a print speed of `millimetresPerSecond` (0 = instant; thermal
    /// receipt printers print 150–300 mm/s).
    public init(port: Int = 0, receiveBufferBytes: Int = 4096, millimetresPerSecond: Double = 0) throws {
        core = try EmulatorCore(
            port: port, capacity: max(1, receiveBufferBytes), millimetresPerSecond: max(0, millimetresPerSecond))
        self.port = core.port
        core.start()
    }

    deinit { core.stop() }

    /// Simulated paper end: the engine stops, status answers report it and the printer is offline.
    public var paperOut: Bool {
        get { core.state.withLock { $0.paperOut } }
        set { core.change { $0.paperOut = newValue } }
    }

    /// Simulated low paper (the near-end sensor); the printer still prints.
    public var paperNearEnd: Bool {
        get { core.state.withLock { $0.paperNearEnd } }
        set { core.change { $0.paperNearEnd = newValue } }
    }

    /// Simulated open cover: the engine stops, status answers report it and the printer is offline.
    public var coverOpen: Bool {
        get { core.state.withLock { $0.coverOpen } }
        set { core.change { $0.coverOpen = newValue } }
    }

    /// Simulated auto-cutter error: the engine stops until it is cleared.
    public var cutterError: Bool {
        get { core.state.withLock { $0.cutterError } }
        set { core.change { $0.cutterError = newValue } }
    }

    /// Whether it answers status requests at all (`DLE EOT`, `GS r`, `GS ( H`); a printer whose
    /// network card or firmware swallows them stays silent and still prints.
    public var answersStatus: Bool {
        get { core.state.withLock { $0.answersStatus } }
        set { core.change { $0.answersStatus = newValue } }
    }

    /// Whether it answers the in-order `GS r` (it still answers `DLE EOT`): a printer that takes a
    /// job, never prints it, and never says so.
    public var answersInOrderStatus: Bool {
        get { core.state.withLock { $0.answersInOrderStatus } }
        set { core.change { $0.answersInOrderStatus = newValue } }
    }

    /// Bytes it sends on every new connection before anything is asked (some network cards greet).
    public var greeting: [UInt8] {
        get { core.state.withLock { $0.greeting } }
        set { core.change { $0.greeting = newValue } }
    }

    /// Whether the model has Automatic Status Back; without it `GS a` is ignored (as on printers
    /// that lack it), so the only way to learn its status is to ask.
    public var supportsAutomaticStatus: Bool {
        get { core.state.withLock { $0.supportsAutomaticStatus } }
        set { core.change { $0.supportsAutomaticStatus = newValue } }
    }

    /// Whether it has stopped reading its socket (a hung printer): bytes pile up in the kernel's
    /// buffers and nothing more is answered, until this is set to false again; then the connection
    /// it hung on is closed, as a printer that recovers has lost it.
    public var readingStopped: Bool {
        get { core.state.withLock { $0.readingStopped } }
        set { core.change { $0.readingStopped = newValue } }
    }

    /// Makes something go wrong in the next connection that brings enough bytes (see ``PrinterFault``);
    /// shorter connections, such as status checks, leave the fault waiting.
    public func inject(_ fault: PrinterFault) {
        core.change { $0.fault = fault }
    }

    /// Receipts completed whole: cut (or ended by the connection closing) with no fault on the way.
    public var receipts: [PrintedReceipt] { core.state.withLock { $0.receipts } }

    /// Receipts that paper out, an open cover or a cutter error broke into pieces: no whole ticket
    /// came out for them when it was due.
    public var interruptedReceipts: [PrintedReceipt] { core.state.withLock { $0.interrupted } }

    /// How many receipts were interrupted (``interruptedReceipts``).
    public var lostReceipts: Int { interruptedReceipts.count }

    /// Bytes received and waiting in the receive buffer for the engine.
    public var bufferedBytes: Int { core.state.withLock { $0.bufferedBytes } }

    /// The `n` of every `DLE EOT n` that arrived, in order (answered or not).
    public var statusRequests: [UInt8] { core.state.withLock { $0.statusRequests } }

    /// The `n` of every `GS r n` the engine reached, in order (answered or not).
    public var inOrderStatusRequests: [UInt8] { core.state.withLock { $0.inOrderRequests } }

    /// Called for each whole receipt, on the emulator's engine thread (the executable writes PNG files from it).
    public var onReceipt: (@Sendable (PrintedReceipt) -> Void)? {
        get { core.state.withLock { $0.onReceipt } }
        set { core.state.withLock { $0.onReceipt = newValue } }
    }

    /// Waits until at least `count` receipts exist or `timeout` seconds pass; returns the receipts then.
    public func waitForReceipts(count: Int, timeout: Double) -> [PrintedReceipt] {
        wait(timeout) { $0.receipts.count >= count }.receipts
    }

    /// Waits until at least `count` receipts were interrupted or `timeout` seconds pass; returns them then.
    public func waitForInterruptedReceipts(count: Int, timeout: Double) -> [PrintedReceipt] {
        wait(timeout) { $0.interrupted.count >= count }.interrupted
    }

    private func wait(_ timeout: Double, until done: (EmulatorState) -> Bool) -> EmulatorState {
        let deadline = EmulatorCore.monotonicSeconds() + timeout
        while true {
            let current = core.state.withLock { $0 }
            if done(current) || EmulatorCore.monotonicSeconds() >= deadline { return current }
            usleep(5_000)
        }
    }

    /// Stops listening, closes any connection and ends the threads. Safe to call more than once.
    public func stop() { core.stop() }

    /// The status byte a real printer answers to `DLE EOT n` in the given state (Epson ESC/POS
    /// reference, "DLE EOT"): n=1 printer, 2 offline cause, 3 error cause, 4 paper sensor.
    public static func statusAnswer(
        _ n: UInt8, paperOut: Bool, paperNearEnd: Bool, coverOpen: Bool, cutterError: Bool = false
    ) -> UInt8 {
        let fixed: UInt8 = 0b0001_0010
        switch n {
        case 1: return fixed | (paperOut || coverOpen || cutterError ? 0x08 : 0)
        case 2: return fixed | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (cutterError ? 0x40 : 0)
        case 3: return fixed | (cutterError ? 0x08 : 0)
        case 4: return fixed | (paperOut || paperNearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0)
        default: return fixed
        }
    }

    /// The byte a printer answers to `GS r n` (Epson ESC/POS reference, "GS r"): for n = 1 or 49,
    /// the paper sensors (bits 0–1 near end, bits 2–3 paper end); for n = 2 or 50 the drawer (0).
    /// Bit 4 is always 0, which tells it apart from a `DLE EOT` answer.
    public static func inOrderStatusAnswer(_ n: UInt8, paperOut: Bool, paperNearEnd: Bool) -> UInt8 {
        guard n == 1 || n == 49 else { return 0 }
        return (paperOut || paperNearEnd ? 0x03 : 0) | (paperOut ? 0x0C : 0)
    }
}

/// Something that goes wrong in the middle of a job, as it does on a real printer in a busy lobby.
public enum PrinterFault: Sendable, Hashable {
    /// The roll ends after the engine has printed `afterBytes` bytes of the next job: the engine
    /// stops there and status answers say paper out until ``PrinterEmulator/paperOut`` is cleared.
    case paperRunsOut(afterBytes: Int)
    /// Someone opens the cover after `afterBytes` bytes: as paper out, but the cover.
    case coverOpens(afterBytes: Int)
    /// The printer resets the connection after reading `afterBytes` bytes of the next job (a power
    /// cut, a cable pulled). What it read before stays in its buffer and prints.
    case dropsConnection(afterBytes: Int)
    /// The printer stops reading after `afterBytes` bytes of the next job (firmware hung): see
    /// ``PrinterEmulator/readingStopped``.
    case stopsReading(afterBytes: Int)
    /// The auto-cutter fails at the next cut: the engine stops with a cutter error.
    case cutterFails

    var afterBytes: Int {
        switch self {
        case .paperRunsOut(let n), .coverOpens(let n), .dropsConnection(let n), .stopsReading(let n): n
        case .cutterFails: 0
        }
    }

    /// Faults the reader meets as bytes arrive; the others happen in the print engine.
    var isOnArrival: Bool {
        switch self {
        case .dropsConnection, .stopsReading: true
        case .paperRunsOut, .coverOpens, .cutterFails: false
        }
    }
}
