// kiosk-printer-emulator --port 9100 --out DIR [--paper 80mm|58mm] [--speed MM_PER_S] [--buffer BYTES]
//                        [--asb on|off] [--fault FAULT[,FAULT…]]
//
// A stand-in for an Ethernet ticket printer: listens on 127.0.0.1:PORT and writes every receipt
// it prints whole as DIR/ticket-NNNN.png (how the paper looks) and DIR/ticket-NNNN.escpos (the
// bytes), numbering on from the files already there, until SIGTERM or SIGINT. It answers DLE EOT
// on arrival and GS r / GS ( H in order (see PrinterEmulator), prints at --speed mm/s (0, the
// default, is instant; real printers do 150–300) through a --buffer byte receive buffer (4096).
// --asb off makes it a model without Automatic Status Back: GS a is ignored.
//
// Faults: paper-out, cover-open, cutter-error (now); paper-out-after=N, cover-open-after=N,
// drop-after=N, stop-reading-after=N (N bytes into the next job); cutter-fails (at the next cut);
// never-answer (status requests stay unanswered). SIGUSR1 clears them all: a new roll, the cover
// closed, the cutter freed, the printer reading and answering again.
import KioskCore
import KioskDevices
import KioskTestSupport
import KioskUI
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Writes `line` and a newline straight to `fd` (1 or 2), unbuffered, so a demo reading a pipe sees it at once.
func say(_ line: String, to fd: Int32 = 1) {
    let bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return }
        written += count
    }
}

func fail(_ message: String) -> Never {
    say("kiosk-printer-emulator: \(message)", to: 2)
    exit(2)
}

/// `--name value` pairs from the command line.
func options() -> [String: String] {
    var result: [String: String] = [:]
    var arguments = CommandLine.arguments.dropFirst()
    while let name = arguments.popFirst() {
        guard name.hasPrefix("--"), let value = arguments.popFirst() else {
            fail("usage: kiosk-printer-emulator --port 9100 --out DIR [--paper 80mm|58mm] [--speed MM_PER_S]"
                + " [--buffer BYTES] [--asb on|off] [--fault FAULT[,FAULT…]]")
        }
        result[String(name.dropFirst(2))] = value
    }
    return result
}

/// The highest NNNN among `ticket-NNNN.*` files in `directory`, or 0.
func lastTicketNumber(in directory: String) -> Int {
    guard let stream = opendir(directory) else { fail("cannot read \(directory): \(String(cString: strerror(errno)))") }
    defer { closedir(stream) }
    var highest = 0
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard name.hasPrefix("ticket-"), let dot = name.firstIndex(of: ".") else { continue }
        if let number = Int(name[name.index(name.startIndex, offsetBy: 7)..<dot]) { highest = max(highest, number) }
    }
    return highest
}

let arguments = options()
guard let directory = arguments["out"] else { fail("--out DIR is required") }
guard let port = Int(arguments["port"] ?? "9100"), (0...65535).contains(port) else { fail("--port takes 0–65535") }
guard let paper = PaperWidth(rawValue: arguments["paper"] ?? "80mm") else { fail("--paper takes 80mm or 58mm") }
guard let speed = Double(arguments["speed"] ?? "0"), speed >= 0, speed <= 10_000 else { fail("--speed takes 0–10000 mm/s") }
guard let bufferSize = Int(arguments["buffer"] ?? "4096"), (1...1 << 24).contains(bufferSize) else {
    fail("--buffer takes 1–16777216 bytes")
}
guard let automaticStatus = ["on": true, "off": false][arguments["asb"] ?? "on"] else { fail("--asb takes on or off") }

/// What `--fault` asks for, applied to `emulator`; fails on a fault it does not know.
func apply(faults: String, to emulator: PrinterEmulator) {
    for item in faults.split(separator: ",") {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        let count = parts.count == 2 ? Int(parts[1]).flatMap { $0 >= 0 ? $0 : nil } : nil
        switch (parts[0], count) {
        case ("paper-out", nil): emulator.paperOut = true
        case ("cover-open", nil): emulator.coverOpen = true
        case ("cutter-error", nil): emulator.cutterError = true
        case ("never-answer", nil): emulator.answersStatus = false
        case ("cutter-fails", nil): emulator.inject(.cutterFails)
        case ("paper-out-after", let n?): emulator.inject(.paperRunsOut(afterBytes: n))
        case ("cover-open-after", let n?): emulator.inject(.coverOpens(afterBytes: n))
        case ("drop-after", let n?): emulator.inject(.dropsConnection(afterBytes: n))
        case ("stop-reading-after", let n?): emulator.inject(.stopsReading(afterBytes: n))
        default:
            fail("unknown --fault \(item): paper-out, cover-open, cutter-error, never-answer, cutter-fails, "
                + "paper-out-after=N, cover-open-after=N, drop-after=N, stop-reading-after=N")
        }
    }
}

if mkdir(directory, 0o755) != 0 && errno != EEXIST {
    fail("cannot create \(directory): \(String(cString: strerror(errno)))")
}

// Block the termination signals before the emulator's thread starts, so it inherits the mask
// and the main thread alone receives them in sigwait.
var termination = sigset_t()
sigemptyset(&termination)
sigaddset(&termination, SIGTERM)
sigaddset(&termination, SIGINT)
sigaddset(&termination, SIGUSR1)
pthread_sigmask(SIG_BLOCK, &termination, nil)

let counter = Mutex(lastTicketNumber(in: directory))
let emulator: PrinterEmulator
do {
    emulator = try PrinterEmulator(port: port, receiveBufferBytes: bufferSize, millimetresPerSecond: speed)
} catch {
    fail("cannot listen on 127.0.0.1:\(port): \(error)")
}
emulator.onReceipt = { receipt in
    let number = counter.withLock { number in
        number += 1
        return number
    }
    let digits = String(number)
    let stem = directory + "/ticket-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    do {
        try FilePrinter(path: stem + ".escpos").send(receipt.bytes)
        try PNGWriter.write(receipt.render(paperDots: paper.dots), to: stem + ".png", compressionLevel: 6)
        say("printed \(stem).png")
    } catch {
        say("kiosk-printer-emulator: \(error)", to: 2)
    }
}

emulator.supportsAutomaticStatus = automaticStatus
apply(faults: arguments["fault"] ?? "", to: emulator)
say("printer emulator listening on 127.0.0.1:\(emulator.port), tickets go to \(directory)")
var signal: Int32 = 0
while sigwait(&termination, &signal) == 0, signal == SIGUSR1 {
    emulator.paperOut = false
    emulator.coverOpen = false
    emulator.cutterError = false
    emulator.readingStopped = false
    emulator.answersStatus = true
    say("faults cleared")
}
emulator.stop()
