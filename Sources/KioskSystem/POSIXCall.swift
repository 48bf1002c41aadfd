#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// The one door for system calls in this package, with one errno policy:
/// `EINTR` is retried, `EAGAIN`/`EWOULDBLOCK` (and `EINPROGRESS` for a non-blocking `connect`)
/// come back as `nil`, anything else throws a `SystemCallError` naming the call and what it concerned.
package enum POSIXCall {
    /// Runs `body`, a call on `subject` (a path, a device; empty when the caller names it) that
    /// returns -1 and sets `errno` on failure.
    ///
    /// - Returns: the call's result, or nil when it would block.
    @discardableResult
    package static func run<Result: FixedWidthInteger>(
        _ call: String, subject: String = "", _ body: () -> Result
    ) throws(SystemCallError) -> Result? {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK, EINPROGRESS: return nil
            default: throw SystemCallError(call: call, subject: subject, errno: code)
            }
        }
    }

    /// Runs `body` like `run`, for calls that never block (their descriptor is blocking or
    /// they do not wait), so a would-block answer is an error too.
    @discardableResult
    package static func require<Result: FixedWidthInteger>(
        _ call: String, subject: String = "", _ body: () -> Result
    ) throws(SystemCallError) -> Result {
        guard let result = try run(call, subject: subject, body) else { throw SystemCallError(call: call, subject: subject, errno: EAGAIN) }
        return result
    }

    /// Waits up to `timeoutSeconds` for `events` on `fd` (`poll(2)`); true when one arrived.
    package static func wait(fd: Int32, events: Int16, timeoutSeconds: Double) throws(SystemCallError) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        let milliseconds = Int32(max(0, min(timeoutSeconds * 1000, Double(Int32.max))))
        let ready = try require("poll") { poll(&entry, 1, milliseconds) }
        return ready > 0
    }

    /// Closes `fd`, ignoring errors: after `close(2)` fails the descriptor is gone anyway on Linux.
    package static func closeIgnoringErrors(_ fd: Int32) {
        _ = close(fd)
    }
}
