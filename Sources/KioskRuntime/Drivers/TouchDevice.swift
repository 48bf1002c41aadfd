import KioskCore
import KioskDevices
import KioskSystem

/// The kiosk's touchscreen: finds it (a named node, or the first matching touchscreen in a
/// directory such as `/dev/input`), grabs it, reads its axis ranges, applies the calibration,
/// turns its events into ``Gesture``s, and when it goes away reopens it with backoff.
///
/// Also reads a FIFO or file of `struct input_event` records (the virtual touchscreen) and, with
/// input kind `evemu`, replays a recording once.
final class TouchDevice {
    private let config: InputConfig
    private let screen: ScreenSize
    private let stateDirectory: String
    private var reader: EvdevReader?
    private var touch: TouchInput?
    private var pendingRecording: [InputEvent] = []
    private var nextAttempt: UInt64 = 0
    private var backoff: UInt64 = TouchDevice.firstBackoff
    /// Whether a second tap on one spot within the debounce window is ignored (off for the speech guidance).
    var debouncesTaps = true {
        didSet { touch?.debouncesTaps = debouncesTaps }
    }
    /// What is open, for the log and the ready line (e.g. `/dev/input/event3 "ILITEK" 222a:0001`).
    private(set) var summary = "not open"

    static let firstBackoff: UInt64 = 250_000_000
    static let longestBackoff: UInt64 = 8_000_000_000

    init(config: InputConfig, screen: ScreenSize, stateDirectory: String) {
        self.config = config
        self.screen = screen
        self.stateDirectory = stateDirectory
    }

    /// True while the touchscreen is open (for a recording: until it is loaded).
    var isPresent: Bool { touch != nil }

    /// The descriptor to `poll()` for input, if there is one worth waiting on.
    var pollDescriptor: Int32? {
        guard let reader, !reader.isAtEnd else { return nil }
        return reader.fileDescriptor
    }

    /// Opens the touchscreen if it is missing and its backoff has passed; then lets time pass for
    /// long presses and stuck contacts, and replays a loaded recording.
    /// - Parameter now: monotonic nanoseconds.
    func housekeeping(now: UInt64) -> [Gesture] {
        if touch == nil && now >= nextAttempt { open(now: now) }
        guard var input = touch else { return [] }
        var gestures: [Gesture] = []
        if !pendingRecording.isEmpty {
            // A recording's timestamps can be anything: offsets are saturated and clamped (issue 13).
            let start = pendingRecording[0].timeMicroseconds
            for event in pendingRecording {
                let at = Int64(now / 1000) + GestureReplay.offset(of: event, since: start)
                gestures += input.advance(to: at)
                if let gesture = input.feed(event, at: at) { gestures.append(gesture) }
            }
            pendingRecording = []
        }
        gestures += input.advance(to: Int64(now / 1000))
        touch = input
        return gestures
    }

    /// Reads what is ready. A device that has gone (`ENODEV`) or fails is closed and retried later.
    /// - Parameter now: monotonic nanoseconds when the read began (the time the gestures carry).
    func read(now: UInt64) -> [Gesture] {
        guard let reader, var input = touch else { return [] }
        var gestures: [Gesture] = []
        do {
            for event in try reader.readAvailable() {
                if event.type == InputCode.synchronization && event.code == InputCode.synDropped {
                    Log.write(.warning, "touchscreen: the kernel dropped events (SYN_DROPPED); contacts resynchronised from the device")
                }
                if let gesture = input.feed(event, at: Int64(now / 1000)) { gestures.append(gesture) }
            }
            touch = input
        } catch {
            Log.write(.error, "touchscreen missing: \(error); reopening with backoff")
            lose(now: now)
        }
        return gestures
    }

    /// Reads touches through the calibration as saved now (or configured, when none is), at once.
    /// - Throws: when the saved calibration cannot be read; the one in use stays.
    func recalibrate() throws {
        let matrix = try matrix()
        touch?.recalibrate(matrix)
    }

    /// The calibration touches are read through, nil while no touchscreen is open.
    var calibration: CalibrationMatrix? { touch?.calibration }

    func close() {
        reader?.close()
        reader = nil
    }

    private func lose(now: UInt64) {
        close()
        touch = nil
        summary = "missing"
        nextAttempt = now + backoff
    }

