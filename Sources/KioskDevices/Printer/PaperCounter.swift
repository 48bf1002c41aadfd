import KioskCore
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Paper printed since the last roll change, kept in a small file in the state directory so that
/// it survives restarts; `kioskctl printer reset-paper` starts it again at a new roll.
///
/// Each update reads the file, adds, and replaces it atomically (write a temporary file, `fsync`,
/// `rename`), so a reset written by kioskctl while kioskd runs is not lost.
public struct PaperCounter: Sendable {
    /// The counter file, e.g. `/var/lib/kioskd/paper-used-mm`.
    public let path: String
    /// The length of a full roll.
    public let rollMillimetres: Int
    /// Below this much paper left, the printer is reported as near its end.
    public let warnBelowMillimetres: Int

    /// A counter in `path` for rolls of `rollMillimetres`, warning when a tenth of the roll is left.
    public init(path: String, rollMillimetres: Int) {
        self.path = path
        self.rollMillimetres = rollMillimetres
        self.warnBelowMillimetres = rollMillimetres / 10
    }

    /// Millimetres printed since the last reset (0 when the file is missing or unreadable).
    public func usedMillimetres() -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return 0 }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingPrefix(" ")
        return Int(text.split(separator: "\n").first ?? "") ?? 0
    }

    /// Estimated paper left on the roll, never below 0.
    public func remainingMillimetres() -> Int { max(0, rollMillimetres - usedMillimetres()) }

    /// Whether the roll is estimated to be near its end.
    public var isNearEnd: Bool { remainingMillimetres() < warnBelowMillimetres }

    /// Adds `millimetres` printed; returns the new total.
    @discardableResult
    public func add(_ millimetres: Int) throws -> Int {
        let total = usedMillimetres() + max(0, millimetres)
        try store(total)
        return total
    }

    /// A new roll: the counter starts again at 0.
    public func reset() throws { try store(0) }

    private func store(_ value: Int) throws {
        let temporary = path + ".tmp"
        let bytes = Array("\(value)\n".utf8)
        do throws(SystemCallError) {
            let fd = try POSIXCall.require("open") { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
            defer { POSIXCall.closeIgnoringErrors(fd) }
            try POSIXCall.require("write") { bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } }
            try POSIXCall.require("fsync") { fsync(fd) }
            try POSIXCall.require("rename") { rename(temporary, path) }
        } catch {
            throw PrinterError(printer: path, reason: "paper counter: \(error.description)")
        }
    }
}
