import Foundation
import BenchSupport
import KioskTestSupport

/// kiosk-bench: measures a real release-build kioskd on virtual devices and prints figures.
///
/// - cold start: process spawn to the first screen frame on disk;
/// - tap to print: the tap's SYN_REPORT read by kioskd to the last ticket byte written, and to the
///   outcome (as kioskd logs them per ticket): TCP to the printer emulator (the outcome is the
///   printer's in-order GS r answer, after the ticket is processed; `--print-speed MM_PER_S` makes
///   the emulator print at that speed, 0 = instant), a file, or a real cupsd with a raw queue to
///   the emulator (the job followed until CUPS says completed);
/// - resident memory after the tickets (`--map`: where it is, per mapped file and anonymous memory, from smaps).
///
/// `kiosk-bench [--runs N] [--tickets N] [--printer tcp|file|cups] [--print-speed MM_PER_S] [--server online|reset|blackhole] [--map]`
/// (defaults: 3 runs of 100 tickets, tcp, standalone numbering); `--server` links the kiosk to a
/// real queue server (see ``BenchServer``).
/// `kiosk-bench --encode [--rounds N]`: ESC/POS encode time per ticket and the raster QR fallback.
/// `kiosk-bench --transport [--rounds N] [--print-speed MM_PER_S]`: the TCP transport alone (``TransportBench``).
/// `kiosk-bench --cold [--rounds N] [--kioskd PATH …]`: spawn to the first frame alone, fresh and again (``ColdStartBench``).

var runs = 3, ticketsPerRun = 100, rounds = 20_000, printerKind = "tcp", encodeOnly = false, serverMode: String?
var printSpeed = 0, transportOnly = false, memoryMap = false, coldOnly = false, binaries: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--map" {
        memoryMap = true
        continue
    }
    if argument == "--cold" {
        coldOnly = true
        continue
    }
    if argument == "--kioskd", let path = arguments.popFirst() {
        binaries.append(path)
        continue
    }
    if argument == "--encode" || argument == "--transport" {
        encodeOnly = argument == "--encode"
        transportOnly = argument == "--transport"
        continue
    }
    let value = arguments.popFirst()
    switch (argument, value.flatMap { Int($0) }) {
    case ("--runs", let n?) where n > 0: runs = n
    case ("--tickets", let n?) where n > 0: ticketsPerRun = n
    case ("--rounds", let n?) where n > 0: rounds = n
    case ("--print-speed", let n?) where n >= 0 && n <= 10_000: printSpeed = n
    case ("--printer", _) where ["tcp", "file", "cups"].contains(value ?? ""): printerKind = value!
    case ("--server", _) where BenchServer.modes.contains(value ?? ""): serverMode = value!
    default:
        print(
            "usage: kiosk-bench [--runs N] [--tickets N] [--printer tcp|file|cups] [--print-speed MM_PER_S]"
                + " [--server online|reset|blackhole] [--map] | kiosk-bench --transport [--rounds N] [--print-speed MM_PER_S]"
                + " | kiosk-bench --encode [--rounds N] | kiosk-bench --cold [--rounds N] [--kioskd PATH ...]")
        exit(64)
    }
}
if encodeOnly {
    EncodeBench.run(rounds: rounds)
    exit(0)
}
if coldOnly {
    try ColdStartBench.run(rounds: rounds == 20_000 ? 10 : rounds, binaries: binaries.isEmpty ? ["kioskd"] : binaries)
    exit(0)
}
if transportOnly {
    try TransportBench.run(rounds: rounds == 20_000 ? 1000 : rounds, speed: Double(printSpeed))
    exit(0)
}

let printer = try BenchPrinter(kind: printerKind, speed: Double(printSpeed))
defer { printer.stop() }
let server = try serverMode.map { try BenchServer(mode: $0) }
defer { server?.stop() }
print(
    "kiosk-bench: \(runs) runs x \(ticketsPerRun) tickets, printer \(printerKind)"
        + (printSpeed > 0 ? " printing at \(printSpeed) mm/s, " : ", ")
        + (serverMode.map { "queue server \($0)" } ?? "standalone") + ", kioskd from \(KioskProcess.binaryDirectory)")

