/// Writing files for the technician's commands.
extension Files {
    /// Creates or truncates `path` (mode 0644) for writing; returns the descriptor.
    static func createForWriting(_ path: String) throws -> Int32 {
        guard let fd = try systemCall("open", path, { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }) else {
            throw SystemError(call: "open", subject: path, errno: EAGAIN)
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
