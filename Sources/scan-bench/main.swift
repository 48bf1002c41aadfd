#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskCore
import KioskDevices
import KioskLink
import KioskRuntime
import BenchSupport

/// scan-bench: time from a booking scan's last key event (the Enter suffix) being read to the
/// core's check-in request (`lookUpBooking`), and on to the booking shown, in a release build.
///
/// Each scan types a booking code into a FIFO keyboard-wedge scanner; all keys but the suffix
/// are written and read first, then the suffix. "to check-in request": `ScanDesk.read` of the
/// suffix (read, decode, frame) and `KioskFlow.step(.scanned)` (classify, check symbol) up to the
/// `lookUpBooking` effect. "to booking shown" adds the local booking directory's answer (the
/// stand-in for the queue server: a bookings file of 500 bookings parsed, the SQLite check-in
/// looked up) and `KioskFlow.step(.bookingLookedUp)` (check-in window). The gap timeout is not
/// involved: the suffix ends the scan.
///
/// `scan-bench [--runs N] [--scans N]` (defaults: 5 runs, 500 scans per run).

func fail(_ message: String) -> Never {
    print("scan-bench: \(message)")
    exit(1)
}

var runs = 5, scansPerRun = 500
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2, let value = Int(arguments[1]), value > 0 {
    switch arguments[0] {
    case "--runs": runs = value
    case "--scans": scansPerRun = value
    default: fail("usage: scan-bench [--runs N] [--scans N]")
    }
    arguments.removeFirst(2)
}
guard arguments.isEmpty else { fail("usage: scan-bench [--runs N] [--scans N]") }

// A kiosk's state directory: catalogue, bookings file, ticket store.
var template = Array("/tmp/scan-bench-XXXXXX".utf8CString)
guard let made = mkdtemp(&template) else { fail("mkdtemp failed") }
let directory = String(cString: made)
let allDay = OpeningHours(
    Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
        ($0, [TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 1440))])
    }))
let catalogue = Catalogue(agencies: [
    Agency(
        id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
        services: [
            Service(
                id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
                name: LocalizedText(indonesian: "KTP-el", english: "ID card"), prefix: "A", hours: allDay, dailyQuota: nil)
        ])
])
let settings = FlowSettings(
    catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10, agenciesPerPage: 8,
    servicesPerPage: 8)
func wallClock() -> Timestamp {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Timestamp(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
}
let today = LocalTime(wallClock(), zone: .wita).dayKey
let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
var codes: [BookingCode] = []
while codes.count < 500 {
    var symbols = ""
    for _ in 0..<10 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        symbols.append(alphabet[Int(seed >> 59)])
    }
    if let code = BookingCode(symbols: symbols), !codes.contains(code) { codes.append(code) }
}
let bookings: [String] = codes.map { code in
    "{\"code\": \"\(code)\", \"service\": \"ktp-el\", \"day\": \"\(today)\", \"window\": \"00:00-24:00\"}"
}
let bookingsPath = directory + "/bookings.json"
let file = fopen(bookingsPath, "w")
fputs("{\"bookings\": [\n" + bookings.joined(separator: ",\n") + "\n]}\n", file)
fclose(file)

let store = try TicketStore(path: directory + "/tickets.sqlite")
let fifo = directory + "/scanner.fifo"
let desk = ScanDesk(
    scanner: (fifo, ScannerSettings(transport: .evdev)), bookingsPath: bookingsPath, catalogue: catalogue, store: store)
_ = desk.housekeeping(now: Bench.nanoseconds())  // Opens (creates) the FIFO.
let writer = open(fifo, O_WRONLY | O_CLOEXEC)
guard writer >= 0, let descriptor = desk.pollDescriptor else { fail("the scanner FIFO did not open") }

@MainActor func send(_ events: [InputEvent]) {
    let bytes = InputEventCodec.encode(events)
    guard bytes.withUnsafeBytes({ write(writer, $0.baseAddress, $0.count) }) == bytes.count else { fail("short write") }
}

/// Waits for the FIFO, then reads it; returns the events of the scans completed.
@MainActor func readScans() -> [Event] {
    var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
    _ = poll(&fds, 1, 1000)
    return desk.read(now: Bench.nanoseconds())
}

print("scan-bench: \(runs) runs of \(scansPerRun) booking scans; \(bookings.count) bookings in the file")
var medians: [Double] = []
for run in 1...runs {
    var samples: [Double] = []
    var requestSamples: [Double] = []
    for n in 0..<scansPerRun {
        let code = codes[n % codes.count]
        guard let events = SyntheticScanner.type(code.description) else { fail("cannot type \(code)") }
        let suffixEvents = 4  // Enter press and release, each with its SYN_REPORT.
        send(Array(events.dropLast(suffixEvents)))
        guard readScans().isEmpty else { fail("a scan ended before its suffix") }
        send(Array(events.suffix(suffixEvents)))

        var state = KioskState()
        let context = StepContext(now: wallClock(), freshTicketID: TicketID(randomBytes: [UInt8](repeating: 1, count: 16)))
        let start = Bench.nanoseconds()
        let scans = readScans()
        guard scans.count == 1 else { fail("expected one scan, got \(scans.count)") }
        var effects: [Effect]
        (state, effects) = KioskFlow.step(state, scans[0], context, settings: settings)
        let requested = Bench.nanoseconds()
        guard let lookUp = effects.first(where: { if case .lookUpBooking = $0 { true } else { false } }),
            let answer = desk.answer(lookUp)
        else { fail("no booking look-up for \(code)") }
        (state, effects) = KioskFlow.step(state, answer, context, settings: settings)
        let end = Bench.nanoseconds()
        guard case .booking = state.screen else { fail("\(code) did not reach the booking screen: \(state.screen)") }
        samples.append(Double(end - start) / 1_000_000)
        requestSamples.append(Double(requested - start) / 1_000_000)
    }
    let median = Bench.quantile(requestSamples, 0.5)
    medians.append(median)
    print(
        "run \(run): last key read -> check-in request: median \(Bench.fixed(median)) ms, p99 \(Bench.fixed(Bench.quantile(requestSamples, 0.99))) ms;"
            + " -> booking shown (local directory): median \(Bench.fixed(Bench.quantile(samples, 0.5))) ms, p99 \(Bench.fixed(Bench.quantile(samples, 0.99))) ms")
}
print("last key read -> check-in request, median of run medians: \(Bench.fixed(Bench.quantile(medians, 0.5))) ms (target <= 0.200 ms)")
