import KioskDevices
import KioskSystem

/// Writing files for the technician's commands.
extension Files {
    /// Creates or truncates `path` (mode 0644) for writing; returns the descriptor.
    static func createForWriting(_ path: String) throws -> Int32 {
        guard let fd = try systemCall("open", path, { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }) else {
            throw SystemCallError(call: "open", subject: path, errno: EAGAIN)
        }
        return fd
    }

    /// Writes all of `text` to the blocking descriptor `fd`.
    static func writeAll(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = try bytes[written...].withUnsafeBytes { raw in
                try systemCall("write", "output file") { write(fd, raw.baseAddress, raw.count) }
            }
            written += count ?? 0
        }
    }
}

extension Files {
    /// Replaces `path` with `text` atomically: written to a temporary file beside it, flushed to disk,
    /// then renamed over it, so a crash leaves the old file or the new one, never half of either.
    static func replace(_ path: String, with text: String) throws {
        let temporary = path + ".new"
        let fd = try createForWriting(temporary)
        do {
            try writeAll(fd, text)
            _ = try systemCall("fsync", temporary) { fsync(fd) }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        _ = try systemCall("rename", path) { rename(temporary, path) }
    }
}
