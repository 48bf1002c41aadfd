#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import CLinux
import KioskCore
import KioskSystem

/// Reads `struct input_event` records without blocking from an evdev device node, a regular file
/// or a FIFO (Documentation/input/input.rst).
public final class EvdevReader {
    /// The path this reader opened.
    public let path: String
    /// The open descriptor, for `poll()`; −1 after `close()`.
    public private(set) var fileDescriptor: Int32
    /// True once a regular file has been read to its end; false again if it grows.
    public private(set) var isAtEnd = false
    private var pending: [UInt8] = []
    /// An evdev node (or a terminal standing in for one) never reports end of file while it is there.
    private let isCharacterDevice: Bool
    private var isDroppingUntilReport = false
    private var buffer = [UInt8](repeating: 0, count: 256 * InputEventCodec.recordSize)

    /// Opens `path` `O_RDONLY|O_NONBLOCK|O_CLOEXEC`; a FIFO is opened `O_RDWR` so it never reports
    /// end of file when a writer closes.
    /// - Parameter createFIFO: if nothing exists at `path`, make a FIFO there (mode 0620).
    /// - Throws: `SystemCallError` naming the failing call, the path and errno.
    public init(path: String, createFIFO: Bool) throws {
        self.path = path
        var status = try InputSyscall.status(path)
        if status == nil && createFIFO {
            try InputSyscall.makeFIFO(path, mode: 0o620)
            status = try InputSyscall.status(path)
        }
        let isFIFO = status.map { $0.st_mode & S_IFMT == S_IFIFO } ?? false
        isCharacterDevice = status.map { $0.st_mode & S_IFMT == S_IFCHR } ?? false
        let access = isFIFO ? O_RDWR : O_RDONLY
        fileDescriptor = try InputSyscall.openFile(path, flags: access | O_NONBLOCK | O_CLOEXEC)
    }

    deinit { close() }

    /// Everything readable now, as whole records; a partial record is kept for the next call.
    /// Returns [] when nothing is ready.
    /// - Throws: `SystemCallError` that `isDeviceGone` on `ENODEV` (or end of file from a character
    ///   device), or naming the failed `read`.
    public func readAvailable() throws -> [InputEvent] {
        reading: while true {
            switch try InputSyscall.readBytes(fileDescriptor, into: &buffer, path: path) {
            case .bytes(let count):
                pending.append(contentsOf: buffer[0..<count])
                isAtEnd = false
            case .endOfFile:
                // A character device at end of file has gone away (unplugged, or a hung-up terminal).
                if isCharacterDevice { throw SystemCallError(call: "read", subject: path, errno: ENODEV) }
                isAtEnd = true
                break reading
            case .wouldBlock:
                break reading
            }
        }
        let decoded = InputEventCodec.decode(pending)
        pending.removeFirst(decoded.consumed)
        guard isDroppingUntilReport || decoded.events.contains(where: Self.isSynDropped) else { return decoded.events }
        return resynchronised(decoded.events)
    }

    /// Bytes read but not yet a whole record (at most one record's worth).
    public var bufferedByteCount: Int { pending.count }

    /// After `SYN_DROPPED` the events up to the next `SYN_REPORT` are incomplete: they are
    /// replaced by `SYN_DROPPED`, `SYN_REPORT`, then the device's state (``currentState()``, empty
    /// for a FIFO or file) and a `SYN_REPORT`, as libevdev's sync does.
    private func resynchronised(_ events: [InputEvent]) -> [InputEvent] {
        var output: [InputEvent] = []
        output.reserveCapacity(events.count)
        for event in events {
            if Self.isSynDropped(event) {
                if !isDroppingUntilReport { output.append(event) }
                isDroppingUntilReport = true
            } else if isDroppingUntilReport {
                guard event.type == InputCode.synchronization && event.code == InputCode.synReport else { continue }
                isDroppingUntilReport = false
                var report = InputEvent.synReport
                (report.seconds, report.microseconds) = (event.seconds, event.microseconds)
                output.append(report)
                output += currentState().map { state in
                    var stamped = state
                    (stamped.seconds, stamped.microseconds) = (event.seconds, event.microseconds)
                    return stamped
                }
                output.append(report)
            } else {
                output.append(event)
            }
        }
        return output
    }

    private static func isSynDropped(_ event: InputEvent) -> Bool {
        event.type == InputCode.synchronization && event.code == InputCode.synDropped
    }

    /// Closes the descriptor; later reads throw. Calling it twice is harmless.
    public func close() {
        guard fileDescriptor >= 0 else { return }
        InputSyscall.closeDescriptor(fileDescriptor)
        fileDescriptor = -1
    }
}
