import Foundation
import KioskTestSupport

/// The printer a benchmark run prints to: `tcp` (the emulator on 9100-style TCP), `file` (a file
/// in the fixture), or `cups` (a real cupsd with a raw queue to the emulator).
struct BenchPrinter {
    let kind: String
    let emulator: PrinterEmulator
    private let cups: CupsServer?

    /// `speed`: the emulator's print speed in mm/s (0: instant).
    init(kind: String, speed: Double = 0) throws {
        self.kind = kind
        emulator = try PrinterEmulator(millimetresPerSecond: speed)
        if kind == "cups" {
            let server = try CupsServer()
            try server.addRawQueue("ticket", printerPort: emulator.port)
            cups = server
        } else {
            cups = nil
        }
    }

    /// The `printer` object of the kiosk configuration (`file` is the path a file printer writes).
    func configJSON(file: String) -> String {
        switch kind {
        case "file": #"{"kind": "file", "path": "\#(file)"}"#
        case "cups": #"{"kind": "cups", "queue": "ticket"}"#
        default: #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(emulator.port)}"#
        }
    }

    /// Environment for kioskd: where libcups finds the test server.
    var environment: [String: String] { cups.map { ["CUPS_SERVER": $0.server] } ?? [:] }

    func stop() {
        cups?.stop()
        emulator.stop()
    }
}
