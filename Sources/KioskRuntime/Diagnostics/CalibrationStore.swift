import KioskCore
import KioskDevices
import KioskSystem

/// The technician's calibration on disk: `touch-calibration` (``CalibrationFile``) and, beside it,
/// `touch-calibration.previous`, what was there before the last save (`configured` when nothing was), for Undo.
enum CalibrationStore {
    static func previousPath(stateDirectory: String) -> String { stateDirectory + "/" + CalibrationFile.fileName + ".previous" }
    private static let configured = "configured\n"

    /// Keeps the calibration file as it is for Undo, then saves `matrix` over it; each write atomic
    /// (a temporary file, `fsync`, `rename`), so a crash leaves the old calibration or the new one.
    static func save(_ matrix: CalibrationMatrix, stateDirectory: String) throws {
        let current = stateDirectory + "/" + CalibrationFile.fileName
        let before = try CalibrationFile.load(stateDirectory: stateDirectory) == nil ? configured : try Files.readText(current)
        try Files.replace(previousPath(stateDirectory: stateDirectory), with: before)
        try CalibrationFile.save(matrix, stateDirectory: stateDirectory)
    }

    /// Puts the previous calibration back (removing the saved one when it was the configured one) and
    /// forgets it; returns the calibration file's matrix now (nil: the configured one is in use).
    static func undo(stateDirectory: String) throws -> CalibrationMatrix? {
        let previous = previousPath(stateDirectory: stateDirectory)
        guard canUndo(stateDirectory: stateDirectory) else { throw NothingToUndo() }
        let text = try Files.readText(previous)
        let current = stateDirectory + "/" + CalibrationFile.fileName
        if text == configured {
            guard unlink(current) == 0 || errno == ENOENT else { throw SystemCallError(call: "unlink", subject: current, errno: errno) }
        } else {
            try Files.replace(current, with: text)
        }
        guard unlink(previous) == 0 else { throw SystemCallError(call: "unlink", subject: previous, errno: errno) }
        return try CalibrationFile.load(stateDirectory: stateDirectory)
    }

    /// There is a previous calibration to go back to.
    static func canUndo(stateDirectory: String) -> Bool { access(previousPath(stateDirectory: stateDirectory), F_OK) == 0 }

    struct NothingToUndo: Error, CustomStringConvertible {
        var description: String { "no earlier calibration to go back to" }
    }
}
