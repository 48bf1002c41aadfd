#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskCore
import KioskDevices
import Testing

/// Kernel-format event streams through a real FIFO into the real reader and touch path.
@Suite struct EvdevStreamTests {
    let scaler = AxisScaler(
        xRange: AxisRange(minimum: 0, maximum: 4095), yRange: AxisRange(minimum: 0, maximum: 4095),
        screen: ScreenSize(width: 1080, height: 1920))

    func withFIFO(_ body: (EvdevReader, Int32) throws -> Void) throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let reader = try EvdevReader(path: directory + "/touch.fifo", createFIFO: true)
            defer { reader.close() }
            let writer = open(directory + "/touch.fifo", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            try #require(writer >= 0)
            defer { close(writer) }
            try body(reader, writer)
        }
    }

    @Test func synDroppedMidGestureIsReplacedByAnEmptyResyncAndNothingSticks() throws {
        try withFIFO { reader, writer in
            var input = TouchInput(transform: TouchTransform(xRange: scaler.xRange, yRange: scaler.yRange, screen: scaler.screen))
            let down = Array(SyntheticTouch.tap(x: 100, y: 200, scaler: scaler, trackingID: 1).prefix(8))  // touch-down frame
            let lost: [InputEvent] = [.synDropped, .absolute(InputCode.mtTrackingID, -1), .key(InputCode.buttonTouch, 0)]
            // The overrun swallowed the lift; the SYN_REPORT after it closes the broken frame.
            try InputTestFiles.writeAll(InputEventCodec.encode(down + lost), to: writer)
            var gestures = try reader.readAvailable().compactMap { input.feed($0, at: 0) }
            try InputTestFiles.writeAll(InputEventCodec.encode([.synReport]), to: writer)
            let resync = try reader.readAvailable()
            #expect(resync == [.synReport, .synReport])  // a FIFO has no state to ask: an empty resync frame
            gestures += resync.compactMap { input.feed($0, at: 10_000) }
            #expect(gestures.isEmpty)
            #expect(input.activeContactCount == 0)
            // The next tap works.
            try InputTestFiles.writeAll(InputEventCodec.encode(SyntheticTouch.tap(x: 500, y: 900, scaler: scaler, trackingID: 2)), to: writer)
            let next = try reader.readAvailable().compactMap { input.feed($0, at: 500_000) }
            #expect(next.map(\.point.tap) == [Tap(x: 500, y: 900)])
        }
    }

    /// 10,000 events per second for a second, written in ten bursts: every burst is read whole at
    /// the next read (no backlog), the reader keeps no more than a partial record, and the touch
    /// state stays bounded; every tap in the storm is recognised.
    @Test func stormOfTenThousandEventsPerSecondLeavesNoBacklogAndNoGrowth() throws {
        try withFIFO { reader, writer in
            var timings = GestureTimings()
            timings.debounceMilliseconds = 0
            var input = TouchInput(
                transform: TouchTransform(xRange: scaler.xRange, yRange: scaler.yRange, screen: scaler.screen), timings: timings)
            var taps = 0, tapsSent = 0
            for burst in 0..<10 {
                var events: [InputEvent] = []
                while events.count < 1000 {
                    // Alternating contacts in two slots with moves: worst case for the tracker.
                    let id = Int32(burst * 1000 + events.count)
                    events += SyntheticTouch.tap(x: (events.count * 7) % 1080, y: (events.count * 13) % 1920, scaler: scaler, trackingID: id)
                    tapsSent += 1
                }
                try InputTestFiles.writeAll(InputEventCodec.encode(events), to: writer)
                let read = try reader.readAvailable()
                #expect(read.count == events.count)
                #expect(reader.bufferedByteCount == 0)
                taps += read.compactMap { input.feed($0, at: Int64(burst) * 100_000) }.filter(\.isTap).count
                #expect(input.activeContactCount == 0)
                usleep(100_000)
            }
            #expect(taps == tapsSent)
        }
    }
}
