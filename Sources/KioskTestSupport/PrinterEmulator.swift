import KioskDevices
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A thermal receipt printer on a loopback TCP port, as Ethernet printers listen on 9100.
///
/// It parses what it receives with `EscPosStreamParser`, keeps the receipts, answers `DLE EOT n`
/// status requests from its simulated paper and cover state, and serves one connection at a time
/// on its own thread. It stops when `stop()` is called or when it is released.
public final class PrinterEmulator: Sendable {
    /// The TCP port it listens on.
    public let port: Int
    private let core: EmulatorCore

    /// Listens on 127.0.0.1:`port` (0 = any free port).
    public init(port: Int = 0) throws {
        core = try EmulatorCore(port: port)
        self.port = core.port
        core.start()
    }

    deinit { core.stop() }

    /// Simulated paper end; `DLE EOT` answers report it and the printer reports itself offline.
    public var paperOut: Bool {
        get { core.state.withLock { $0.paperOut } }
        set { core.state.withLock { $0.paperOut = newValue } }
    }

    /// Simulated low paper (the near-end sensor).
    public var paperNearEnd: Bool {
        get { core.state.withLock { $0.paperNearEnd } }
        set { core.state.withLock { $0.paperNearEnd = newValue } }
    }

    /// Simulated open cover; `DLE EOT` answers report it and the printer reports itself offline.
    public var coverOpen: Bool {
        get { core.state.withLock { $0.coverOpen } }
        set { core.state.withLock { $0.coverOpen = newValue } }
    }

    /// Makes the next connection that brings `afterBytes` bytes go wrong there (see ``PrinterFault``);
    /// shorter connections, such as status checks, leave the fault waiting.
    public func inject(_ fault: PrinterFault) {
        core.state.withLock { $0.fault = fault }
    }

    /// Whether it answers `DLE EOT` (true); some printers, or their network cards, stay silent.
    public var answersStatus: Bool {
        get { core.state.withLock { $0.answersStatus } }
        set { core.state.withLock { $0.answersStatus = newValue } }
    }

    /// Receipts that ended while the paper was out or the cover open: no paper came out for them.
    public var lostReceipts: Int { core.state.withLock { $0.lostReceipts } }

    /// Receipts completed so far (a receipt ends at a cut, or when the connection closes with pending content).
    public var receipts: [PrintedReceipt] { core.state.withLock { $0.receipts } }

    /// The `n` of every `DLE EOT n` answered so far, in order.
    public var statusRequests: [UInt8] { core.state.withLock { $0.statusRequests } }

    /// Called for each completed receipt, on the emulator's thread (the executable writes PNG files from it).
    public var onReceipt: (@Sendable (PrintedReceipt) -> Void)? {
        get { core.state.withLock { $0.onReceipt } }
        set { core.state.withLock { $0.onReceipt = newValue } }
    }

    /// Waits until at least `count` receipts exist or `timeout` seconds pass; returns the receipts then.
    public func waitForReceipts(count: Int, timeout: Double) -> [PrintedReceipt] {
        let deadline = monotonicSeconds() + timeout
        while true {
            let current = receipts
            if current.count >= count || monotonicSeconds() >= deadline { return current }
            usleep(5_000)
        }
    }

    /// Stops listening, closes any connection and ends the thread. Safe to call more than once.
    public func stop() { core.stop() }

    /// The status byte a real printer answers to `DLE EOT n` in the given state (Epson ESC/POS
    /// reference): n=1 printer, 2 offline cause, 3 error cause, 4 paper sensor.
    public static func statusAnswer(_ n: UInt8, paperOut: Bool, paperNearEnd: Bool, coverOpen: Bool) -> UInt8 {
        let fixed: UInt8 = 0b0001_0010
        switch n {
        case 1: return fixed | (paperOut || coverOpen ? 0x08 : 0)
        case 2: return fixed | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0)
        case 4: return fixed | (paperOut || paperNearEnd ? 0x0C : 0) | (paperOut ? 0x60 : 0)
        default: return fixed
        }
    }
}

/// Something that goes wrong in the middle of a job, as it does on a real printer in a busy lobby.
public enum PrinterFault: Sendable, Hashable {
    /// The roll ends after `afterBytes` bytes of the next job: the rest of it does not print and
    /// status answers say paper out until ``PrinterEmulator/paperOut`` is cleared.
    case paperRunsOut(afterBytes: Int)
    /// Someone opens the cover after `afterBytes` bytes: as paper out, but the cover.
    case coverOpens(afterBytes: Int)
    /// The printer resets the connection after reading `afterBytes` bytes of the next job (a power
    /// cut, a cable pulled): nothing of that job prints.
    case dropsConnection(afterBytes: Int)

    var afterBytes: Int {
        switch self {
        case .paperRunsOut(let n), .coverOpens(let n), .dropsConnection(let n): n
        }
    }
}

private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// What the emulator's thread and its users share.
struct EmulatorState {
    var paperOut = false
    var paperNearEnd = false
    var coverOpen = false
    var fault: PrinterFault?
    var answersStatus = true
    var lostReceipts = 0
    var receipts: [PrintedReceipt] = []
    var statusRequests: [UInt8] = []
    var onReceipt: (@Sendable (PrintedReceipt) -> Void)?
}

