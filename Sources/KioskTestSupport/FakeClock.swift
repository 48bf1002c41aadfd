import Foundation

/// A child process's wall clock moved by a fixed offset with Debian's `libfaketime` (`LD_PRELOAD`):
/// a kiosk whose clock is hours off, or a queue server near its midnight. The monotonic clock and
/// file times stay real, so timeouts, backoff and file watching behave as without it. A process
/// restarted with the same environment keeps the same offset.
public enum FakeClock {
    /// Where Debian's `libfaketime` package puts the library, for this machine's architecture.
    public static var library: String? {
        ["x86_64", "aarch64"].map { "/usr/lib/\($0)-linux-gnu/faketime/libfaketime.so.1" }
            .first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `executable` with `arguments`, its wall clock `offsetSeconds` ahead of the real one (behind when
    /// negative), as a command line to start. A shell already under libfaketime execs the program: a
    /// program libfaketime is loaded into first gets a `setenv` from its constructor, which moves
    /// `environ` off the stack, and a Swift program, which finds its arguments from there, loses them.
    public static func command(_ executable: String, _ arguments: [String], offsetSeconds: Int) throws -> (executable: String, arguments: [String]) {
        guard let library else {
            throw ProcessFailure("libfaketime is missing: apt-get install libfaketime (scripts/ensure-deps.sh test does)")
        }
        let environment = [
            "LD_PRELOAD=" + library, "FAKETIME=" + (offsetSeconds >= 0 ? "+" : "") + String(offsetSeconds),
            "FAKETIME_DONT_FAKE_MONOTONIC=1", "NO_FAKE_STAT=1", "FAKETIME_DONT_RESET=1",
        ]
        return ("/usr/bin/env", environment + ["/bin/sh", "-c", #"exec "$0" "$@""#, executable] + arguments)
    }
}
