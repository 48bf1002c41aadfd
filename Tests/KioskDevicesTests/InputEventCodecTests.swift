import KioskDevices
import Testing

@Suite struct InputEventCodecTests {
    /// One record written out by hand: tv_sec 1, tv_usec 2, EV_ABS (3), ABS_MT_TRACKING_ID (0x39), −1.
    let trackingEndRecord: [UInt8] = [
        0x01, 0, 0, 0, 0, 0, 0, 0,
        0x02, 0, 0, 0, 0, 0, 0, 0,
        0x03, 0x00,
        0x39, 0x00,
        0xff, 0xff, 0xff, 0xff,
    ]

    @Test func recordIsTheKernels24Bytes() {
        #expect(InputEventCodec.recordSize == 24)
    }

    @Test func decodesTheKernelLayout() {
        let decoded = InputEventCodec.decode(trackingEndRecord)
        #expect(decoded.consumed == 24)
        #expect(
            decoded.events == [
                InputEvent(seconds: 1, microseconds: 2, type: InputCode.absolute, code: InputCode.mtTrackingID, value: -1)
            ])
    }

    @Test func encodesTheKernelLayout() {
        let event = InputEvent(seconds: 1, microseconds: 2, type: 3, code: 0x39, value: -1)
        #expect(InputEventCodec.encode([event]) == trackingEndRecord)
    }

    @Test func roundTripsExtremeAndNegativeValues() {
        let events = [
            InputEvent(seconds: Int64.max, microseconds: 999_999, type: UInt16.max, code: 0, value: Int32.min),
            InputEvent(seconds: -1, microseconds: 0, type: InputCode.key, code: InputCode.buttonTouch, value: 1),
            InputEvent(seconds: 1_700_000_000, microseconds: 5, type: 0, code: UInt16.max, value: Int32.max),
        ]
        let bytes = InputEventCodec.encode(events)
        #expect(bytes.count == 3 * 24)
        let decoded = InputEventCodec.decode(bytes)
        #expect(decoded.events == events)
        #expect(decoded.consumed == bytes.count)
    }

    @Test func leavesAPartialRecordUnconsumed() {
        let bytes = InputEventCodec.encode([.synReport, .synDropped]) + [0xaa, 0xbb, 0xcc]
        let decoded = InputEventCodec.decode(bytes[...])
        #expect(decoded.events == [.synReport, .synDropped])
        #expect(decoded.consumed == 48)

        let tooShort = InputEventCodec.decode(bytes.prefix(23))
        #expect(tooShort.events.isEmpty)
        #expect(tooShort.consumed == 0)
    }

    @Test func decodesFromASliceThatDoesNotStartAtZero() {
        let bytes = [0x00, 0x00] + trackingEndRecord
        let decoded = InputEventCodec.decode(bytes.dropFirst(2))
        #expect(decoded.events.first?.value == -1)
        #expect(decoded.consumed == 24)
    }
}
