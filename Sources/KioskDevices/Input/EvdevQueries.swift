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

/// What an evdev device node says about itself, through the ioctls of linux/input.h (wrapped in the
/// CLinux shim). On a FIFO or regular file every query fails: `isDevice` is false and the
/// answers are nil or empty.
extension EvdevReader {
    /// True if the descriptor is an evdev node that answers `EVIOCGID`.
    public var isDevice: Bool {
        var id = input_id()
        return clinux_eviocgid(fileDescriptor, &id) == 0
    }

    /// `EVIOCGNAME` and `EVIOCGID`; nil for a FIFO or file.
    public func identity() -> DeviceIdentity? {
        var id = input_id()
        guard clinux_eviocgid(fileDescriptor, &id) == 0 else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        let length = clinux_eviocgname(fileDescriptor, &name, Int32(name.count - 1))
        let text = length > 0 ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        return DeviceIdentity(name: text, bus: id.bustype, vendor: id.vendor, product: id.product, version: id.version)
    }

    /// `EVIOCGBIT` for the event types, keys and absolute axes, and `EVIOCGPROP`.
    public func capabilities() -> DeviceCapabilities {
        var capabilities = DeviceCapabilities(properties: bitmask(bits: 32) { clinux_eviocgprop(fileDescriptor, $0, $1) })
        capabilities.bits[0] = bitmask(bits: 32) { clinux_eviocgbit(fileDescriptor, 0, $0, $1) }
        for type in [InputCode.key, InputCode.absolute] {
            let count = Int(type == InputCode.key ? InputCode.keyMax : InputCode.absMax) + 1
            capabilities.bits[type] = bitmask(bits: count) { clinux_eviocgbit(fileDescriptor, UInt32(type), $0, $1) }
        }
        return capabilities
    }

    /// `EVIOCGABS`: range and resolution of absolute axis `code`; nil for a FIFO, a file or an axis the
    /// device does not have (the kernel answers `EVIOCGABS` with zeros for those, so the
    /// `EVIOCGBIT(EV_ABS)` bits decide).
    public func axisInfo(_ code: UInt16) -> AxisInfo? {
        var info = input_absinfo()
        guard absoluteAxes().has(InputCode.absolute, code), clinux_eviocgabs(fileDescriptor, UInt32(code), &info) == 0 else {
            return nil
        }
        return AxisInfo(range: AxisRange(minimum: info.minimum, maximum: info.maximum), resolution: info.resolution)
    }

    /// `EVIOCGRAB`: only this descriptor receives the device's events (no console, no other reader).
    /// - Throws: `SystemCallError` naming `EVIOCGRAB` (`EBUSY` when another process holds the grab).
    public func grab() throws {
        guard clinux_eviocgrab(fileDescriptor, 1) == 0 else { throw SystemCallError(call: "ioctl(EVIOCGRAB)", subject: path, errno: errno) }
    }

    /// `EVIOCSCLOCKID(CLOCK_MONOTONIC)`: event times on the clock the daemon's timers use.
    /// - Returns: false if the descriptor is not a device or the kernel refused.
    @discardableResult
    public func useMonotonicClock() -> Bool { clinux_eviocsclockid(fileDescriptor, CLOCK_MONOTONIC) == 0 }

    /// The device's state now (touch contacts, held modifiers: `EVIOCGABS`, `EVIOCGMTSLOTS`,
    /// `EVIOCGKEY`), as the events of one frame (without its `SYN_REPORT`), for resynchronising
    /// after `SYN_DROPPED` (``ResyncFrame``). Empty for a FIFO or file, whose state cannot be asked.
    public func currentState() -> [InputEvent] {
        guard isDevice else { return [] }
        let keys = DeviceCapabilities(bits: [
            InputCode.key: bitmask(bits: Int(InputCode.keyMax) + 1) { clinux_eviocgkey(fileDescriptor, $0, $1) }
        ])
        let answers = ResyncFrame.Answers(
            axis: { code in
                var info = input_absinfo()
                guard clinux_eviocgabs(self.fileDescriptor, UInt32(code), &info) == 0 else { return nil }
                return (info.value, info.maximum)
            },
            slots: { code, count in self.slotValues(code, count: count) },
            touching: keys.has(InputCode.key, InputCode.buttonTouch), keyDown: { keys.has(InputCode.key, $0) })
        return ResyncFrame.events(capabilities: capabilities(), answers: answers)
    }

    /// The `EV_ABS` bits alone (`EVIOCGBIT(EV_ABS)`).
    private func absoluteAxes() -> DeviceCapabilities {
        let count = Int(InputCode.absMax) + 1
        return DeviceCapabilities(bits: [
            InputCode.absolute: bitmask(bits: count) { clinux_eviocgbit(fileDescriptor, UInt32(InputCode.absolute), $0, $1) }
        ])
    }

    /// `EVIOCGMTSLOTS` for `code`: one value per slot (−1 ids and zero positions if it fails).
    private func slotValues(_ code: UInt16, count: Int) -> [Int32] {
        var buffer = [Int32](repeating: code == InputCode.mtTrackingID ? -1 : 0, count: count + 1)
        buffer[0] = Int32(code)
        let size = Int32(buffer.count * MemoryLayout<Int32>.size)
        guard clinux_eviocgmtslots(fileDescriptor, &buffer, size) >= 0 else {
            return [Int32](repeating: code == InputCode.mtTrackingID ? -1 : 0, count: count)
        }
        return Array(buffer.dropFirst())
    }

    /// A bitmask of `bits` bits filled by `query(buffer, length)`; empty if the query fails.
    private func bitmask(bits: Int, _ query: (UnsafeMutableRawPointer, Int32) -> Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits + 7) / 8)
        let result = bytes.withUnsafeMutableBytes { query($0.baseAddress!, Int32($0.count)) }
        return result < 0 ? [] : Array(bytes.prefix(Int(result)))
    }
}
