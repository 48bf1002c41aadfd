#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskCore
import KioskDevices
import BenchSupport

/// touch-bench: the touch path's speed, in a release build.
///
/// - decode: `struct input_event` records decoded per second (1 M records per run);
/// - SYN_REPORT to tap: a tap's release frame written into a FIFO, to the gesture coming out of
///   the real reader (`poll`, `read`, decode, ``TouchInput``), per tap.
///
/// `touch-bench [--runs N] [--taps N]` (defaults: 5 runs, 2000 taps per run).

var runs = 5, tapsPerRun = 2000
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else { fatalError("usage: touch-bench [--runs N] [--taps N]") }
    if option == "--runs" { runs = value } else if option == "--taps" { tapsPerRun = value }
}

let scaler = AxisScaler(
    xRange: AxisRange(minimum: 0, maximum: 4095), yRange: AxisRange(minimum: 0, maximum: 4095),
    screen: ScreenSize(width: 1080, height: 1920))

// Decoding.
let recordsPerTap = SyntheticTouch.tap(x: 1, y: 1, scaler: scaler, trackingID: 1)
var stream: [InputEvent] = []
while stream.count < 1_000_000 { stream += recordsPerTap }
let bytes = InputEventCodec.encode(stream)
var rates: [Double] = []
var checksum = 0
for _ in 0..<runs {
    let start = Bench.nanoseconds()
    let decoded = bytes.withUnsafeBytes { InputEventCodec.decode($0) }
    let elapsed = Double(Bench.nanoseconds() - start) / 1e9  // decoding only; the checksum below keeps it honest
    for event in decoded.events { checksum &+= Int(event.value) &+ Int(event.code) &+ Int(event.microseconds) }
    rates.append(Double(decoded.events.count) / elapsed)
}
print("decode: \(stream.count) events per run, \(runs) runs: median \(Bench.fixed(Bench.quantile(rates, 0.5) / 1e6, 1)) M events/s, "
    + "worst \(Bench.fixed(rates.min()! / 1e6, 1)) M events/s (checksum \(checksum))")

// Reading and decoding the same stream from a regular file through the real reader.
var template = Array("/tmp/touch-bench-XXXXXX".utf8CString)
guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
let directory = String(cString: made)
let file = directory + "/stream.events"
let fileDescriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
_ = bytes.withUnsafeBytes { write(fileDescriptor, $0.baseAddress, $0.count) }
close(fileDescriptor)
var readerRates: [Double] = []
for _ in 0..<runs {
    let fileReader = try EvdevReader(path: file, createFIFO: false)
    var count = 0
    let start = Bench.nanoseconds()
    while !fileReader.isAtEnd { count += try fileReader.readAvailable().count }
    readerRates.append(Double(count) / (Double(Bench.nanoseconds() - start) / 1e9))
}
unlink(file)
print("reader (read(2) + decode + SYN_DROPPED scan, regular file): median \(Bench.fixed(Bench.quantile(readerRates, 0.5) / 1e6, 1)) M events/s, "
    + "worst \(Bench.fixed(readerRates.min()! / 1e6, 1)) M events/s")

// SYN_REPORT to tap, through a FIFO.
let path = directory + "/touch.fifo"
let reader = try EvdevReader(path: path, createFIFO: true)
let writer = open(path, O_WRONLY | O_CLOEXEC)
var latencies: [Double] = []
var input = TouchInput(transform: TouchTransform(xRange: scaler.xRange, yRange: scaler.yRange, screen: scaler.screen))
var trackingID: Int32 = 0
for _ in 0..<runs {
    for index in 0..<tapsPerRun {
        trackingID = (trackingID + 1) & 0x7FFF
        let tap = SyntheticTouch.tap(x: (index * 37) % 1080, y: (index * 91) % 1920, scaler: scaler, trackingID: trackingID)
        let down = InputEventCodec.encode(Array(tap.prefix(8))), release = InputEventCodec.encode(Array(tap.suffix(3)))
        _ = down.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
        for event in try reader.readAvailable() { _ = input.feed(event, at: Int64(index) * 1_000_000) }
        let start = Bench.nanoseconds()
        _ = release.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
        var tapped = false
        while !tapped {
            var fd = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 1000)
            for event in try reader.readAvailable() {
                if case .tap = input.feed(event, at: Int64(index) * 1_000_000 + 500_000) { tapped = true }
            }
        }
        latencies.append(Double(Bench.nanoseconds() - start) / 1e6)
    }
}
print("SYN_REPORT to tap: \(latencies.count) taps over \(runs) runs: median \(Bench.fixed(Bench.quantile(latencies, 0.5), 4)) ms, "
    + "p99 \(Bench.fixed(Bench.quantile(latencies, 0.99), 4)) ms")
close(writer)
reader.close()
unlink(path)
rmdir(directory)