    private func open(now: UInt64) {
        do {
            switch config.kind {
            case .evemu: try openRecording()
            case .evdev: try openDevice(now: now)
            }
            backoff = Self.firstBackoff
            Log.write(.info, "touchscreen: \(summary)")
        } catch {
            if summary != "missing" { Log.write(.error, "touchscreen missing: \(error); retrying with backoff") }
            summary = "missing"
            nextAttempt = now + backoff
            backoff = min(backoff * 2, Self.longestBackoff)
        }
    }

    private func openRecording() throws {
        let recording = try EvemuRecording.withDescription(config.path)
        let xRange = recording.xRange ?? config.xRange ?? InputGeometry.virtualRange
        let yRange = recording.yRange ?? config.yRange ?? InputGeometry.virtualRange
        touch = TouchInput(
            transform: TouchTransform(xRange: xRange, yRange: yRange, screen: screen, matrix: try matrix()),
            resolution: recording.resolution, timings: config.gestures)
        touch?.debouncesTaps = debouncesTaps
        pendingRecording = recording.events
        summary = "recording \(config.path) (\(recording.events.count) events)"
    }

    private func openDevice(now: UInt64) throws {
        let path = try Self.isDirectory(config.path) ? try discover() : config.path
        // A missing node under /dev is an unplugged device to wait for; elsewhere, make the virtual FIFO.
        let reader = try EvdevReader(path: path, createFIFO: !path.hasPrefix("/dev/"))
        var xRange = config.xRange ?? InputGeometry.virtualRange, yRange = config.yRange ?? InputGeometry.virtualRange
        var resolution: (x: Int32, y: Int32)?
        summary = path
        if let identity = reader.identity() {
            try reader.grab()
            reader.useMonotonicClock()
            // The kind decides which axes carry the position: a single-touch panel answers EVIOCGABS
            // for the multitouch axes too, with a 0..0 range (issue 13).
            if let axes = reader.capabilities().touchPositionAxes, let x = reader.axisInfo(axes.x),
                let y = reader.axisInfo(axes.y)
            {
                (xRange, yRange) = (x.range, y.range)
                resolution = (x.resolution, y.resolution)
            }
            summary = "\(path) \"\(identity.name)\" \(identity.vendorProduct), grabbed"
        }
        var input = TouchInput(
            transform: TouchTransform(xRange: xRange, yRange: yRange, screen: screen, matrix: try matrix()),
            resolution: resolution, timings: config.gestures)
        input.start(from: reader.currentState(), at: Int64(now / 1000))
        input.debouncesTaps = debouncesTaps
        touch = input
        self.reader = reader
    }

    /// The technician's saved calibration if there is one (it was measured on the screen as
    /// mounted, so it replaces the configured one and the orientation); else the configured
    /// calibration followed by the orientation.
    func matrix() throws -> CalibrationMatrix {
        if let saved = try CalibrationFile.load(stateDirectory: stateDirectory) { return saved }
        let configured = config.calibration.map(CalibrationMatrix.init) ?? .identity
        return CalibrationMatrix.orientation(config.orientation).after(configured)
    }

    /// The first touchscreen among `event*` in the directory `config.path` that satisfies `config.match`.
    private func discover() throws -> String {
        var candidates: [TouchscreenSelector.Candidate] = []
        for name in try Self.entries(config.path) where name.hasPrefix("event") {
            let path = config.path + "/" + name
            guard let reader = try? EvdevReader(path: path, createFIFO: false), let identity = reader.identity() else {
                continue
            }
            candidates.append(.init(path: path, identity: identity, capabilities: reader.capabilities()))
        }
        guard let chosen = TouchscreenSelector.choose(candidates, match: config.match) else {
            throw TouchscreenNotFound(directory: config.path, devicesSeen: candidates.count)
        }
        return chosen.path
    }

    private static func isDirectory(_ path: String) throws -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    private static func entries(_ directory: String) throws -> [String] {
        guard let stream = opendir(directory) else { throw SystemCallError(call: "opendir", subject: directory, errno: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) })
        }
        return names
    }
}

/// No device in the searched directory is a touchscreen that satisfies `input.match`.
struct TouchscreenNotFound: Error, CustomStringConvertible {
    var directory: String
    var devicesSeen: Int
    var description: String {
        "no touchscreen in \(directory) (\(devicesSeen) input devices seen): plug it in, or check input.match"
    }
}
