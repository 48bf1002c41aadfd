import Foundation
import KioskTestSupport

/// One boot of the VM rig (scripts/vm-rig/run.sh): Debian's kernel under QEMU runs the named
/// scenarios with kiosk-rig-agent and a real kioskd; this is what came back on the serial console.
struct VMRigOutcome: Sendable {
    /// `RIG-RESULT` lines by check name (`touch-mt.grab`), each the rest of its line (`PASS ms=… …`).
    var results: [String: String]
    /// Every `RIG-` line the host script printed, for the failure message.
    var lines: [String]
    var exitStatus: Int32

    /// Boots the rig once with `scenarios`, `files` (name → contents) copied to /rig in the guest.
    /// - Parameter inspect: checks made on the host from what the guest handed back (the directory the
    ///   guest mounts at /rig-out, with QEMU's screendumps), as more results by check name.
    static func boot(
        scenarios: [String], files: [String: String], inspect: (String) -> [String: String] = { _ in [:] }
    ) async throws -> VMRigOutcome {
        // RIG_KEEP_FILES=DIR writes the guest's files to DIR/files and keeps them, to boot the same
        // scenario by hand with run.sh (docs/vm-rig.md).
        let kept = ProcessInfo.processInfo.environment["RIG_KEEP_FILES"]
        let directory = kept ?? NSTemporaryDirectory() + "kioskd-vm-rig-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory + "/files", withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }
        for (name, contents) in files { try contents.write(toFile: directory + "/files/" + name, atomically: true, encoding: .utf8) }
        let output = directory + "/output"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: packageRoot + "/scripts/vm-rig/run.sh")
        process.arguments = [scenarios.joined(separator: ","), directory + "/files"]
        var environment = ProcessInfo.processInfo.environment
        environment["KIOSKD_BIN_DIR"] = KioskProcess.binaryDirectory
        environment["RIG_OUT"] = directory + "/out"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = process.standardOutput
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        var results: [String: String] = [:]
        for line in lines where line.hasPrefix("RIG-RESULT ") {
            let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
            if fields.count == 3 { results[fields[1]] = fields[2] }
        }
        results.merge(inspect(directory + "/out")) { guest, _ in guest }
        return VMRigOutcome(results: results, lines: lines, exitStatus: status)
    }

    /// True when check `name` reported PASS.
    func passed(_ name: String) -> Bool { results[name]?.hasPrefix("PASS") ?? false }

    /// What the rig said, for a failing expectation: the check's own line, or every line when it is missing.
    func explain(_ name: String) -> String {
        "\(name): \(results[name] ?? "no result (exit status \(exitStatus))")\n" + lines.filter { !$0.hasPrefix("RIG-RESULT") }.joined(separator: "\n")
    }

    private static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
