import Testing

@testable import KioskCore

/// The control socket's request lines as kioskd reads them, and its answers as kioskctl reads them.
@Suite struct ControlRequestTests {
    private func parse(_ line: String) -> Result<ControlRequest, ControlProblem> { ControlRequest.parse(Array(line.utf8)) }

    @Test func everyCommandReadsAndWritesBackTheSame() {
        let requests: [ControlRequest] = [
            .status, .tickets(day: nil), .tickets(day: "2026-12-01"), .tap(x: 0, y: 65535), .scan("BK-DEM01-BADNG-6"),
            .scan("\u{1b}[31m\"quoted\"\n"), .printerStatus, .printerTest, .paperReset, .restart,
            .calibrate, .syncNow, .logs,
        ]
        for request in requests {
            #expect(parse(request.line) == .success(request), "\(request.line)")
        }
        #expect(parse(#"{"command":"tap","x":540,"y":960}"#) == .success(.tap(x: 540, y: 960)))
        #expect(parse(#" {"y": 1, "command": "tap", "x": 2} "#) == .success(.tap(x: 2, y: 1)))
    }

    @Test(arguments: [
        (#"{"command":"tap","x":-1,"y":5}"#, "whole numbers from 0 to 65535"),
        (#"{"command":"tap","x":1.5,"y":5}"#, "whole numbers"),
        (#"{"command":"tap","x":65536,"y":5}"#, "whole numbers"),
        (#"{"command":"tap","x":99999999999999999999999,"y":5}"#, "whole numbers"),
        (#"{"command":"tap","x":"1","y":5}"#, "whole numbers"),
        (#"{"command":"tap","x":1e3,"y":5}"#, "whole numbers"),
        (#"{"command":"tickets","day":"2026-1-01"}"#, "YYYY-MM-DD"),
        (#"{"command":"tickets","day":"'; DROP--"}"#, "YYYY-MM-DD"),
        (#"{"command":"scan","code":""}"#, "1 to 256 bytes"),
        (#"{"command":"status","x":1}"#, "status takes no \"x\""),
        (#"{"command":"reboot"}"#, "unknown command \"reboot\""),
        (#"{"command":"\u001b[2J"}"#, #"unknown command "\x1b[2J""#),
        (#"{"x":1}"#, "no \"command\" string"),
        (#"["status"]"#, "not a JSON object"),
        (#"{"command":"status","command":"restart"}"#, "not JSON"),
        ("status", "not JSON"),
        ("", "not JSON"),
    ])
    func aBadRequestIsRefusedInWords(line: String, words: String) {
        guard case .failure(let problem) = parse(line) else {
            Issue.record("\(line) was taken")
            return
        }
        #expect(problem.fault == "usage")
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    @Test func tooLongOrNotUTF8IsRefusedUnread() {
        let long = #"{"command":"scan","code":""# + String(repeating: "A", count: 5000) + #""}"#
        #expect(parse(long) == .failure(.usage("request longer than 4096 bytes")))
        #expect(ControlRequest.parse([0x7B, 0xFF, 0x7D]) == .failure(.usage("request is not UTF-8")))
        let deep = String(repeating: "[", count: 4000)
        guard case .failure = parse(deep) else {
            Issue.record("4,000 brackets were taken")
            return
        }
    }

    @Test func answersReadBackTheSame() throws {
        let ok = ControlAnswer([("count", .integer(2)), ("tickets", .list([.fields([("number", .text("A-001"))])]))])
        let read = try #require(ControlAnswer.parse(ok.line))
        #expect(read.problem == nil && read["count"]?.integerValue == 2 && read.line == ok.line)
        let busy = ControlAnswer(.busy("a citizen is mid-journey"))
        #expect(busy.line == #"{"ok":false,"fault":"busy","error":"a citizen is mid-journey"}"#)
        #expect(ControlAnswer.parse(busy.line) == busy)
        let outOfService = ControlAnswer(.outOfService("configuration error: kiosk.json:3:12"))
        #expect(outOfService.line == #"{"ok":false,"fault":"out-of-service","error":"configuration error: kiosk.json:3:12"}"#)
        #expect(ControlAnswer.parse(outOfService.line) == outOfService)
        #expect(ControlAnswer.parse(#"{"ok":false,"fault":"melted","error":"?"}"#) == nil, "an unknown fault is no answer")
        #expect(ControlAnswer.parse("HTTP/1.1 200 OK") == nil)
    }

    /// kioskd out of service and kioskctl find the same socket from a kiosk.json that does not load.
    @Test func theControlSocketOfABrokenKioskJSON() {
        let path = "/etc/kioskd/kiosk.json"
        let fallback = KioskConfig.defaultControlSocket
        #expect(ControlSocketPath.salvaged(kioskJSON: nil, path: path) == fallback, "no file")
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"controlSocket": "/run/x.sock", "#, path: path) == fallback, "not JSON")
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"printer": {"kind": "serial"}}"#, path: path) == fallback, "none named")
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"controlSocket": 7}"#, path: path) == fallback, "not a string")
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"controlSocket": "~/c.sock"}"#, path: path) == fallback)
        let long = String(repeating: "x", count: 120)
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"controlSocket": "/\#(long)"}"#, path: path) == fallback, "too long")
        let broken = #"{"controlSocket": "control.sock", "printer": {"kind": "serial"}}"#
        #expect(ControlSocketPath.salvaged(kioskJSON: broken, path: "/tmp/k1/kiosk.json") == "/tmp/k1/control.sock")
        #expect(ControlSocketPath.salvaged(kioskJSON: #"{"controlSocket": "/run/k/../c.sock"}"#, path: path) == "/run/c.sock")
    }
}
