#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskDevices

/// Files for the input tests: the checked-in recordings and private temporary directories.
enum InputTestFiles {
    /// Absolute path of a recording in the repository's devices/touch/recordings, found from this source file.
    static func recording(_ name: String, sourceFile: String = #filePath) -> String {
        let repository = sourceFile.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
        return repository.joined(separator: "/") + "/devices/touch/recordings/" + name
    }

    /// Runs `body` with a fresh directory from `mkdtemp`, removed with everything in it afterwards.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        var template = Array("/tmp/kiosk-input-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw InputTestFailure("mkdtemp failed: errno \(errno)") }
        let directory = String(cString: made)
        defer { removeTree(directory) }
        return try body(directory)
    }

    /// Writes all of `bytes` to `descriptor`.
    static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32) throws {
        let bytes = Array(bytes)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw InputTestFailure("write failed: errno \(errno)") }
            written += result
        }
    }

    private static func removeTree(_ directory: String) {
        if let stream = opendir(directory) {
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { unlink(directory + "/" + name) }
            }
            closedir(stream)
        }
        rmdir(directory)
    }
}

struct InputTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Gesture {
    /// The tap's point, if this gesture is a tap.
    var tapped: Tap? {
        if case .tap(let point) = self { return point.tap }
        return nil
    }
}
