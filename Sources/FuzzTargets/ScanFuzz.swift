import KioskCore
import KioskDevices

/// A serial scanner's bytes, whole through ``checkScan(_:)``, then framed (the suffix picked by the
/// first byte) and every scan through it again.
enum ScanFuzz {
    static func run(_ bytes: [UInt8]) {
        checkScan(bytes)
        let suffixes = ScanFraming.Suffix.allCases
        let suffix = suffixes[Int(bytes.first ?? 0) % suffixes.count]
        let framing = ScanFraming(suffix: suffix, prefix: Array("@@".utf8), hasSymbologyIdentifier: bytes.first == 0x5D)
        var framer = SerialScanFramer(framing: framing, limit: ScanClassifier.maximumLength)
        let half = bytes.count / 2
        var scans = framer.feed(bytes[..<half]) + framer.feed(bytes[half...])
        if let last = framer.finish() { scans.append(last) }
        for scan in scans {
            precondition(scan.bytes.count <= ScanClassifier.maximumLength + 1, "scan of \(scan.bytes.count) bytes")
            checkScan(scan.bytes)
        }
    }

    /// Whatever a scan holds, nothing with a control byte is accepted, the log form is printable,
    /// and the printer's text mapping emits no control byte.
    static func checkScan(_ bytes: [UInt8]) {
        let logged = ScanClassifier.escapedForLog(bytes)
        precondition(!logged.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "log leak")
        if case .rejected = ScanClassifier.classify(bytes) { return }
        precondition(!bytes.contains { $0 < 0x20 || $0 == 0x7F }, "accepted a control byte")
        let printed = PrintableText.bytes(String(decoding: bytes, as: UTF8.self))
        precondition(!printed.contains { $0 < 0x20 || $0 == 0x7F }, "printer leak")
    }
}
