import KioskDevices
import Synchronization
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// The sockets and the two threads behind a `PrinterEmulator`: a reader that accepts connections,
/// fills the receive buffer and answers real-time requests on arrival, and a print engine that
/// works through the buffer in order. Each thread holds a reference to the core until it ends.
final class EmulatorCore: Sendable {
    let port: Int
    let state = Mutex(EmulatorState())
    let capacity: Int
    let millimetresPerSecond: Double
    private let listener: Int32
    /// Wake-up pipes: something changed for the reader, or for the engine.
    private let readerWake: (read: Int32, write: Int32)
    private let engineWake: (read: Int32, write: Int32)
    private let threads = Mutex<(started: [pthread_t], stopped: Bool)>(([], false))

    init(port: Int, capacity: Int, millimetresPerSecond: Double) throws {
        self.capacity = capacity
        self.millimetresPerSecond = millimetresPerSecond
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
            readerWake = try Self.makePipe()
            engineWake = try Self.makePipe()
        } catch {
            POSIXCall.closeIgnoringErrors(listener)
            throw error
        }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        try POSIXCall.require("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        return (ends[0], ends[1])
    }

    /// Starts the reader and the engine.
    func start() {
        for body in [{ (core: EmulatorCore) in core.runReader() }, { (core: EmulatorCore) in core.runEngine() }] {
            let box = Unmanaged.passRetained(ThreadStart(core: self, body: body)).toOpaque()
            var handle = pthread_t()
            let created = pthread_create(
                &handle, nil,
                { context in
                    let start = Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue()
                    start.body(start.core)
                    return nil
                }, box)
            precondition(created == 0, "the printer emulator could not start its threads")
            threads.withLock { $0.started.append(handle) }
        }
    }

