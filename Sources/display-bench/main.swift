import BenchSupport
import KioskCore
import KioskDevices
import KioskDisplay
import KioskRuntime
import KioskUI

#if canImport(Glibc)
    import Glibc
#endif

/// display-bench: the display path at 1080×1920, in process, release build.
///
/// - full frame: the whole screen drawn (`invalidate`) and presented through the DRM backend on a
///   card in RAM (copy at the pitch, page flip), unturned and turned 90°, 180° and 270°;
/// - screen change: attract → language, only the damage drawn and copied;
/// - pressed button: the button's pressed state drawn and presented;
/// - first frame: from the start of `main` (configuration read, fonts, DRM set-up) to the first frame presented;
/// - SYN_REPORT → pressed: a tap's event bytes written to a FIFO, read by the real evdev reader,
///   decoded into a tap, hit-tested, drawn pressed and presented (the flip queued).
///
/// `display-bench [--rounds N] [--config PATH]` (defaults: 200, kiosk-config/demo.json).

var rounds = 200, configPath = "kiosk-config/demo.json"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch (argument, arguments.popFirst()) {
    case ("--rounds", let n?) where Int(n) ?? 0 > 0: rounds = Int(n)!
    case ("--config", let path?): configPath = path
    default:
        print("usage: display-bench [--rounds N] [--config PATH]")
        exit(64)
    }
}

let launched = Bench.nanoseconds(), launchedCPU = Bench.threadCPUNanoseconds()
let loaded = try ConfigFiles.load(configPath)
let size = ScreenSize(width: 1080, height: 1920)
let capacity = LayoutMetrics.pageCapacity(for: size)
let settings = FlowSettings(
    catalogue: loaded.catalogue, timeZone: loaded.config.timeZone, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
    agenciesPerPage: capacity.agencies, servicesPerPage: capacity.services, alwaysOpen: true)
let renderer = try ScreenRenderer(size: size, mallName: loaded.config.mallName, kioskID: loaded.config.kioskID)
var canvas = Canvas(width: size.width, height: size.height)
let now = Timestamp(secondsSinceEpoch: 1_736_820_900)

@MainActor func display(_ rotation: DisplayRotation) throws -> DRMDisplay {
    let panel = rotation.panelSize(for: size)
    return try DRMDisplay(
        device: MemoryCard(width: panel.width, height: panel.height), path: "memory", size: size, rotation: rotation, mode: nil)
}

/// Presents and lets the flip complete, as the vertical blank would.
@MainActor func show(_ screen: DRMDisplay, _ damage: [Rect]) {
    screen.present(canvas, damage: damage)
    screen.handleEvents()
}

