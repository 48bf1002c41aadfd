// kiosk-printer-emulator --port 9100 --out DIR [--paper 80mm|58mm]
//
// A stand-in for an Ethernet ticket printer: listens on 127.0.0.1:PORT and writes every receipt
// it prints as DIR/ticket-NNNN.png (how the paper looks) and DIR/ticket-NNNN.escpos (the bytes),
// numbering on from the files already there, until SIGTERM or SIGINT.
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
            fail("usage: kiosk-printer-emulator --port 9100 --out DIR [--paper 80mm|58mm]")
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
if mkdir(directory, 0o755) != 0 && errno != EEXIST {
    fail("cannot create \(directory): \(String(cString: strerror(errno)))")
}

// Block the termination signals before the emulator's thread starts, so it inherits the mask
// and the main thread alone receives them in sigwait.
var termination = sigset_t()
sigemptyset(&termination)
sigaddset(&termination, SIGTERM)
sigaddset(&termination, SIGINT)
pthread_sigmask(SIG_BLOCK, &termination, nil)

let counter = Mutex(lastTicketNumber(in: directory))
let emulator: PrinterEmulator
do {
    emulator = try PrinterEmulator(port: port)
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

say("printer emulator listening on 127.0.0.1:\(emulator.port), tickets go to \(directory)")
var signal: Int32 = 0
sigwait(&termination, &signal)
emulator.stop()
