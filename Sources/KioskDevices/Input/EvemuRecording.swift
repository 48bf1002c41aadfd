import KioskCore

/// A touch panel recording in evemu's text format (`evemu-record`): the device's axis ranges from
/// its `A:` lines and its events from its `E:` lines, for replaying real hardware.
public struct EvemuRecording: Sendable, Equatable {
    /// The device name from the `N:` line.
    public var name: String?
    /// Axis ranges from the `A: code min max fuzz flat [resolution]` lines, by `ABS_*` code.
    public var axes: [UInt16: AxisRange]
    /// Resolutions (units per millimetre) from the `A:` lines that give a non-zero one.
    public var resolutions: [UInt16: Int32]
    /// Bus, vendor, product and version from the `I:` line (name from `N:`).
    public var identity: DeviceIdentity?
    /// Capability bits from the `B: type byte…` and `P: byte…` lines.
    public var capabilities: DeviceCapabilities
    /// The events from the `E: seconds.microseconds type code value` lines, in order.
    public var events: [InputEvent]

    /// Parses evemu text; `#` comments, blank lines and the other header lines are skipped.
    /// - Throws: `EvemuRecordingError` for an `A:` or `E:` line that does not parse.
    public init(parsing text: String) throws(EvemuRecordingError) {
        name = nil
        axes = [:]
        resolutions = [:]
        identity = nil
        capabilities = DeviceCapabilities()
        events = []
        // Split on UTF-8 bytes, not Characters: several times faster, and every separator is ASCII.
        for (index, lineBytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let rawLine = Substring(lineBytes.last == UInt8(ascii: "\r") ? lineBytes.dropLast() : lineBytes)
            let line = Substring(rawLine.utf8.prefix { $0 != UInt8(ascii: "#") })
            let fields = line.utf8.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.map(Substring.init)
            guard let tag = fields.first else { continue }
            let lineError = EvemuRecordingError(lineNumber: index + 1, line: String(rawLine))
            switch tag {
            case "N:":
                name = line.dropFirst(2).trimmingSpaces()
            case "A:":
                guard fields.count >= 4, let code = UInt16(fields[1], radix: 16),
                    let minimum = Int32(fields[2]), let maximum = Int32(fields[3])
                else { throw lineError }
                axes[code] = AxisRange(minimum: minimum, maximum: maximum)
                if fields.count >= 7, let resolution = Int32(fields[6]), resolution > 0 { resolutions[code] = resolution }
            case "I:":
                let numbers = fields.dropFirst().compactMap { UInt16($0, radix: 16) }
                guard numbers.count == 4 else { throw lineError }
                identity = DeviceIdentity(
                    name: name ?? "", bus: numbers[0], vendor: numbers[1], product: numbers[2], version: numbers[3])
            case "P:":
                let bytes = fields.dropFirst().compactMap { UInt8($0, radix: 16) }
                guard bytes.count == fields.count - 1 else { throw lineError }
                capabilities.properties += bytes
            case "B:":
                let numbers = fields.dropFirst().compactMap { UInt8($0, radix: 16) }
                guard numbers.count == fields.count - 1, let type = numbers.first else { throw lineError }
                capabilities.bits[UInt16(type), default: []] += numbers.dropFirst()
            case "E:":
                guard fields.count == 5, let event = Self.event(fields) else { throw lineError }
                events.append(event)
            default:
                continue
            }
        }
        identity?.name = name ?? ""
    }

    /// The touch X and Y resolutions in units per millimetre, if the device gives both.
    public var resolution: (x: Int32, y: Int32)? {
        let x = resolutions[InputCode.mtPositionX] ?? resolutions[InputCode.absX]
        let y = resolutions[InputCode.mtPositionY] ?? resolutions[InputCode.absY]
        guard let x, let y else { return nil }
        return (x, y)
    }

    /// Reads the evemu file at `path`; if it has no `A:` lines, the device description is taken from
    /// the `.desc` file next to it named by the part of its name before the first dot (evemu-devices
    /// keeps `Panel.desc` apart from `Panel.1-finger-tap.events`).
    public static func withDescription(_ path: String) throws -> EvemuRecording {
        var recording = try EvemuRecording(contentsOfFile: path)
        guard recording.axes.isEmpty else { return recording }
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let stem = path[slash...].prefix { $0 != "." }
        let descriptionPath = String(path[..<slash]) + stem + ".desc"
        guard descriptionPath != path, try InputSyscall.status(descriptionPath) != nil else { return recording }
        var description = try EvemuRecording(contentsOfFile: descriptionPath)
        description.events = recording.events
        recording = description
        return recording
    }

    /// Reads and parses the evemu file at `path`.
    /// - Throws: `SystemCallError` if the file cannot be read, `EvemuRecordingError` if a line does not parse.
    public init(contentsOfFile path: String) throws {
        try self.init(parsing: String(decoding: InputSyscall.readWholeFile(path), as: UTF8.self))
    }

    /// The touch X range: `ABS_MT_POSITION_X` if the device has it, else `ABS_X`.
    public var xRange: AxisRange? { axes[InputCode.mtPositionX] ?? axes[InputCode.absX] }
    /// The touch Y range: `ABS_MT_POSITION_Y` if the device has it, else `ABS_Y`.
    public var yRange: AxisRange? { axes[InputCode.mtPositionY] ?? axes[InputCode.absY] }

    private static func event(_ fields: [Substring]) -> InputEvent? {
        let time = fields[1].utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map(Substring.init)
        guard time.count == 2, let seconds = Int64(time[0]), let microseconds = Int64(time[1]),
            let type = UInt16(fields[2], radix: 16), let code = UInt16(fields[3], radix: 16),
            let value = Int32(fields[4])
        else { return nil }
        return InputEvent(seconds: seconds, microseconds: microseconds, type: type, code: code, value: value)
    }
}

/// An evemu line that could not be read.
public struct EvemuRecordingError: Error, CustomStringConvertible, Equatable {
    /// 1-based line number.
    public var lineNumber: Int
    public var line: String

    public init(lineNumber: Int, line: String) {
        self.lineNumber = lineNumber
        self.line = line
    }

    public var description: String { "evemu recording line \(lineNumber) is malformed: \(line)" }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
