import KioskDevices
import KioskSystem

/// Small file helpers for the runtime and the technician's tool.
public enum Files {
    /// The whole file at `path` as UTF-8 text; throws a ``SystemCallError`` naming the file.
    public static func readText(_ path: String) throws -> String {
        let fd = try systemCall("open", path) { open(path, O_RDONLY | O_CLOEXEC) } ?? -1
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                try systemCall("read", path) { read(fd, buffer.baseAddress, buffer.count) } ?? 0
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Creates `path` and its missing parents, like `mkdir -p`.
    public static func makeDirectories(_ path: String, mode: UInt32 = 0o750) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode_t(mode)) != 0 && errno != EEXIST {
                throw SystemCallError(call: "mkdir", subject: current, errno: errno)
            }
        }
    }

    /// The directory part of `path` (`/a/b/c.json` → `/a/b`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` made absolute against the current directory.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return cwd + "/" + path
    }
}
