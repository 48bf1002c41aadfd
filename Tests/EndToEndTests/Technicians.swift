import Foundation
import KioskTestSupport

/// Technicians for the end-to-end tests, added as a technician would: with `kioskctl technician add`.
enum Technicians {
    /// Runs `kioskctl technician add NAME` with `input` on its standard input.
    static func add(_ name: String, input: String, config: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KioskProcess.binaryDirectory + "/kioskctl")
        process.arguments = ["--config", config, "technician", "add", name]
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
}
