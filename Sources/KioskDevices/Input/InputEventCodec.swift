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
        let decoded = bytes.withContiguousStorageIfAvailable { decode(UnsafeRawBufferPointer($0)) }
        return decoded ?? Array(bytes).withUnsafeBytes { decode($0) }
    }

    /// Decodes whole records from raw memory, reading each field in place.
    public static func decode(_ raw: UnsafeRawBufferPointer) -> (events: [InputEvent], consumed: Int) {
        let count = raw.count / recordSize
        let events = [InputEvent](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let start = index * recordSize
                buffer.initializeElement(
                    at: index,
                    to: InputEvent(
                        seconds: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: Int64.self)),
                        microseconds: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8, as: Int64.self)),
                        type: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 16, as: UInt16.self)),
                        code: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 18, as: UInt16.self)),
                        value: Int32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 20, as: Int32.self))))
            }
            initialized = count
        }
        return (events, count * recordSize)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
