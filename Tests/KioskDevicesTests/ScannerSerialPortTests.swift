import CLinux
import Glibc
import KioskCore
import KioskTestSupport
import Testing

@testable import KioskDevices
import KioskSystem

/// Reads from `port` until `count` scans arrived or a second passed.
private func readScans(_ port: SerialScannerPort, _ framer: inout SerialScanFramer, count: Int) throws -> [String] {
    var scans: [String] = []
    for _ in 0..<200 where scans.count < count {
        scans += framer.feed(try port.readAvailable()).map { String(decoding: $0.bytes, as: UTF8.self) }
        usleep(5_000)
    }
    return scans
}

@Test func aSerialScannerIsReadRawThroughARealPseudoTerminal() throws {
    let terminal = try PseudoTerminal()
    let port = try SerialScannerPort(path: terminal.slavePath, baud: 9600)
    var settings = termios()
    #expect(tcgetattr(port.fileDescriptor, &settings) == 0)
    #expect(settings.c_lflag & tcflag_t(ICANON | ECHO) == 0, "raw mode: no line editing, no echo")
    #expect(cfgetispeed(&settings) == speed_t(B9600))

    var framer = SerialScanFramer(framing: ScanFraming())
    let code = BookingCode(symbols: "0123456789")!.description
    terminal.send(code + "\r")
    terminal.send("TECH-")
    terminal.send("BEEF\r\n")
    terminal.send("\u{1B}[2J\r")
    let scans = try readScans(port, &framer, count: 3)
    #expect(scans == [code, "TECH-BEEF", "\u{1B}[2J"], "bytes arrive unchanged: ^C, ESC and CR are not interpreted")
    #expect(ScanClassifier.classify(Array(scans[2].utf8)) == .rejected(.controlCharacter(offset: 0)))
}

@Test func anUnsupportedSpeedOrMissingPortIsAClearError() throws {
    let terminal = try PseudoTerminal()
    #expect(throws: SystemCallError.self) { try SerialScannerPort(path: terminal.slavePath, baud: 12345) }
    let missing = #expect(throws: SystemCallError.self) { try SerialScannerPort(path: "/dev/ttyACM-none", baud: 9600) }
    #expect(missing?.description.contains("/dev/ttyACM-none") == true)
}
