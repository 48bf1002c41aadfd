import KioskCore
import KioskDevices

/// `kioskctl scan CODE`: types a code into the kiosk's virtual (FIFO) keyboard-wedge scanner,
/// as a real scanner would, for demonstrations and tests.
enum KioskctlScanCommand {
    static let usage = "  scan CODE            type CODE into the kiosk's scanner FIFO, as a keyboard-wedge scanner does"

    static func run(_ code: String, loaded: ConfigFiles.Loaded) throws {
        guard let scanner = loaded.config.scanner, let settings = loaded.scanner else {
            throw KioskctlCommand.Failure(description: "the configuration has no scanner")
        }
        guard settings.transport == .evdev else {
            throw KioskctlCommand.Failure(description: "scan only types into an evdev (keyboard-wedge) scanner FIFO")
        }
        let suffix: ScanFraming.Suffix =
            switch settings.suffix {
            case .enter: .enter
            case .tab: .tab
            case .none: .none
            }
        guard let events = SyntheticScanner.type(settings.prefix + code, suffix: suffix) else {
            throw KioskctlCommand.Failure(description: "a US-layout scanner cannot type that code", status: 64)
        }
        var info = stat()
        guard stat(scanner.path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO else {
            throw KioskctlCommand.Failure(description: "\(scanner.path) is not a FIFO: scan only writes to a virtual scanner")
        }
        let fd = open(scanner.path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO { throw KioskctlCommand.Failure(description: "kioskd is not reading \(scanner.path): is it running?") }
            throw SystemError(call: "open", subject: scanner.path, errno: errno)
        }
        defer { close(fd) }
        let bytes = InputEventCodec.encode(events)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw SystemError(call: "write", subject: scanner.path, errno: errno) }
    }
}
