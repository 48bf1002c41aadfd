/// Reads the kiosk's JSON configuration and catalogue into validated values.
///
/// Pure: the caller reads the files and passes their text and path. Every mistake is reported as a
/// ``ConfigError`` with file, line, column, JSON path and a fix; unknown keys are mistakes too.
public enum ConfigParser {
    /// Parses a kiosk configuration; relative paths in it are resolved against the directory of
    /// `path` (with `.` and `..` removed), so they are absolute when `path` is.
    public static func kioskConfig(text: String, path: String) throws(ConfigError) -> KioskConfig {
        try KioskConfigReader.read(ConfigNode.document(text, file: path))
    }

    /// Parses a catalogue of agencies and services; agencies and their services keep file order.
    public static func catalogue(text: String, path: String) throws(ConfigError) -> Catalogue {
        try CatalogueReader.read(ConfigNode.document(text, file: path))
    }

    /// Parses a scanner profile (`devices/scanners/*.json`).
    public static func scannerProfile(text: String, path: String) throws(ConfigError) -> ScannerSettings {
        try ScannerConfigReader.profile(ConfigNode.document(text, file: path))
    }

    /// Parses a local bookings file; every booking must name a service of `catalogue`.
    public static func bookings(text: String, path: String, catalogue: Catalogue) throws(ConfigError) -> [Booking] {
        try BookingListReader.read(ConfigNode.document(text, file: path), catalogue: catalogue)
    }
}