var coldStarts: [Double] = [], medians: [Double] = [], p99s: [Double] = [], memories: [Double] = []
var everyLatency: [Double] = [], lastByteMedians: [Double] = [], everyLastByte: [Double] = []
for run in 1...runs {
    let printerFile = NSTemporaryDirectory() + "kiosk-bench-\(getpid())-\(run).escpos"
    defer { unlink(printerFile) }
    let fixture = try KioskFixture(printer: printer.configJSON(file: printerFile), server: try server?.configJSON(run: run))
    let started = Date()
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: printer.environment)
    while !FileManager.default.fileExists(atPath: fixture.screenPath) {
        guard Date().timeIntervalSince(started) < 30 else { fatalError("no first frame: \(kiosk.lines)") }
        usleep(500)
    }
    coldStarts.append(Date().timeIntervalSince(started) * 1000)
    server?.prepare(kiosk)

    let touch = try KioskTouchDriver(fixture)
    var latencies: [Double] = [], lastBytes: [Double] = []
    for n in 1...ticketsPerRun {
        try touch.takeTicket(agency: "disdukcapil", service: "ktp-el")
        let lines = kiosk.waitForLines(containing: "tap_to_print_ms=", count: n)
        guard lines.count == n, let value = lines.last?.split(separator: "=").last.flatMap({ Double($0) }) else {
            fatalError("ticket \(n) not printed: \(kiosk.lines.suffix(5))")
        }
        latencies.append(value)
        if let written = lines.last?.split(separator: " ").first(where: { $0.hasPrefix("tap_to_last_byte_ms=") }) {
            lastBytes.append(Double(written.dropFirst(20)) ?? 0)
        }
        if let mode = serverMode, lines.last?.contains("offline=yes") != (mode != "online") {
            fatalError("ticket \(n) not numbered as \(mode) asks: \(lines.last ?? "")")
        }
        try touch.finishTicket()
    }
    memories.append(Double(Bench.residentKiB(String(kiosk.pid))) / 1024)
    if memoryMap { print("kioskd's resident memory after \(ticketsPerRun) tickets, run \(run):\n" + MemoryMap(pid: String(kiosk.pid)).text) }
    kiosk.stop()
    medians.append(Bench.quantile(latencies, 0.5))
    p99s.append(Bench.quantile(latencies, 0.99))
    everyLatency += latencies
    everyLastByte += lastBytes
    if !lastBytes.isEmpty { lastByteMedians.append(Bench.quantile(lastBytes, 0.5)) }
    print("run \(run): cold start to first frame \(Bench.fixed(coldStarts.last!, 1)) ms; tap to outcome median "
        + "\(Bench.fixed(medians.last!)) ms, p99 \(Bench.fixed(p99s.last!)) ms"
        + (lastBytes.isEmpty ? "" : "; tap to last byte median \(Bench.fixed(lastByteMedians.last!)) ms, p99 \(Bench.fixed(Bench.quantile(lastBytes, 0.99))) ms")
        + "; resident memory \(Bench.fixed(memories.last!, 1)) MiB")
}
print("""
    summary over \(runs) runs (\(everyLatency.count) tickets):
      tap to outcome (printer's confirmation): median \(Bench.fixed(Bench.quantile(medians, 0.5))) ms (of run medians), p99 \(Bench.fixed(Bench.quantile(everyLatency, 0.99))) ms (all tickets)
      tap to last ticket byte written: \(everyLastByte.isEmpty ? "not reported by this transport" : "median \(Bench.fixed(Bench.quantile(lastByteMedians, 0.5))) ms (of run medians), p99 \(Bench.fixed(Bench.quantile(everyLastByte, 0.99))) ms (all tickets)")
      cold start to first frame: median \(Bench.fixed(Bench.quantile(coldStarts, 0.5), 1)) ms
      resident memory after \(ticketsPerRun) tickets: median \(Bench.fixed(Bench.quantile(memories, 0.5), 1)) MiB
    """)
