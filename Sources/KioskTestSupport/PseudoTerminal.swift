import CLinux
import Foundation
import KioskDevices
import KioskSystem

/// A pseudo-terminal pair: a test writes to the master as a serial scanner would; the real
/// termios setup runs on the slave side, as it would on /dev/ttyACM0.
public final class PseudoTerminal {
    public let master: Int32
    /// The slave's path (`/dev/pts/N`), for a config's scanner `path`.
    public let slavePath: String

    public init() throws {
        var name = [CChar](repeating: 0, count: 128)
        master = clinux_open_pseudo_terminal(&name, name.count)
        guard master >= 0 else { throw SystemCallError(call: "posix_openpt", errno: errno) }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes `bytes` to the master, as the scanner sends them.
    public func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    deinit { close(master) }
}
