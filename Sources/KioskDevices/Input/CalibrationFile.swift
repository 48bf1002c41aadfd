#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
#error("kioskd needs Glibc or Musl")
#endif
import KioskCore
import KioskSystem

/// The calibration the technician made, kept in the state directory as one line of six numbers
/// (`a b c d e f`, the form of udev's `LIBINPUT_CALIBRATION_MATRIX` property).
public enum CalibrationFile {
    /// The file's name inside the state directory.
    public static let fileName = "touch-calibration"

    /// The saved matrix, or nil if none was saved.
    /// - Throws: `SystemCallError` if the file cannot be read, ``CalibrationFileError`` if it does not hold
    ///   six numbers forming an invertible matrix.
    public static func load(stateDirectory: String) throws -> CalibrationMatrix? {
        let path = stateDirectory + "/" + fileName
        guard try InputSyscall.status(path) != nil else { return nil }
        let text = String(decoding: try InputSyscall.readWholeFile(path), as: UTF8.self)
        let fields = text.split { $0 == " " || $0 == "\n" || $0 == "\t" }
        let numbers = fields.compactMap { Double($0) }
        guard fields.count == 6, numbers.count == 6, numbers.allSatisfy(\.isFinite),
            CalibrationMatrix(numbers).inverse != nil
        else { throw CalibrationFileError(path: path, text: text) }
        return CalibrationMatrix(numbers)
    }

    /// Writes `matrix` durably: to a temporary file, `fsync`, then `rename` over the old one.
    /// - Throws: `SystemCallError` naming the call that failed.
    public static func save(_ matrix: CalibrationMatrix, stateDirectory: String) throws {
        let path = stateDirectory + "/" + fileName
        let temporary = path + ".new"
        try InputSyscall.writeWholeFile(temporary, Array((matrix.description + "\n").utf8))
        guard rename(temporary, path) == 0 else { throw SystemCallError(call: "rename", subject: path, errno: errno) }
    }
}

/// A calibration file that does not hold a usable matrix.
public struct CalibrationFileError: Error, CustomStringConvertible {
    public var path: String
    public var text: String

    public var description: String {
        "\(path) does not hold six numbers of an invertible calibration matrix: \(text.prefix(80)); "
            + "calibrate again or delete it"
    }
}
