#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskSystem

/// The input code's system calls, through ``POSIXCall``: `EINTR` retried, `EAGAIN` as a value,
/// anything else a `SystemCallError` naming the call and path.
enum InputSyscall {
    /// What a non-blocking `read(2)` gave.
    enum ReadResult {
        case bytes(Int)
        case endOfFile
        case wouldBlock
    }

    /// `open(2)`.
    static func openFile(_ path: String, flags: Int32, mode: mode_t = 0) throws -> Int32 {
        try POSIXCall.require("open", subject: path) { open(path, flags, mode) }
    }

    /// `close(2)`; its result is ignored, as the descriptor is released either way on Linux.
    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// `read(2)` into `buffer`.
    static func readBytes(_ descriptor: Int32, into buffer: inout [UInt8], path: String) throws -> ReadResult {
        let count = try buffer.withUnsafeMutableBytes { raw in
            try POSIXCall.run("read", subject: path) { read(descriptor, raw.baseAddress, raw.count) }
        }
        guard let count else { return .wouldBlock }
        return count == 0 ? .endOfFile : .bytes(count)
    }

    /// The whole contents of the regular file at `path`, read with blocking `read(2)` calls.
    static func readWholeFile(_ path: String) throws -> [UInt8] {
        let descriptor = try openFile(path, flags: O_RDONLY | O_CLOEXEC)
        defer { closeDescriptor(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while case .bytes(let count) = try readBytes(descriptor, into: &buffer, path: path) {
            contents.append(contentsOf: buffer[0..<count])
        }
        return contents
    }

    /// Creates or truncates `path` (mode 0644), writes all of `bytes` and `fsync`s it.
    static func writeWholeFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = try openFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o644)
        defer { closeDescriptor(descriptor) }
        try writeAll(descriptor, bytes, path: path)
        guard fsync(descriptor) == 0 else { throw SystemCallError(call: "fsync", subject: path, errno: errno) }
    }

    /// `write(2)` until all of `bytes` is written (a blocking descriptor).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let count = try bytes[written...].withUnsafeBytes { raw in
                try POSIXCall.run("write", subject: path) { write(descriptor, raw.baseAddress, raw.count) }
            }
            written += count ?? 0
        }
    }

    /// `stat(2)`; nil when nothing exists at `path`.
    static func status(_ path: String) throws -> stat? {
        var status = stat()
        let result = stat(path, &status)
        if result == 0 { return status }
        if errno == ENOENT { return nil }
        throw SystemCallError(call: "stat", subject: path, errno: errno)
    }

    /// `mkfifo(3)`; succeeds if a FIFO was made concurrently by someone else.
    static func makeFIFO(_ path: String, mode: mode_t) throws {
        if mkfifo(path, mode) == 0 || errno == EEXIST { return }
        throw SystemCallError(call: "mkfifo", subject: path, errno: errno)
    }
}
