import KioskCore
import KioskDevices

/// The kiosk's barcode scanner: a keyboard-wedge scanner read through evdev (grabbed, so no
/// keystroke reaches a console) or a serial scanner in raw mode; turns what it sends into scans,
/// ends a scan when the gap passes, and reopens the scanner with backoff when it goes away.
final class ScannerDevice {
    private enum Port {
        case keyboard(EvdevReader, KeyboardWedgeDecoder)
        case serial(SerialScannerPort, SerialScanFramer)
    }

    private let path: String
    private let settings: ScannerSettings
    private let framing: ScanFraming
    private var port: Port?
    /// Monotonic nanoseconds of the last key or byte of the scan in progress.
    private var lastInputAt: UInt64 = 0
    private var nextAttempt: UInt64 = 0
    private var backoff: UInt64 = 250_000_000

    init(path: String, settings: ScannerSettings) {
        self.path = path
        self.settings = settings
        let suffix: ScanFraming.Suffix =
            switch settings.suffix {
            case .enter: .enter
            case .tab: .tab
            case .none: .none
            }
        framing = ScanFraming(
            suffix: suffix, gapMilliseconds: settings.gapMilliseconds, prefix: Array(settings.prefix.utf8),
            hasSymbologyIdentifier: settings.symbologyIdentifier)
    }

    /// The device path and transport, for the ready line.
    var summary: String {
        switch settings.transport {
        case .evdev: "evdev \(path)"
        case .serial(let baud): "serial \(path) \(baud) baud"
        }
    }

    /// True while the scanner is open.
    var isPresent: Bool { port != nil }

    /// The descriptor to `poll()`, when open.
    var pollDescriptor: Int32? {
        switch port {
        case .keyboard(let reader, _): reader.fileDescriptor
        case .serial(let serial, _): serial.fileDescriptor
        case nil: nil
        }
    }

    /// Reads what is ready; returns the scans it completes. A failing scanner is closed and retried.
    func read(now: UInt64) -> [RawScan] {
        do {
            switch port {
            case .keyboard(let reader, var decoder):
                let events = try reader.readAvailable()
                if events.contains(where: { $0.type == InputCode.synchronization && $0.code == InputCode.synDropped }) {
                    Log.write(.warning, "scanner \(path): the kernel dropped events (SYN_DROPPED); the cut scan is discarded, Shift and Control resynchronised from the device")
                }
                let scans = events.flatMap { decoder.feed($0) }
                port = .keyboard(reader, decoder)
                lastInputAt = now
                return scans
            case .serial(let serial, var framer):
                let scans = framer.feed(try serial.readAvailable())
                port = .serial(serial, framer)
                lastInputAt = now
                return scans
            case nil:
                return []
            }
        } catch {
            Log.write(.error, "scanner \(path) lost: \(error); reopening with backoff")
            close()
            nextAttempt = now + backoff
            return []
        }
    }

    /// Ends a scan whose gap has passed, and reopens a missing scanner when its backoff is over.
    func housekeeping(now: UInt64) -> [RawScan] {
        if port == nil, now >= nextAttempt { open(now: now) }
        guard now - lastInputAt >= UInt64(settings.gapMilliseconds) * 1_000_000 else { return [] }
        switch port {
        case .keyboard(let reader, var decoder):
            defer { port = .keyboard(reader, decoder) }
            return decoder.finish().map { [$0] } ?? []
        case .serial(let serial, var framer):
            defer { port = .serial(serial, framer) }
            return framer.finish().map { [$0] } ?? []
        case nil:
            return []
        }
    }

    func close() {
        switch port {
        case .keyboard(let reader, _): reader.close()
        case .serial(let serial, _): serial.close()
        case nil: break
        }
        port = nil
    }

    private func open(now: UInt64) {
        do {
            switch settings.transport {
            case .evdev:
                let reader = try EvdevReader(path: path, createFIFO: !path.hasPrefix("/dev/"))
                if reader.identity() != nil { try reader.grab() }
                port = .keyboard(reader, KeyboardWedgeDecoder(framing: framing, limit: ScanClassifier.maximumLength))
            case .serial(let baud):
                port = .serial(
                    try SerialScannerPort(path: path, baud: baud),
                    SerialScanFramer(framing: framing, limit: ScanClassifier.maximumLength))
            }
            backoff = 250_000_000
            Log.write(.info, "scanner \(path) open")
        } catch {
            if backoff == 250_000_000 { Log.write(.warning, "scanner \(path) unavailable: \(error); retrying") }
            nextAttempt = now + backoff
            backoff = min(backoff * 2, 8_000_000_000)
        }
    }
}
