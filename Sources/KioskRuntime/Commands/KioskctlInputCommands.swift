import CLinux
import KioskCore
import KioskDevices
import KioskSystem

/// `kioskctl input record DEVICE FILE` and `kioskctl input replay FILE --screen WxH [--rotation R]`.
enum KioskctlInputCommands {
    static let usage = """
          input record DEVICE FILE
                               record DEVICE's events in evemu format until Ctrl-C (or the end of a file)
          input replay FILE --screen WxH [--rotation R]
                               print one JSON line per gesture an evemu recording makes
        """

    /// Runs `input SUBCOMMAND`; with `json`, record ends with a JSON summary (replay always prints JSON lines).
    static func run(_ arguments: [String], json: Bool = false) throws {
        switch arguments.first {
        case "record":
            guard arguments.count == 3 else {
                throw KioskctlCommand.Failure(description: "usage: kioskctl input record DEVICE FILE", status: 64)
            }
            let events = try record(device: arguments[1], to: arguments[2])
            let summary = ControlAnswer([("device", .text(arguments[1])), ("file", .text(arguments[2])), ("events", .integer(events))])
            KioskctlCommand.show(summary, json: json) {}
        case "replay":
            try replay(Array(arguments.dropFirst()))
        default:
            throw KioskctlCommand.Failure(description: "input needs record or replay; see kioskctl help", status: 64)
        }
    }

    static func replay(_ arguments: [String]) throws {
        let usage = "usage: kioskctl input replay FILE --screen WxH [--rotation 0|90|180|270]"
        guard let file = arguments.first else { throw KioskctlCommand.Failure(description: usage, status: 64) }
        var screen: ScreenSize?
        var rotation = 0
        var rest = arguments.dropFirst()
        while let option = rest.popFirst() {
            guard let value = rest.popFirst() else { throw KioskctlCommand.Failure(description: usage, status: 64) }
            switch option {
            case "--screen":
                let parts = value.split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts.allSatisfy({ (1...7680).contains($0) }) else {
                    throw KioskctlCommand.Failure(description: "--screen wants WIDTHxHEIGHT, e.g. 1080x1920", status: 64)
                }
                screen = ScreenSize(width: parts[0], height: parts[1])
            case "--rotation":
                guard let degrees = Int(value), [0, 90, 180, 270].contains(degrees) else {
                    throw KioskctlCommand.Failure(description: "--rotation is 0, 90, 180 or 270", status: 64)
                }
                rotation = degrees
            default:
                throw KioskctlCommand.Failure(description: usage, status: 64)
            }
        }
        guard let screen else { throw KioskctlCommand.Failure(description: usage, status: 64) }
        let recording = try EvemuRecording.withDescription(file)
        let setup = GestureReplay.Setup(
            screen: screen, matrix: .orientation(TouchOrientation(rotation: rotation)))
        for gesture in try GestureReplay.gestures(recording, setup: setup) { print(GestureReplay.jsonLine(gesture)) }
    }

    /// Writes the device's description, then its events as they come, until SIGINT/SIGTERM, the end
    /// of a regular file, or the device going away; returns how many events it wrote.
    static func record(device: String, to file: String) throws -> Int {
        let signals = clinux_termination_signalfd()
        guard signals >= 0 else { throw SystemCallError(call: "signalfd", subject: "SIGINT", errno: errno) }
        defer { close(signals) }
        let reader = try EvdevReader(path: device, createFIFO: false)
        let output = try Files.createForWriting(file)
        defer { close(output) }
        var axes: [UInt16: AxisInfo] = [:]
        let capabilities = reader.capabilities()
        for code in UInt16(0)...InputCode.absMax where capabilities.has(InputCode.absolute, code) {
            axes[code] = reader.axisInfo(code)
        }
        try Files.writeAll(output, EvemuWriter.header(
            identity: reader.identity() ?? DeviceIdentity(name: device), capabilities: capabilities, axes: axes))
        var count = 0
        while true {
            var fds = [pollfd(fd: signals, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            _ = try systemCall("poll", device) { poll(&fds, 2, reader.isAtEnd ? 0 : -1) }
            if fds[0].revents != 0 { return count }
            let events: [InputEvent]
            do {
                events = try reader.readAvailable()
            } catch let error as SystemCallError where error.isDeviceGone {
                return count
            }
            try Files.writeAll(output, events.map(EvemuWriter.line).joined())
            count += events.count
            if events.isEmpty && reader.isAtEnd { return count }
        }
    }
}