/// The sockets and the thread behind a `PrinterEmulator`; the thread keeps it alive until it ends.
final class EmulatorCore: Sendable {
    let port: Int
    let state = Mutex(EmulatorState())
    private let listener: Int32
    /// A pipe whose read end wakes the thread up to stop.
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let thread = Mutex<(started: pthread_t?, stopped: Bool)>((nil, false))

    init(port: Int) throws {
        let listener = try POSIXCall.require("socket") {
            socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        self.listener = listener
        do {
            var yes: Int32 = 1
            try POSIXCall.require("setsockopt") {
                setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    try POSIXCall.require("bind") { bind(listener, generic, length) }
                    try POSIXCall.require("listen") { listen(listener, 8) }
                    try POSIXCall.require("getsockname") { getsockname(listener, generic, &length) }
                }
            }
            self.port = Int(UInt16(bigEndian: address.sin_port))
            var ends: [Int32] = [0, 0]
            try POSIXCall.require("pipe") { pipe(&ends) }
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            wakeRead = ends[0]
            wakeWrite = ends[1]
        } catch {
            POSIXCall.closeIgnoringErrors(listener)
            throw error
        }
    }

    /// Starts the accept/read thread, which holds a reference to `self` until it ends.
    func start() {
        var handle = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &handle, nil,
            { context in
                let core = Unmanaged<EmulatorCore>.fromOpaque(context!).takeRetainedValue()
                core.run()
                return nil
            }, context)
        precondition(created == 0, "the printer emulator could not start its thread")
        thread.withLock { $0.started = handle }
    }

    func stop() {
        let handle: pthread_t? = thread.withLock { thread in
            guard !thread.stopped else { return nil }
            thread.stopped = true
            return thread.started
        }
        guard let handle else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        if pthread_self() != handle { pthread_join(handle, nil) }
        for fd in [listener, wakeRead, wakeWrite] { POSIXCall.closeIgnoringErrors(fd) }
    }

    // MARK: - The emulator's thread

    private func run() {
        var parser = EscPosStreamParser()
        while waitUntilReadable(listener) {
            guard let connection = try? POSIXCall.run("accept", { accept(listener, nil, nil) }) else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            let keepGoing = serve(connection, &parser)
            POSIXCall.closeIgnoringErrors(connection)
            if let receipt = parser.finish() { deliver(receipt) }
            if !keepGoing { return }
        }
    }

    /// Reads one connection to its end; false when the emulator is stopping.
    private func serve(_ connection: Int32, _ parser: inout EscPosStreamParser) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var received = 0
        var pendingFault = state.withLock { $0.fault }
        while waitUntilReadable(connection) {
            guard let count = try? POSIXCall.run("read", { read(connection, &buffer, buffer.count) }), count > 0 else {
                return true
            }
            var chunk = Array(buffer[0..<count])
            if let fault = pendingFault, received + count >= fault.afterBytes {
                let before = max(0, fault.afterBytes - received)
                consume(Array(chunk[0..<before]), &parser, connection)
                chunk.removeFirst(before)
                pendingFault = nil
                state.withLock { $0.fault = nil }
                switch fault {
                case .paperRunsOut: state.withLock { $0.paperOut = true }
                case .coverOpens: state.withLock { $0.coverOpen = true }
                case .dropsConnection:
                    _ = parser.finish()  // The half-read job is lost with the connection.
                    var linger = linger(l_onoff: 1, l_linger: 0)  // close with RST, as a pulled cable looks
                    setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                    return true
                }
            }
            received += count
            consume(chunk, &parser, connection)
        }
        return false
    }

    private func consume(_ bytes: [UInt8], _ parser: inout EscPosStreamParser, _ connection: Int32) {
        for output in parser.consume(bytes) {
            switch output {
            case .receipt(let receipt): deliver(receipt)
            case .statusRequest(let n): answer(n, on: connection)
            }
        }
    }

    /// Waits for `fd` to become readable; false when woken up to stop.
    private func waitUntilReadable(_ fd: Int32) -> Bool {
        var entries = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        guard (try? POSIXCall.require("poll") { poll(&entries, 2, -1) }) != nil else { return false }
        return entries[1].revents == 0
    }

    /// Keeps `receipt` if there was paper and a closed cover to print it on.
    private func deliver(_ receipt: PrintedReceipt) {
        let callback = state.withLock { state -> (@Sendable (PrintedReceipt) -> Void)? in
            guard !state.paperOut, !state.coverOpen else {
                state.lostReceipts += 1
                return nil
            }
            state.receipts.append(receipt)
            return state.onReceipt
        }
        callback?(receipt)
    }

    private func answer(_ n: UInt8, on connection: Int32) {
        let answer = state.withLock { state -> UInt8? in
            state.statusRequests.append(n)
            guard state.answersStatus else { return nil }
            return PrinterEmulator.statusAnswer(
                n, paperOut: state.paperOut, paperNearEnd: state.paperNearEnd, coverOpen: state.coverOpen)
        }
        guard var byte = answer else { return }
        _ = try? POSIXCall.run("send") { send(connection, &byte, 1, Int32(MSG_NOSIGNAL)) }
    }
}
