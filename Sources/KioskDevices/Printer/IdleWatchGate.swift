import Dispatch
import KioskCore
import Synchronization
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// What the print worker asks of a watch that keeps an eye on the printer between jobs
/// (``TCPStatusWatch``, ``USBStatusWatch``): it holds the printer only while not paused.
public protocol IdleStatusWatch: Sendable {
    /// Starts the watch's thread (once).
    func start()
    /// Returns once the watch let the printer go, so a job or a poll can have it.
    func pause()
    /// Lets the watch take the printer again.
    func resume()
    /// Ends the watch's thread; returns once it ended, the printer let go.
    func stop()
}

/// The start, pause, resume and stop of a watch's thread, and its wake-up pipe.
///
/// Each ``pause()`` is acknowledged once by the thread, counted by number, so a `resume()` followed
/// at once by the next `pause()` (a poll right after a job) is acknowledged even when the thread
/// never saw the printer free in between.
final class IdleWatchGate: Sendable {
    private struct Flags {
        var started = false
        var paused = false
        var stopped = false
        /// Pauses asked for, and pauses the thread acknowledged (its hold on the printer let go).
        var pauses = 0
        var acknowledged = 0
    }

    private let flags = Mutex(Flags())
    private let wake: (read: Int32, write: Int32)
    private let closed = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init() throws {
        var ends: [Int32] = [0, 0]
        try POSIXCall.require("pipe") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        wake = (ends[0], ends[1])
    }

    deinit {
        POSIXCall.closeIgnoringErrors(wake.read)
        POSIXCall.closeIgnoringErrors(wake.write)
    }

    /// Runs `body` on a thread of its own, once (never after ``stop()``).
    func start(label: String, _ body: @escaping @Sendable () -> Void) {
        guard flags.withLock({ flags in
            defer { flags.started = true }
            return !flags.started && !flags.stopped
        }) else { return }
        DispatchQueue(label: label).async { [finished] in
            body()
            finished.signal()
        }
    }

    func pause() {
        guard flags.withLock({ flags in
            guard flags.started && !flags.paused && !flags.stopped else { return false }
            flags.paused = true
            flags.pauses += 1
            return true
        }) else { return }
        poke()
        closed.wait()
    }

    func resume() {
        flags.withLock { $0.paused = false }
        poke()
    }

    func stop() {
        guard flags.withLock({ flags in
            defer { flags.stopped = true }
            return flags.started && !flags.stopped
        }) else { return }
        poke()
        finished.wait()
    }

    /// For the watch's thread, at the top of each turn: while paused, calls `release` (the watch lets
    /// the printer go), acknowledges the pause and waits; false once stopped (after `release`).
    func proceed(release: () -> Void) -> Bool {
        while true {
            let (paused, stopped, unacknowledged) = flags.withLock { ($0.paused, $0.stopped, $0.pauses > $0.acknowledged) }
            if !paused && !stopped && !unacknowledged { return true }
            release()
            if unacknowledged {
                flags.withLock { $0.acknowledged = $0.pauses }
                closed.signal()
            }
            if stopped { return false }
            if paused { waitForWake(nil, seconds: -1) }
        }
    }

    /// Waits for `fd` (if any) to be readable, a wake-up, or `seconds` (negative: no limit); true when `fd` is readable.
    @discardableResult
    func waitForWake(_ fd: Int32?, seconds: Double) -> Bool {
        var entries = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        if let fd { entries.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = seconds < 0 ? -1 : Int32(min(60_000, (max(0, seconds) * 1000).rounded(.up)))
        _ = poll(&entries, nfds_t(entries.count), milliseconds)
        if entries[0].revents != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(wake.read, &drain, drain.count) > 0 {}
        }
        return entries.count > 1 && entries[1].revents != 0
    }

    private func poke() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }
}
