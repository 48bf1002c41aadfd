import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// kiosk-printer-emulator takes its faults from the command line, for demonstrations and manual runs.
@Suite("kiosk-printer-emulator command line", .serialized)
struct EmulatorCommandLineTests {
    /// Starts the emulator executable with `arguments` on a free port; returns it and its port.
    private func start(_ arguments: [String]) throws -> (KioskProcess, Int, String) {
        let directory = NSTemporaryDirectory() + "kiosk-emulator-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let process = try KioskProcess(
            "kiosk-printer-emulator", arguments: ["--port", "0", "--out", directory] + arguments)
        let line = try #require(process.waitForLines(containing: "listening on 127.0.0.1:").first, "\(process.lines)")
        let port = try #require(line.split(separator: ":").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) })
        return (process, port, directory)
    }

    @Test("--fault paper-out-after=N: the ticket is not confirmed and no PNG is written; SIGUSR1 clears it",
          .timeLimit(.minutes(4)))
    func paperOutAfter() throws {
        let (emulator, port, directory) = try start(["--fault", "paper-out-after=300", "--speed", "500"])
        defer { emulator.stop() }
        let client = try RawTicketClient(port: port)
        let lines: [UInt8] = (0..<30).flatMap { _ in Array("Nomor antrean A-001\n".utf8) }
        let ticket: [UInt8] = [0x1B, 0x40] + lines + [0x1D, 0x56, 66, 0, 0x1D, 0x72, 1]
        client.write(ticket)
        #expect(client.read(1, timeout: 1).isEmpty, "GS r never answered: the engine stopped at the paper end")
        client.write([0x10, 0x04, 4])
        #expect(client.read(1, timeout: 5) == [0x7E], "DLE EOT 4: paper end (and near end)")
        kill(emulator.pid, SIGUSR1)
        #expect(client.read(1, timeout: 5) == [0x00], "the rest printed after the new roll, then GS r answered")
        try #require(emulator.waitForLines(containing: "faults cleared").count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory + "/ticket-0001.png"), "a broken ticket is not a ticket")
    }

    @Test("--fault never-answer and cover-open; unknown faults are refused", .timeLimit(.minutes(4)))
    func otherFaults() throws {
        let (silent, port, _) = try start(["--fault", "never-answer"])
        defer { silent.stop() }
        let client = try RawTicketClient(port: port)
        client.write([0x10, 0x04, 1, 0x1B, 0x40, 0x41, 0x0A, 0x1D, 0x56, 66, 0, 0x1D, 0x72, 1])
        #expect(client.read(1, timeout: 1).isEmpty)
        let (open, coverPort, _) = try start(["--fault", "cover-open"])
        defer { open.stop() }
        let cover = try RawTicketClient(port: coverPort)
        cover.write([0x10, 0x04, 2])
        #expect(cover.read(1, timeout: 5) == [0x16], "DLE EOT 2: cover open")

        let wrong = try KioskProcess("kiosk-printer-emulator", arguments: ["--port", "0", "--out", "/tmp", "--fault", "on-fire"])
        #expect(wrong.waitForExit() == 2)
    }
}

struct EmulatorUnreachable: Error {
    var port: Int
}

/// A blocking TCP client for the emulator executable.
final class RawTicketClient {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw EmulatorUnreachable(port: port)
        }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Up to `count` bytes, or fewer when nothing arrives for `timeout` seconds.
    func read(_ count: Int, timeout: Double) -> [UInt8] {
        var result: [UInt8] = []
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while result.count < count, poll(&entry, 1, Int32(timeout * 1000)) > 0 {
            var chunk = [UInt8](repeating: 0, count: count - result.count)
            let got = recv(fd, &chunk, chunk.count, 0)
            guard got > 0 else { break }
            result += chunk[0..<got]
        }
        return result
    }
}
