import FuzzTargets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kiosk-fuzz needs Glibc or Musl")
#endif

/// The targets' names, for messages.
private let targetNames = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")

/// Writes `message` to standard error and exits with `status`.
private func fail(_ message: String, status: Int32) -> Never {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}

#if FUZZING
    /// The target this libFuzzer process runs, from `KIOSK_FUZZ_TARGET` (set once, before any input).
    nonisolated(unsafe) private var selected = FuzzTarget.touch

    /// libFuzzer's set-up hook: picks the target (`scripts/fuzz.sh` builds with `-sanitize=fuzzer`).
    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutableRawPointer) -> Int32 {
        let name = getenv("KIOSK_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fail("set KIOSK_FUZZ_TARGET to one of: \(targetNames)", status: 2)
        }
        selected = target
        return 0
    }

    /// libFuzzer's entry point: one input through the selected target.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
        selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    /// Without libFuzzer: `kiosk-fuzz TARGET FILE…` runs each file (a seed, or a crash libFuzzer saved)
    /// through the target.
    @main
    struct KioskFuzz {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                fail("usage: kiosk-fuzz TARGET FILE…  (TARGET: \(targetNames))", status: 2)
            }
            for path in arguments.dropFirst() {
                guard let file = fopen(path, "rb") else {
                    fail("cannot open \(path)", status: 1)
                }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[0..<count] }
                fclose(file)
                target.run(bytes)
                print("\(path): ok")
            }
        }
    }
#endif
