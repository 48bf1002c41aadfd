import CLinux
import Foundation

/// A kernel input device made through `/dev/uinput` (Documentation/input/uinput.rst): the kernel's
/// own evdev node, grab, buffering and `SYN_DROPPED` sit between it and whoever reads it.
final class UInputDevice {
    /// The devices the rig plugs in.
    enum Kind {
        /// Multitouch protocol B with single-touch emulation (`ABS_X`/`ABS_Y`, `BTN_TOUCH`), `INPUT_PROP_DIRECT`.
        case multitouch
        /// `ABS_X`/`ABS_Y` and `BTN_TOUCH` only, `INPUT_PROP_DIRECT`; ranges that do not start at 0.
        case singleTouch
        /// Letter, digit, shift and enter keys.
        case keyboard
        /// Relative axes and buttons.
        case mouse
    }

    let kind: Kind
    let name: String
    /// The touch axes' ranges (device units), for turning screen points into device positions.
    let xRange: ClosedRange<Int32>
    let yRange: ClosedRange<Int32>
    private var fd: Int32
    private var trackingID: Int32 = 0

    /// Creates the device; it appears as `/dev/input/eventN` (see ``eventNode``).
    init(_ kind: Kind, name: String) throws {
        self.kind = kind
        self.name = name
        switch kind {
        case .multitouch: (xRange, yRange) = (0...4095, 0...8191)
        case .singleTouch: (xRange, yRange) = (200...3900, 150...3950)
        case .keyboard, .mouse: (xRange, yRange) = (0...0, 0...0)
        }
        fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw AgentError("open /dev/uinput: errno \(errno)") }
        do {
            try configure()
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    deinit { unplug() }

    /// `/dev/input/eventN` of this device, waiting up to 5 s for devtmpfs to make it.
    func eventNode() throws -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard clinux_ui_get_sysname(fd, &buffer, Int32(buffer.count)) >= 0 else {
            throw AgentError("UI_GET_SYSNAME: errno \(errno)")
        }
        let sysfs = "/sys/devices/virtual/input/" + String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return try waitUntil("\(name) has an event node", seconds: 5) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: sysfs)) ?? []
            guard let event = entries.first(where: { $0.hasPrefix("event") }) else { return nil }
            let node = "/dev/input/" + event
            return FileManager.default.fileExists(atPath: node) ? node : nil
        }
    }

    /// `UI_DEV_DESTROY` and close: the device is gone, as when its cable is pulled.
    func unplug() {
        guard fd >= 0 else { return }
        _ = clinux_ui_dev_destroy(fd)
        Glibc.close(fd)
        fd = -1
    }

    /// Writes `events` as `struct input_event` records; the kernel stamps their times.
    func emit(_ events: [RawEvent]) throws {
        var records = events.map { event -> input_event in
            var record = input_event()
            (record.type, record.code, record.value) = (event.type, event.code, event.value)
            return record
        }
        let size = records.count * MemoryLayout<input_event>.stride
        var written = 0
        while written < size {
            let count = records.withUnsafeMutableBytes { write(fd, $0.baseAddress! + written, size - written) }
            guard count > 0 else { throw AgentError("write to uinput: errno \(errno)") }
            written += count
        }
    }

    /// The device position of screen pixel (`x`, `y`) on a `width`×`height` screen.
    func devicePosition(x: Int, y: Int, width: Int, height: Int) -> (x: Int32, y: Int32) {
        func scale(_ pixel: Int, _ pixels: Int, _ range: ClosedRange<Int32>) -> Int32 {
            let span = Int(range.upperBound - range.lowerBound)
            return range.lowerBound + Int32((2 * pixel * span + pixels - 1) / (2 * (pixels - 1)))
        }
        return (scale(x, width, xRange), scale(y, height, yRange))
    }

    /// The frame that puts a finger down at device position `at` (a new contact in slot 0).
    func fingerDown(at position: (x: Int32, y: Int32)) -> [RawEvent] {
        trackingID += 1
        let multitouch: [RawEvent] =
            kind == .multitouch
            ? [
                RawEvent(EV_ABS, ABS_MT_SLOT, 0), RawEvent(EV_ABS, ABS_MT_TRACKING_ID, trackingID),
                RawEvent(EV_ABS, ABS_MT_POSITION_X, position.x), RawEvent(EV_ABS, ABS_MT_POSITION_Y, position.y),
            ] : []
        return multitouch + [
            RawEvent(EV_ABS, ABS_X, position.x), RawEvent(EV_ABS, ABS_Y, position.y), RawEvent(EV_KEY, BTN_TOUCH, 1),
            RawEvent(EV_SYN, SYN_REPORT, 0),
        ]
    }

    /// The frame that moves the finger to `position`.
    func fingerMove(to position: (x: Int32, y: Int32)) -> [RawEvent] {
        let multitouch: [RawEvent] =
            kind == .multitouch
            ? [RawEvent(EV_ABS, ABS_MT_POSITION_X, position.x), RawEvent(EV_ABS, ABS_MT_POSITION_Y, position.y)] : []
        return multitouch + [RawEvent(EV_ABS, ABS_X, position.x), RawEvent(EV_ABS, ABS_Y, position.y), RawEvent(EV_SYN, SYN_REPORT, 0)]
    }

    /// The frame that lifts the finger.
    func fingerUp() -> [RawEvent] {
        (kind == .multitouch ? [RawEvent(EV_ABS, ABS_MT_TRACKING_ID, -1)] : []) + [RawEvent(EV_KEY, BTN_TOUCH, 0), RawEvent(EV_SYN, SYN_REPORT, 0)]
    }

    /// A tap at screen pixel (`x`, `y`): finger down, then up.
    func tap(x: Int, y: Int, screen: (width: Int, height: Int)) throws {
        let position = devicePosition(x: x, y: y, width: screen.width, height: screen.height)
        try emit(fingerDown(at: position) + fingerUp())
    }

    private func configure() throws {
        var bits: [(UInt32, Int32)] = []
        var axes: [(Int32, ClosedRange<Int32>)] = []
        switch kind {
        case .multitouch, .singleTouch:
            bits = [(0, EV_KEY), (0, EV_ABS), (UInt32(EV_KEY), BTN_TOUCH), (UInt32(EV_MAX + 1), INPUT_PROP_DIRECT)]
            axes = [(ABS_X, xRange), (ABS_Y, yRange)]
            if kind == .multitouch {
                axes += [(ABS_MT_SLOT, 0...9), (ABS_MT_TRACKING_ID, 0...65535), (ABS_MT_POSITION_X, xRange), (ABS_MT_POSITION_Y, yRange)]
            }
        case .keyboard:
            bits = [(0, EV_KEY)] + (KEY_ESC...KEY_SLASH).map { (UInt32(EV_KEY), $0) }
        case .mouse:
            bits = [(0, EV_KEY), (0, EV_REL), (UInt32(EV_KEY), BTN_LEFT), (UInt32(EV_KEY), BTN_RIGHT)]
            bits += [(UInt32(EV_REL), REL_X), (UInt32(EV_REL), REL_Y)]
        }
        for (type, code) in bits + axes.map({ (UInt32(EV_ABS), $0.0) }) {
            guard clinux_ui_set_bit(fd, type, code) == 0 else { throw AgentError("UI_SET_*BIT \(type) \(code): errno \(errno)") }
        }
        for (code, range) in axes {
            var setup = uinput_abs_setup()
            setup.code = UInt16(code)
            setup.absinfo.minimum = range.lowerBound
            setup.absinfo.maximum = range.upperBound
            setup.absinfo.resolution = code == ABS_MT_SLOT || code == ABS_MT_TRACKING_ID ? 0 : 10
            guard clinux_ui_abs_setup(fd, &setup) == 0 else { throw AgentError("UI_ABS_SETUP \(code): errno \(errno)") }
        }
        var setup = uinput_setup()
        setup.id.bustype = UInt16(BUS_USB)
        setup.id.vendor = 0x1209
        setup.id.product = 0x7000 + UInt16(kind.productOffset)
        withUnsafeMutableBytes(of: &setup.name) { raw in
            let bytes = Array(name.utf8.prefix(Int(clinux_uinput_max_name_size()) - 1))
            raw.copyBytes(from: bytes)
        }
        guard clinux_ui_dev_setup(fd, &setup) == 0, clinux_ui_dev_create(fd) == 0 else {
            throw AgentError("UI_DEV_SETUP/UI_DEV_CREATE: errno \(errno)")
        }
    }
}

extension UInputDevice.Kind {
    fileprivate var productOffset: Int {
        switch self {
        case .multitouch: 1
        case .singleTouch: 2
        case .keyboard: 3
        case .mouse: 4
        }
    }
}

/// One `struct input_event` to write (the kernel fills in the time).
struct RawEvent {
    var type: UInt16
    var code: UInt16
    var value: Int32

    init(_ type: Int32, _ code: Int32, _ value: Int32) {
        self.type = UInt16(truncatingIfNeeded: type)
        self.code = UInt16(truncatingIfNeeded: code)
        self.value = value
    }
}
