import KioskCore
import KioskSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Appends jobs to a file or a character device such as `/dev/usb/lp0`.
///
/// A file cannot confirm anything: a job written whole to a regular file counts as printed (it is
/// on "paper" there, for tests and demonstrations); one written to a device counts as uncertain,
/// since the kernel's printer driver takes bytes without saying whether they printed.
public struct FilePrinter: PrinterTransport {
    public let path: String

    public var name: String { path }

    /// A printer that appends to `path`, creating the file (mode 0644) when it does not exist.
    public init(path: String) {
        self.path = path
    }

    /// Opens `path` with `O_WRONLY|O_APPEND|O_CREAT`, writes every byte (resuming after partial
    /// writes and `EINTR`), and closes it. No `fsync`: a printer device has nothing to sync.
    public func send(_ bytes: [UInt8]) throws {
        _ = try write(bytes)
    }

    /// Writes the job (see `send`): printed on a regular file, uncertain on a device; failed
    /// when nothing could be written. The deadline does not apply: a local write does not hang.
    public func print(_ bytes: [UInt8], within seconds: Double) -> PrintAttempt {
        do {
            let isDevice = try write(bytes)
            return isDevice
                ? PrintAttempt(.uncertain(reason: "\(path) is a device, which cannot confirm printing"), .unknown)
                : PrintAttempt(.printed, .unknown)
        } catch {
            return PrintAttempt(.failed(reason: error.reason), .offline)
        }
    }

    /// Appends `bytes`; returns whether `path` is a character device.
    private func write(_ bytes: [UInt8]) throws(PrinterError) -> Bool {
        do throws(SystemCallError) {
            let fd = try POSIXCall.require("open") { open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644) }
            defer { POSIXCall.closeIgnoringErrors(fd) }
            var written = 0
            while written < bytes.count {
                written += try POSIXCall.require("write") {
                    bytes.withUnsafeBytes { writeToFile(fd, $0.baseAddress! + written, $0.count - written) }
                }
            }
            var info = stat()
            return fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
        } catch {
            throw PrinterError(printer: path, reason: error.description)
        }
    }

    /// A file cannot report paper or cover: `.unknown` when it can be opened for writing, `.offline`
    /// when it cannot (a USB printer's `/dev/usb/lp0` that is unplugged, a missing directory).
    public func condition() -> PrinterCondition {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard fd >= 0 else { return .offline }
        POSIXCall.closeIgnoringErrors(fd)
        return .unknown
    }
}

/// `write(2)` under a name `FilePrinter`'s own `write` does not shadow.
private func writeToFile(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
