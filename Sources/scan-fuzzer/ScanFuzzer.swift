import KioskCore
import KioskDevices

/// The property every scanned input must keep: whatever the bytes, nothing with a control byte
/// is accepted, the log form is printable, and the printer's text mapping emits no control byte.
func checkScannedInput(_ bytes: [UInt8]) {
    let logged = ScanClassifier.escapedForLog(bytes)
    precondition(!logged.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "log leak")
    if case .rejected = ScanClassifier.classify(bytes) { return }
    precondition(!bytes.contains { $0 < 0x20 || $0 == 0x7F }, "accepted a control byte")
    let printed = PrintableText.bytes(String(decoding: bytes, as: UTF8.self))
    precondition(!printed.contains { $0 < 0x20 || $0 == 0x7F }, "printer leak")
}

#if FUZZING
    /// libFuzzer's entry point (`scripts/fuzz-scanner.sh` builds with `-sanitize=fuzzer`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        checkScannedInput(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    import Glibc

    /// Without libFuzzer: checks each file named on the command line (e.g. a crash libFuzzer saved).
    @main
    struct ScanFuzzer {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[0..<count] }
                fclose(file)
                checkScannedInput(bytes)
                print("\(path): ok")
            }
        }
    }
#endif
