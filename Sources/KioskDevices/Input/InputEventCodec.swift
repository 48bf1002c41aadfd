import CLinux

/// Encodes and decodes the 24-byte `struct input_event` layout of 64-bit Linux:
/// `tv_sec` and `tv_usec` as little-endian Int64, then UInt16 type, UInt16 code, Int32 value.
public enum InputEventCodec {
    /// Bytes in one record, from the C shim (24).
    public static let recordSize = Int(clinux_input_event_size())

    /// The records for `events`, in order.
    public static func encode(_ events: [InputEvent]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * recordSize)
        for event in events {
            appendLittleEndian(event.seconds, to: &bytes)
            appendLittleEndian(event.microseconds, to: &bytes)
            appendLittleEndian(event.type, to: &bytes)
            appendLittleEndian(event.code, to: &bytes)
            appendLittleEndian(event.value, to: &bytes)
        }
        return bytes
    }

    /// Decodes whole records from the front of `bytes`; returns the events and how many bytes were used.
    /// A trailing partial record is left unconsumed.
    public static func decode(_ bytes: some Collection<UInt8>) -> (events: [InputEvent], consumed: Int) {
        let bytes = Array(bytes)
        let count = bytes.count / recordSize
        var events: [InputEvent] = []
        events.reserveCapacity(count)
        for index in 0..<count {
            let start = index * recordSize
            events.append(
                InputEvent(
                    seconds: readLittleEndian(Int64.self, bytes, at: start),
                    microseconds: readLittleEndian(Int64.self, bytes, at: start + 8),
                    type: readLittleEndian(UInt16.self, bytes, at: start + 16),
                    code: readLittleEndian(UInt16.self, bytes, at: start + 18),
                    value: readLittleEndian(Int32.self, bytes, at: start + 20)))
        }
        return (events, count * recordSize)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func readLittleEndian<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var value = T.zero
        for byteIndex in (0..<MemoryLayout<T>.size).reversed() {
            value = (value << 8) | T(truncatingIfNeeded: bytes[offset + byteIndex])
        }
        return value
    }
}
