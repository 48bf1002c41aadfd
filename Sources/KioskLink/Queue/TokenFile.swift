#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("TokenFile needs a C library with stat(2)")
#endif

/// The kiosk's bearer token, read from a file only its owner may read.
public enum TokenFile {
    /// Why a token file was refused.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var fix: String
        public var description: String { "token file \(path): \(problem). \(fix)" }
    }

    /// The token in `path` (surrounding whitespace removed). Refuses a file whose mode lets
    /// anyone but its owner read or write it (looser than 0600), a non-regular file and an empty one.
    public static func read(_ path: String) throws(Refusal) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw Refusal(path: path, problem: "cannot be read (\(String(cString: strerror(errno))))",
                fix: "Create it with the token `queue-server add-token` printed, owned by the kiosk's user, mode 0600.")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(path: path, problem: "is not a regular file", fix: "Point \"tokenFile\" at a file holding the token.")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw Refusal(
                path: path, problem: "has mode 0\(String(mode, radix: 8)), so other users may read the kiosk's credential",
                fix: "Run: chmod 600 \(path)")
        }
        guard let file = fopen(path, "r") else {
            throw Refusal(path: path, problem: "cannot be opened (\(String(cString: strerror(errno))))", fix: "Check its owner: the kiosk's user must own it.")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while bytes.count <= 4096 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        let token = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == " " || $0 == "\t" })
        guard token.count == 1, let only = token.first, (16...200).contains(only.utf8.count),
            only.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw Refusal(path: path, problem: "does not hold one token (16–200 printable characters, nothing else)",
                fix: "Write only the token `queue-server add-token` printed into it.")
        }
        return String(only)
    }
}
