#if canImport(Glibc)
    import Glibc
#endif

/// The secret a survey answer is filed under (issue 20, F3): a survey row holds
/// HMAC-SHA256(key, ticket id), never the ticket id, so no query can join an answer to its ticket's
/// booking code, counter or call time; the server, which holds the key, can still tell a second answer
/// to one ticket. The key is a file outside the database: 64 hex digits, mode 0600, made at first start.
///
/// A lost key loses one thing: a ticket answered before the loss can be answered once more (within its
/// window, by default the same day). Every answer, report and IKM stays as it was.
struct SurveyKey: Sendable {
    static let length = 32
    private let bytes: [UInt8]

    /// The default file of an SQLite store at `database`: beside it, in the server's state directory.
    static func defaultPath(database: String) -> String { database + ".survey-key" }

    /// The key of `bytes` (tests; 32 bytes).
    init(bytes: [UInt8]) {
        precondition(bytes.count == Self.length, "a survey key is 32 bytes")
        self.bytes = bytes
    }

    /// The key in the file at `path`, made (32 bytes from the system's CSPRNG, mode 0600) when no file is
    /// there. A file that is not 64 hex digits, or that group or others may read, is refused.
    static func load(path: String) throws -> SurveyKey {
        let fresh = TokenMaker.randomBytes(length)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let text = Array((SHA256Hex.hex(fresh) + "\n").utf8)
            let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == text.count, synced == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw StorageFailure("cannot write the survey key \(path): \(reason)")
            }
            // The file's name durable too, before any answer is filed under the key.
            let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            let folder = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if folder >= 0 {
                fsync(folder)
                close(folder)
            }
            return SurveyKey(bytes: fresh)
        }
        guard errno == EEXIST else { throw StorageFailure("cannot make the survey key \(path): \(String(cString: strerror(errno)))") }
        return try read(path: path)
    }

    private static func read(path: String) throws -> SurveyKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw StorageFailure("cannot read the survey key \(path): \(String(cString: strerror(errno)))") }
        guard status.st_mode & 0o077 == 0 else {
            throw StorageFailure("the survey key \(path) may be read by others (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 \(path)")
        }
        guard let file = fopen(path, "re") else { throw StorageFailure("cannot read the survey key \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 2 * length + 2)
        let count = fread(&buffer, 1, buffer.count, file)
        var digits = Array(buffer[..<count])
        if digits.last == 0x0A { digits.removeLast() }
        guard let bytes = hexBytes(digits), bytes.count == length else {
            throw StorageFailure("the survey key \(path) is not 64 hex digits: restore it from a backup, or remove it to make a new one (docs/survey.md)")
        }
        return SurveyKey(bytes: bytes)
    }

    private static func hexBytes(_ digits: [UInt8]) -> [UInt8]? {
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x61...0x66: digit - 0x61 + 10
            case 0x41...0x46: digit - 0x41 + 10
            default: nil
            }
        }
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    /// What a survey row holds for `ticketID` (lower case, as stored): HMAC-SHA256 under this key, as 64 hex digits.
    func hash(ticketID: String) -> String { HMACSHA256.hex(key: bytes, Array(ticketID.utf8)) }
}
