import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Technicians for the end-to-end tests, added as a technician would: with `kioskctl technician add`.
enum Technicians {
    /// Runs `kioskctl [OPTIONS] technician add NAME` with `input` on its standard input.
    static func add(_ name: String, input: String, config: String, options: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KioskProcess.binaryDirectory + "/kioskctl")
        process.arguments = ["--config", config] + options + ["technician", "add", name]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Holds the top-left corner, then the top-right one, and waits for the PIN pad.
    static func openPINPad(_ touch: KioskTouchDriver, _ kiosk: KioskProcess) throws {
        try touch.hold(x: 30, y: 30, seconds: 2.2)
        try touch.hold(x: 1050, y: 30, seconds: 2.2)
        try #require(kiosk.waitForLines(containing: "PIN pad opened by the hidden gesture").count == 1)
    }

    /// Types `pin` on the PIN pad and presses Enter. No key twice in a row: a second tap on the same
    /// spot within 300 ms is taken for a bounce.
    static func type(_ pin: [UInt8], _ touch: KioskTouchDriver) throws {
        for digit in pin { try touch.press(.pinDigit(digit), on: .diagnostics(.pinPad)) }
        try touch.press(.pinEnter, on: .diagnostics(.pinPad))
    }
}