/// Prints one figure at once (unbuffered), so a long run shows its progress; `cpu`, when given, is
/// the drawing thread's CPU time for the same rounds (what a shared machine's load does not inflate).
/// Every figure prints both.
func report(_ name: String, _ samples: [Double], cpu: [Double] = []) {
    func figures(_ values: [Double]) -> String {
        "median \(Bench.fixed(Bench.quantile(values, 0.5))) ms, p99 \(Bench.fixed(Bench.quantile(values, 0.99))) ms"
    }
    let line = "\(name): \(figures(samples))" + (cpu.isEmpty ? "" : "; thread CPU time \(figures(cpu))")
        + " (\(samples.count) rounds)\n"
    _ = Array(line.utf8).withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

func milliseconds(_ start: UInt64) -> Double { Double(Bench.nanoseconds() - start) / 1_000_000 }
func cpuMilliseconds(_ start: UInt64) -> Double { Double(Bench.threadCPUNanoseconds() - start) / 1_000_000 }

var state = KioskState()
state.language = .indonesian
state.screen = .agencies(page: 0)

// The first frame: configuration and catalogue read, fonts opened, the DRM backend set up, the first
// screen drawn whole and presented (the process's exec and dynamic loading are not in it).
let first = try display(.none)
show(first, renderer.render(state, settings: settings, now: now, into: &canvas))
report(
    "start -> first frame presented (config, fonts, DRM set-up, first frame; exec not counted)", [milliseconds(launched)],
    cpu: [cpuMilliseconds(launchedCPU)])
first.close(lastFrame: canvas)

for rotation in DisplayRotation.allCases {
    let screen = try display(rotation)
    var samples: [Double] = [], cpu: [Double] = []
    for _ in 0..<rounds {
        renderer.invalidate()
        let start = Bench.nanoseconds(), cpuStart = Bench.threadCPUNanoseconds()
        show(screen, renderer.render(state, settings: settings, now: now, into: &canvas))
        samples.append(milliseconds(start))
        cpu.append(cpuMilliseconds(cpuStart))
    }
    report("full frame rendered and presented, rotation \(rotation.rawValue)", samples, cpu: cpu)
    screen.close(lastFrame: canvas)
}

let screen = try display(.none)
var attract = KioskState()
attract.screen = .home
var language = attract
language.screen = .services(loaded.catalogue.agencies[0].id, page: 0)
var changes: [Double] = [], changesCPU: [Double] = []
for _ in 0..<rounds {
    show(screen, renderer.render(attract, settings: settings, now: now, into: &canvas))
    let start = Bench.nanoseconds(), cpuStart = Bench.threadCPUNanoseconds()
    show(screen, renderer.render(language, settings: settings, now: now, into: &canvas))
    changes.append(milliseconds(start))
    changesCPU.append(cpuMilliseconds(cpuStart))
}
report("screen change home -> services (damage only)", changes, cpu: changesCPU)

show(screen, renderer.render(state, settings: settings, now: now, into: &canvas))
let button = renderer.layout(state, settings: settings, now: now).buttons.first { $0.enabled }!
var presses: [Double] = [], pressesCPU: [Double] = []
for _ in 0..<rounds {
    let start = Bench.nanoseconds(), cpuStart = Bench.threadCPUNanoseconds()
    show(screen, renderer.render(state, settings: settings, now: now, pressed: button.frame, into: &canvas))
    presses.append(milliseconds(start))
    pressesCPU.append(cpuMilliseconds(cpuStart))
    show(screen, renderer.render(state, settings: settings, now: now, into: &canvas))
}
report("pressed button partial update (\(button.frame.width)x\(button.frame.height))", presses, cpu: pressesCPU)

// SYN_REPORT written to the FIFO -> the pressed frame presented.
let fifo = "/tmp/display-bench-\(getpid()).fifo"
let reader = try EvdevReader(path: fifo, createFIFO: true)
defer {
    reader.close()
    unlink(fifo)
}
let writer = open(fifo, O_WRONLY | O_CLOEXEC)
precondition(writer >= 0, "FIFO not open for writing")
let range = AxisRange(minimum: 0, maximum: 32767)
let scaler = AxisScaler(xRange: range, yRange: range, screen: size)
var touch = TouchInput(xRange: range, yRange: range, screen: size)
var taps: [Double] = [], tapsCPU: [Double] = []
for round in 0..<rounds {
    // Alternate spots, more than the tap slop apart: two taps on one spot within 300 ms are one (debounce).
    let x = button.frame.x + (round % 2 == 0 ? 20 : button.frame.width - 20)
    let events = SyntheticTouch.tap(x: x, y: button.frame.y + 20, scaler: scaler, trackingID: Int32(round + 1))
    // The touch-down frame first, then the lift whose SYN_REPORT ends the tap.
    let down = InputEventCodec.encode(Array(events.prefix(8))), lift = InputEventCodec.encode(Array(events.dropFirst(8)))
    _ = down.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
    for event in try reader.readAvailable() { _ = touch.feed(event, at: Int64(Bench.nanoseconds() / 1000)) }
    usleep(30_000)  // a finger rests a moment
    let start = Bench.nanoseconds(), cpuStart = Bench.threadCPUNanoseconds()
    _ = lift.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
    var tapped: Tap?
    var waits = 0
    while tapped == nil {
        var descriptor = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
        waits += 1
        guard poll(&descriptor, 1, 1000) > 0 || waits < 3 else { fatalError("no tap from the reader") }
        for event in try reader.readAvailable() {
            if case .tap(let point)? = touch.feed(event, at: Int64(Bench.nanoseconds() / 1000)) { tapped = point.tap }
        }
    }
    let layout = renderer.layout(state, settings: settings, now: now)
    guard let tap = tapped, let hit = layout.buttons.first(where: { $0.enabled && $0.frame.contains(x: tap.x, y: tap.y) }) else {
        fatalError("the tap missed the button")
    }
    show(screen, renderer.render(state, settings: settings, now: now, pressed: hit.frame, into: &canvas))
    taps.append(milliseconds(start))
    tapsCPU.append(cpuMilliseconds(cpuStart))
    show(screen, renderer.render(state, settings: settings, now: now, into: &canvas))
}
close(writer)
report("SYN_REPORT written -> pressed state presented", taps, cpu: tapsCPU)
screen.close(lastFrame: canvas)