    /// Changes the shared state and wakes both threads to look at it; with Automatic Status Back
    /// on, a change of paper, cover or error is sent to the host at once, as a printer does.
    func change(_ body: (inout EmulatorState) -> Void) {
        state.withLock { state in
            let before = state.automaticStatusBlock
            body(&state)
            let after = state.automaticStatusBlock
            guard state.automaticStatusBack, after != before, state.answersStatus, let connection = state.connection
            else { return }
            var bytes = after
            _ = send(connection.fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
        wake(readerWake.write)
        wake(engineWake.write)
    }

    func stop() {
        let handles: [pthread_t]? = threads.withLock { threads in
            guard !threads.stopped else { return nil }
            threads.stopped = true
            return threads.started
        }
        guard let handles else { return }
        change { $0.stopping = true }
        for handle in handles where pthread_self() != handle { pthread_join(handle, nil) }
        for fd in [listener, readerWake.read, readerWake.write, engineWake.read, engineWake.write] {
            POSIXCall.closeIgnoringErrors(fd)
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    // MARK: - The reader

    private func runReader() {
        var id = 0
        while true {
            switch wait(for: listener, wake: readerWake.read) {
            case .stopping: return
            case .woken: continue
            case .ready: break
            }
            guard let fd = try? POSIXCall.run("accept", { accept(listener, nil, nil) }) else { continue }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            id += 1
            var greeting = state.withLock { state in
                state.connection = (id, fd)
                return state.greeting
            }
            if !greeting.isEmpty { _ = send(fd, &greeting, greeting.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            let keepGoing = serve(fd, id: id)
            state.withLock { state in
                state.connection = nil
                state.endedConnections.append(id)
            }
            POSIXCall.closeIgnoringErrors(fd)
            wake(engineWake.write)
            if !keepGoing { return }
        }
    }

    /// Reads one connection to its end, into the receive buffer; false when the emulator is stopping.
    private func serve(_ fd: Int32, id: Int) -> Bool {
        var received = 0
        var realTime = RealTimeScanner()
        var hung = false
        while true {
            let (room, stopped, stopping) = state.withLock { ($0.bufferedBytes, $0.readingStopped, $0.stopping) }
            if stopping { return false }
            // A printer that recovers from a hang has lost its connection (and the bytes in the kernel's buffers).
            if hung && !stopped { return true }
            hung = stopped
            let canRead = !stopped && room < capacity
            switch wait(for: canRead ? fd : nil, wake: readerWake.read) {
            case .stopping: return false
            case .woken: continue
            case .ready: break
            }
            var chunk = [UInt8](repeating: 0, count: min(4096, capacity - room))
            guard let count = try? POSIXCall.run("read", { read(fd, &chunk, chunk.count) }), count > 0 else {
                return true
            }
            chunk.removeLast(chunk.count - count)
            let fault = state.withLock { state -> PrinterFault? in
                guard let fault = state.fault, fault.isOnArrival, received + count >= fault.afterBytes else { return nil }
                state.fault = nil
                return fault
            }
            if let fault {
                let before = max(0, fault.afterBytes - received)
                take(Array(chunk[0..<before]), from: id, fd: fd, &realTime)
                if case .stopsReading = fault {
                    state.withLock { $0.readingStopped = true }
                    continue  // The rest of this read is lost in the hung firmware.
                }
                var linger = linger(l_onoff: 1, l_linger: 0)  // close with RST, as a pulled cable looks
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                return true
            }
            received += count
            take(chunk, from: id, fd: fd, &realTime)
        }
    }

    /// Answers the real-time requests in `bytes` at once, then queues `bytes` for the engine. A
    /// buffer clear (`DLE DC4 8`) drops everything received before it, even while the printer is
    /// stopped by an error, and answers `37 25 00` (Epson ESC/POS reference, "DLE DC4 (fn=8)").
    private func take(_ received: [UInt8], from id: Int, fd: Int32, _ scanner: inout RealTimeScanner) {
        var keptFrom = 0
        for request in scanner.scan(received) {
            switch request {
            case .status(let n):
                state.withLock { state in
                    state.statusRequests.append(n)
                    guard state.answersStatus else { return }
                    var answer = PrinterEmulator.statusAnswer(
                        n, paperOut: state.paperOut, paperNearEnd: state.paperNearEnd, coverOpen: state.coverOpen,
                        cutterError: state.cutterError)
                    _ = send(fd, &answer, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
            case .clearBuffers(let end):
                keptFrom = end
                state.withLock { state in
                    state.buffer.removeAll()
                    state.bufferedBytes = 0
                    state.clearRequested = true
                    guard state.answersStatus else { return }
                    var answer: [UInt8] = [0x37, 0x25, 0x00]
                    _ = send(fd, &answer, answer.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                }
                wake(engineWake.write)
                wake(readerWake.write)  // there is room in the buffer again
            }
        }
        let bytes = Array(received[keptFrom...])
        guard !bytes.isEmpty else { return }
        state.withLock { state in
            state.buffer.append((bytes, id))
            state.bufferedBytes += bytes.count
        }
        wake(engineWake.write)
    }

    // MARK: - The print engine

    private func runEngine() {
        var parser = EscPosStreamParser()
        var processed: (connection: Int, bytes: Int) = (0, 0)
        var busyUntil = 0.0
        var interrupted = false
        while true {
            let now = Self.monotonicSeconds()
            let cleared = state.withLock { state in
                defer { state.clearRequested = false }
                return state.clearRequested
            }
            if cleared {
                // What was being printed stops where it is; the rest is gone with the buffer.
                if parser.hasContent { interrupted = true }
                if let receipt = parser.finish() { deliver(receipt, interrupted: &interrupted) }
                parser = EscPosStreamParser()
                processed = (0, 0)
                interrupted = false
            }
            let next = state.withLock { state -> (work: EngineWork?, stopping: Bool) in
                if state.stopping { return (nil, true) }
                if state.isHalted {
                    if parser.hasContent { interrupted = true }
                    return (nil, false)
                }
                if now < busyUntil { return (nil, false) }
                return (Self.nextWork(&state, processed), false)
            }
            if next.stopping { return }
            guard let work = next.work else {
                // At most a second at a time: a very slow print speed must not overflow the timeout.
                let timeout = now < busyUntil ? Int32(min(1000, max(1, ((busyUntil - now) * 1000).rounded(.up)))) : -1
                if wait(for: nil, wake: engineWake.read, timeoutMilliseconds: timeout) == .stopping { return }
                continue
            }
            switch work {
            case .end(let id):
                if processed.connection == id { processed = (0, 0) }
                if let receipt = parser.finish() { deliver(receipt, interrupted: &interrupted) }
            case .bytes(let bytes, let id, let fault):
                wake(readerWake.write)  // there is room in the buffer again
                if processed.connection != id { processed = (id, 0) }
                processed.bytes += bytes.count
                let fedBefore = parser.fedDots
                var outputs = parser.consume(bytes)
                if parser.takeCutCount() > 0, state.withLock({ $0.fault }) == .cutterFails {
                    change { state in
                        state.fault = nil
                        state.cutterError = true
                    }
                    interrupted = true
                    // The printer stops at the failed cut: what followed it in this piece is lost.
                    if let cut = outputs.firstIndex(where: { !$0.isHostTalk }) { outputs.removeSubrange((cut + 1)...) }
                }
                for output in outputs { handle(output, connection: id, &interrupted) }
                if let fault {
                    change { state in
                        if case .coverOpens = fault { state.coverOpen = true } else { state.paperOut = true }
                    }
                }
                if millimetresPerSecond > 0 {
                    // 8 dots per millimetre (203 dpi).
                    let seconds = Double(parser.fedDots - fedBefore) / 8 / millimetresPerSecond
                    busyUntil = max(busyUntil, Self.monotonicSeconds()) + seconds
                }
            }
        }
    }

    private enum EngineWork {
        case bytes([UInt8], connection: Int, then: PrinterFault?)
        case end(connection: Int)
    }

    /// The next piece of the receive buffer to print (at most 64 bytes, cut where a paper or cover
    /// fault strikes), or the end of a connection whose bytes are all printed.
    private static func nextWork(_ state: inout EmulatorState, _ processed: (connection: Int, bytes: Int)) -> EngineWork? {
        guard let head = state.buffer.first else {
            guard !state.endedConnections.isEmpty else { return nil }
            return .end(connection: state.endedConnections.removeFirst())
        }
        if let ended = state.endedConnections.first, ended < head.connection {
            state.endedConnections.removeFirst()
            return .end(connection: ended)
        }
        var length = min(64, head.bytes.count)
        var strikes: PrinterFault?
        let done = processed.connection == head.connection ? processed.bytes : 0
        if let fault = state.fault, !fault.isOnArrival, fault != .cutterFails, done + length >= fault.afterBytes {
            length = max(0, fault.afterBytes - done)
            strikes = fault
            state.fault = nil
        }
        let piece = Array(head.bytes.prefix(length))
        if length == head.bytes.count {
            state.buffer.removeFirst()
        } else {
            state.buffer[0].bytes.removeFirst(length)
        }
        state.bufferedBytes -= length
        return .bytes(piece, connection: head.connection, then: strikes)
    }

    private func handle(_ output: EscPosStreamParser.Output, connection id: Int, _ interrupted: inout Bool) {
        switch output {
        case .receipt(let receipt): deliver(receipt, interrupted: &interrupted)
        case .statusRequest: break  // answered on arrival
        case .inOrderStatusRequest(let n):
            answer(on: id) { state in
                state.inOrderRequests.append(n)
                guard state.answersInOrderStatus else { return [] }
                return [PrinterEmulator.inOrderStatusAnswer(n, paperOut: state.paperOut, paperNearEnd: state.paperNearEnd)]
            }
        case .processIDRequest(let id4):
            answer(on: id) { _ in [0x37, 0x22] + id4 + [0x00] }
        case .automaticStatusBack(let n):
            // The printer sends its status at once when ASB is turned on (Epson ESC/POS reference, "GS a").
            answer(on: id) { state in
                state.automaticStatusBack = state.supportsAutomaticStatus && n & 0x0E != 0
                return state.automaticStatusBack ? state.automaticStatusBlock : []
            }
        }
    }

    /// Sends what `make` returns on connection `id` if it is still open and the printer answers.
    private func answer(on id: Int, _ make: (inout EmulatorState) -> [UInt8]) {
        state.withLock { state in
            var bytes = make(&state)
            guard !bytes.isEmpty, state.answersStatus, let connection = state.connection, connection.id == id else { return }
            _ = send(connection.fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
        }
    }

    /// Keeps `receipt` as printed whole, or as interrupted when a fault broke into it.
    private func deliver(_ receipt: PrintedReceipt, interrupted: inout Bool) {
        let whole = !interrupted
        interrupted = false
        let callback = state.withLock { state -> (@Sendable (PrintedReceipt) -> Void)? in
            guard whole, !state.isHalted else {
                state.interrupted.append(receipt)
                return nil
            }
            state.receipts.append(receipt)
            return state.onReceipt
        }
        callback?(receipt)
    }

    // MARK: - Waiting

    private enum Wakeup { case ready, woken, stopping }

    /// Waits for `fd` (if any) to become readable or for a wake-up on `wake`.
    private func wait(for fd: Int32?, wake: Int32, timeoutMilliseconds: Int32 = -1) -> Wakeup {
        var entries = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        if let fd { entries.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        guard (try? POSIXCall.require("poll") { poll(&entries, nfds_t(entries.count), timeoutMilliseconds) }) != nil
        else { return .stopping }
        if entries[0].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wake, &drain, drain.count) > 0 {}
        }
        if state.withLock({ $0.stopping }) { return .stopping }
        return entries.count > 1 && entries[1].revents != 0 ? .ready : .woken
    }

    private func wake(_ fd: Int32) {
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }
}
