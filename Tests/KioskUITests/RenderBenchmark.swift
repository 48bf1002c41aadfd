import KioskCore
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Prints the median time to render each screen. Runs only with `KIOSK_BENCH=1`, in a release build:
/// `KIOSK_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter RenderBenchmark`.
@Suite struct RenderBenchmark {
    static var enabled: Bool { getenv("KIOSK_BENCH") != nil }

    @Test(.enabled(if: enabled)) func medianFrameTimes() throws {
        for screen in Fixtures.screenCases {
            let renderer = try Fixtures.renderer(screen.size)
            let settings = screen.settings
            _ = renderer.render(screen.state, settings: settings, now: Fixtures.now)  // warm the glyph cache
            var times: [Double] = []
            for _ in 0..<15 {
                let start = ContinuousClock.now
                let canvas = renderer.render(screen.state, settings: settings, now: Fixtures.now)
                let elapsed = ContinuousClock.now - start
                #expect(canvas.width == screen.size.width)
                times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            }
            times.sort()
            print("render \(screen.name): median \(times[times.count / 2]) ms, best \(times[0]) ms")
        }
    }
}
