#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A failed system call: which call and the `errno` it left.
package struct POSIXCallError: Error, CustomStringConvertible, Equatable {
    /// The call's name, e.g. `connect`.
    package var call: String
    package var errno: Int32

    package init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The C library's text for `errno`, lower-cased like the rest of the kiosk's messages.
    package var reason: String {
        let text = String(cString: strerror(errno))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    package var description: String { "\(call): \(reason)" }
}

/// The one door for system calls in this package, with one errno policy:
/// `EINTR` is retried, `EAGAIN`/`EWOULDBLOCK` (and `EINPROGRESS` for a non-blocking `connect`)
/// come back as `nil`, anything else throws a `POSIXCallError` naming the call.
package enum POSIXCall {
    /// Runs `body`, a call that returns -1 and sets `errno` on failure.
    ///
    /// - Returns: the call's result, or nil when it would block.
    @discardableResult
    package static func run<Result: FixedWidthInteger>(
        _ call: String, _ body: () -> Result
    ) throws(POSIXCallError) -> Result? {
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK, EINPROGRESS: return nil
            default: throw POSIXCallError(call: call, errno: code)
            }
        }
    }

    /// Runs `body` like `run`, for calls that never block (their descriptor is blocking or
    /// they do not wait), so a would-block answer is an error too.
    @discardableResult
    package static func require<Result: FixedWidthInteger>(
        _ call: String, _ body: () -> Result
    ) throws(POSIXCallError) -> Result {
        guard let result = try run(call, body) else { throw POSIXCallError(call: call, errno: EAGAIN) }
        return result
    }

    /// Waits up to `timeoutSeconds` for `events` on `fd` (`poll(2)`); true when one arrived.
    package static func wait(fd: Int32, events: Int16, timeoutSeconds: Double) throws(POSIXCallError) -> Bool {
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
