import KioskCore
import KioskSystem

/// Reads the kiosk's configuration and catalogue from disk and checks them.
public enum ConfigFiles {
    /// Everything a kiosk needs from its files.
    public struct Loaded: Sendable {
        public var config: KioskConfig
        public var catalogue: Catalogue
        /// The scanner's settings, from its profile file or the config itself; nil without a scanner.
        public var scanner: ScannerSettings?
        /// Every file as it was read and checked, in reading order (kiosk.json first): what
        /// ``LastGoodConfig`` keeps, so each file is read once and the copy is what passed the checks.
        var sources: [Source]
    }

    /// One configuration file's path and text.
    struct Source: Sendable, Equatable {
        var path: String
        var text: String
    }

    /// Loads the kiosk config at `path`, the catalogue and any scanner profile it names. Throws ``ConfigError`` for a
    /// broken file (naming file, line, JSON path and fix) or ``SystemCallError`` for one that cannot be read.
    public static func load(_ path: String) throws -> Loaded {
        try load(path, reading: Files.readText)
    }

    /// Loads the configuration whose files `read` gives by their path: from disk, or from the last good copy
    /// (the paths stay the configured ones, so relative paths and messages are the same).
    static func load(_ path: String, reading read: (String) throws -> String) throws -> Loaded {
        var sources: [Source] = []
        func text(_ path: String) throws -> String {
            let text = try read(path)
            sources.append(Source(path: path, text: text))
            return text
        }
        let absolute = Files.absolute(path)
        let config = try ConfigParser.kioskConfig(text: text(absolute), path: absolute)
        let catalogueText: String
        do {
            catalogueText = try text(config.cataloguePath)
        } catch let error as SystemCallError {
            throw ConfigError(
                file: absolute, line: config.catalogueWrittenAt.line, column: config.catalogueWrittenAt.column, jsonPath: "$.catalogue",
                problem: "the catalogue file \(config.cataloguePath) cannot be read: \(error.reason)",
                fix: "Write the path of the catalogue here (a relative path is read from this file's folder), or put the file there, readable by kioskd.")
        }
        let catalogue = try ConfigParser.catalogue(text: catalogueText, path: config.cataloguePath)
        var scanner: ScannerSettings?
        switch config.scanner?.source {
        case .inline(let settings): scanner = settings
        case .profile(let profile): scanner = try ConfigParser.scannerProfile(text: text(profile), path: profile)
        case nil: scanner = nil
        }
        return Loaded(config: config, catalogue: catalogue, scanner: scanner, sources: sources)
    }

    /// The config path kioskd and kioskctl use when none is given: `$KIOSKD_CONFIG`, else the system one.
    public static var defaultPath: String {
        getenv("KIOSKD_CONFIG").map { String(cString: $0) } ?? "/etc/kioskd/kiosk.json"
    }
}

/// The touch geometry both the daemon and `kioskctl tap` use, so they always agree.
public enum InputGeometry {
    /// The range of a virtual (FIFO or file) touch device when the config gives none.
    public static let virtualRange = AxisRange(minimum: 0, maximum: 32767)

    /// The device-to-screen scaling for `config`.
    public static func ranges(_ config: KioskConfig) -> (x: AxisRange, y: AxisRange) {
        (config.input.xRange ?? virtualRange, config.input.yRange ?? virtualRange)
    }
}
