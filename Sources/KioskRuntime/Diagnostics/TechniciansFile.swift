import CSodium
import KioskCore

/// The technicians and their PINs: `/etc/kioskd/technicians` (beside kiosk.json), one `NAME:HASH`
/// line each, or `NAME:HASH:BADGE` for a technician with a badge (`TECH-…`), the hash an Argon2id
/// string from libsodium's `crypto_pwhash_str` (which holds no `:`). Only its owner may
/// read or write it (mode 0600 or stricter); kioskd refuses it otherwise, like the VNC password file.
public enum TechniciansFile {
    /// The file's name in the configuration directory.
    public static let fileName = "technicians"

    /// A technician's line.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var hash: String
        /// The technician's badge, `TECH-…`, when they have one.
        public var badge: String? = nil
    }

    /// Why the file cannot be used.
    public struct Refusal: Error, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "technicians file \(path): \(problem)" }
    }

    /// The file beside the configuration at `configPath`.
    public static func path(besideConfig configPath: String) -> String {
        Files.directory(of: configPath) + "/" + fileName
    }

    /// A name: 1 to 32 of `A`–`Z`, `a`–`z`, `0`–`9`, `.`, `_`, `-` (so it is safe in a log line).
    public static func isValidName(_ name: String) -> Bool {
        (1...32).contains(name.utf8.count) && name.utf8.allSatisfy(nameBytes.contains)
    }

    private static let nameBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".utf8)

    /// The technicians in the file at `path`.
    /// - Throws: ``Refusal`` if it is missing, readable by others, or holds a line that is not `NAME:HASH`.
    public static func load(_ path: String) throws(Refusal) -> [Entry] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw Refusal(path: path, problem: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(path: path, problem: "is not a regular file")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw Refusal(
                path: path,
                problem: "mode \(String(status.st_mode & 0o777, radix: 8)) lets others read it; chmod 600 \(path)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count <= 1 << 20 {
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw Refusal(path: path, problem: "cannot read: \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        var entries: [Entry] = []
        for (index, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard (2...3).contains(fields.count), isValidName(fields[0]), fields[1].hasPrefix("$argon2id$"),
                fields.count == 2 || ScanClassifier.isBadge(fields[2])
            else {
                throw Refusal(
                    path: path, problem: "line \(index + 1) is not NAME:$argon2id$… or NAME:$argon2id$…:TECH-… (see kioskctl technician add)")
            }
            entries.append(Entry(name: fields[0], hash: fields[1], badge: fields.count == 3 ? fields[2] : nil))
        }
        return entries
    }

    /// The technician whose PIN `pin` is, checking every hash (slow on purpose: Argon2id).
    public static func match(_ pin: String, in entries: [Entry]) -> String? {
        guard sodium_init() >= 0 else { return nil }
        let length = UInt64(pin.utf8.count)
        for entry in entries {
            let verified = entry.hash.withCString { hash in
                pin.withCString { crypto_pwhash_str_verify(hash, $0, length) }
            }
            if verified == 0 { return entry.name }
        }
        return nil
    }

    /// Whose `badge` is, among `entries`.
    public static func owner(ofBadge badge: String, in entries: [Entry]) -> String? {
        entries.first { $0.badge == badge }?.name
    }

    /// An Argon2id hash of `pin` with a fresh salt, at libsodium's "interactive" cost.
    public static func hash(_ pin: String) -> String? {
        guard sodium_init() >= 0 else { return nil }
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_strbytes()))
        let length = UInt64(pin.utf8.count)
        let made = pin.withCString {
            crypto_pwhash_str_alg(
                &out, $0, length, UInt64(crypto_pwhash_opslimit_interactive()),
                crypto_pwhash_memlimit_interactive(), crypto_pwhash_alg_argon2id13())
        }
        guard made == 0 else { return nil }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The account kioskd runs as when installed (`User=` of kioskd.service, made by the package's sysusers entry).
    public static let serviceUser = "kioskd"

    /// Who must own the file so that kioskd can read it: for root, `user`'s account when it exists (a file
    /// root kept would be closed to kioskd); nil otherwise (the caller's own file, for a kioskd run as the caller).
    public static func owner(forRoot isRoot: Bool, user: String = serviceUser) -> (uid: uid_t, gid: gid_t)? {
        guard isRoot, let account = getpwnam(user) else { return nil }
        return (account.pointee.pw_uid, account.pointee.pw_gid)
    }

    /// Adds `name` with `pin` (or replaces its PIN) in the file at `path`, with `badge` (nil: the badge it
    /// had, if any), written mode 0600 through a temporary file, `fsync` and `rename`. The file gets `owner`
    /// when given (see ``owner(forRoot:user:)``); otherwise a file already there keeps its owner. A badge is
    /// one technician's: another who had it loses it.
    public static func add(
        name: String, pin: String, badge: String? = nil, to path: String, owner wanted: (uid: uid_t, gid: gid_t)? = nil
    ) throws -> Bool {
        guard isValidName(name) else { throw Refusal(path: path, problem: "\(name) is not a valid name (1–32 of A–Z a–z 0–9 . _ -)") }
        if let badge, !ScanClassifier.isBadge(badge) {
            throw Refusal(path: path, problem: "\(badge) is not a badge (TECH- and 4–16 of A–Z 0–9)")
        }
        guard let hash = hash(pin) else { throw Refusal(path: path, problem: "libsodium could not hash the PIN") }
        var existing: [Entry] = []
        var owner: (uid: uid_t, gid: gid_t)? = wanted
        var status = stat()
        if lstat(path, &status) == 0 {
            existing = try load(path)
            owner = owner ?? (status.st_uid, status.st_gid)
        }
        let replaced = existing.contains { $0.name == name }
        let keptBadge = existing.first { $0.name == name }?.badge
        existing.removeAll { $0.name == name }
        if let badge { for index in existing.indices where existing[index].badge == badge { existing[index].badge = nil } }
        existing.append(Entry(name: name, hash: hash, badge: badge ?? keptBadge))
        let text = "# kioskd technicians: NAME:Argon2id hash of the PIN[:badge] (kioskctl technician add NAME [--badge TECH-…])\n"
            + existing.map { "\($0.name):\($0.hash)" + ($0.badge.map { ":" + $0 } ?? "") + "\n" }.joined()
        let temporary = path + ".new"
        unlink(temporary)
        let fd = try systemCall("open", temporary) { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) } ?? -1
        do {
            _ = try systemCall("fchmod", temporary) { fchmod(fd, 0o600) }
            if let owner { _ = try systemCall("fchown", temporary) { fchown(fd, owner.uid, owner.gid) } }
            try Files.writeAll(fd, text)
            _ = try systemCall("fsync", temporary) { fsync(fd) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        _ = try systemCall("rename", path) { rename(temporary, path) }
        return replaced
    }
}
