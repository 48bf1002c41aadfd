import Foundation
import KioskTestSupport
import Testing

/// A kioskd that lies on its control socket (review, session 29): what it answers is printed on a technician's
/// terminal, so no control character in it may reach the terminal as one.
@Suite struct KioskctlTerminalTests {
    /// Listens at `path` and answers the first request with `answer` (one line), on a thread of its own.
    private func lyingKioskd(at path: String, answer: String) throws -> Thread {
        let fd = UnixSocket.bound(to: path, type: SOCK_STREAM)
        try #require(fd >= 0 && listen(fd, 1) == 0)
        let thread = Thread {
            defer { close(fd) }
            let peer = accept(fd, nil, nil)
            guard peer >= 0 else { return }
            defer { close(peer) }
            var byte: UInt8 = 0
            while read(peer, &byte, 1) == 1, byte != UInt8(ascii: "\n") {}
            let bytes = Array((answer + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(peer, $0.baseAddress, $0.count) }
        }
        thread.start()
        return thread
    }

    @Test func controlCharactersInAnAnswerArePrintedWrittenOut() throws {
        let fixture = try KioskFixture(printerPort: 9)
        // A printer reason carrying a colour, a window title, a line erase, a carriage return and a bidi override.
        let reason = "\\u001b[31mRED\\u001b]0;TITLE\\u0007\\u001b[2K\\rfake line \\u202eevil"
        _ = try lyingKioskd(
            at: fixture.directory + "/control.sock",
            answer: #"{"ok":true,"kioskId":"k","screen":"home","configuration":"ok","printer":{"condition":"ready","reason":""#
                + reason + #""},"server":{"url":"standalone"}}"#)
        let run = try KioskProcess("kioskctl", arguments: ["--config", fixture.configPath, "status"])
        #expect(run.waitForExit() == 0, "\(run.lines)")
        let output = run.lines.joined(separator: "\n")
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x202E }, "\(output)")
        #expect(output.contains(#"\x1b[31mRED\x1b]0;TITLE\x07\x1b[2K\rfake line \u{202e}evil"#), "\(output)")
    }
}
