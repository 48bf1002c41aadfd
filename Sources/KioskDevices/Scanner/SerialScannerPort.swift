#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif
import KioskSystem

/// A serial barcode scanner (USB CDC-ACM, `/dev/ttyACM*`) opened in raw mode.
///
/// The termios setup is `cfmakeraw` at the configured speed, receiver on, modem lines ignored,
/// and non-blocking reads, so bytes arrive exactly as the scanner sends them.
public final class SerialScannerPort {
    public let path: String
    public private(set) var fileDescriptor: Int32

    /// Baud rates a scanner profile may name.
    public static let speeds: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600),
        19200: speed_t(B19200), 38400: speed_t(B38400), 57600: speed_t(B57600), 115200: speed_t(B115200),
    ]

    /// Opens `path` and configures it; throws an error naming the call, the path and errno.
    public init(path: String, baud: Int) throws {
        guard let speed = Self.speeds[baud] else {
            throw SystemCallError(call: "serial speed \(baud)", subject: path, errno: EINVAL)
        }
        self.path = path
        fileDescriptor = try POSIXCall.require("open", subject: path) { open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC) }
        do {
            var settings = termios()
            try POSIXCall.require("tcgetattr", subject: path) { tcgetattr(fileDescriptor, &settings) }
            cfmakeraw(&settings)
            settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
            withUnsafeMutableBytes(of: &settings.c_cc) { cc in
                cc[Int(VMIN)] = 1  // With O_NONBLOCK: no data is EAGAIN, and 0 bytes means hung up.
                cc[Int(VTIME)] = 0
            }
            try POSIXCall.require("cfsetispeed", subject: path) { cfsetispeed(&settings, speed) }
            try POSIXCall.require("cfsetospeed", subject: path) { cfsetospeed(&settings, speed) }
            try POSIXCall.require("tcsetattr", subject: path) { tcsetattr(fileDescriptor, TCSANOW, &settings) }
            _ = tcflush(fileDescriptor, TCIFLUSH)  // Drop anything typed before we listened.
        } catch {
            POSIXCall.closeIgnoringErrors(fileDescriptor)
            throw error
        }
    }

    deinit { close() }

    /// Every byte readable now; empty when nothing is waiting.
    public func readAvailable() throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = try buffer.withUnsafeMutableBytes { raw in
                try POSIXCall.run("read", subject: path) { read(fileDescriptor, raw.baseAddress, raw.count) }
            }
            guard let count else { return out }
            // End of file on a terminal: the scanner was unplugged (or the line hung up).
            guard count > 0 else { throw SystemCallError(call: "read", subject: "\(path) (hung up)", errno: ENODEV) }
            out += buffer[0..<count]
        }
    }

    /// Closes the port; safe to call twice.
    public func close() {
        guard fileDescriptor >= 0 else { return }
        POSIXCall.closeIgnoringErrors(fileDescriptor)
        fileDescriptor = -1
    }
}
