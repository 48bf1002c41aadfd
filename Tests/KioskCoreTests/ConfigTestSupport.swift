import KioskCore
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Helpers shared by the configuration tests.
enum ConfigFixtures {
    /// The repository root, found from this file's own path.
    static let repositoryRoot: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/KioskCoreTests/ConfigTestSupport.swift
        return components.joined(separator: "/")
    }()

    /// The text of a shipped file, e.g. `kiosk-config/demo.json`.
    static func shippedFile(_ relativePath: String) throws -> (path: String, text: String) {
        let path = repositoryRoot + "/" + relativePath
        let data = try Data(contentsOf: URL(filePath: path))
        return (path, String(decoding: data, as: UTF8.self))
    }

    /// `lines` joined with newlines after replacing 1-based line `number` (0 for none) with `replacement`.
    static func text(_ lines: [String], replacing number: Int = 0, with replacement: String = "") -> String {
        var lines = lines
        if number > 0 { lines[number - 1] = replacement }
        return lines.joined(separator: "\n")
    }

    /// A valid kiosk configuration, one setting a line.
    static let kioskLines = [
        "{",
        #"  "kioskId": "MPP-TEST-K01","#,
        #"  "mallName": {"id": "Mal Pelayanan Publik", "en": "Public Service Mall"},"#,
        #"  "catalogue": "catalogue.json","#,
        #"  "stateDirectory": "../state","#,
        #"  "display": {"kind": "headless", "width": 1080, "height": 1920},"#,
        #"  "input": {"kind": "evdev", "path": "/dev/input/event0"},"#,
        #"  "printer": {"kind": "tcp", "host": "127.0.0.1", "port": 9100}"#,
        "}",
    ]

    /// Where tests pretend the kiosk configuration lives.
    static let kioskPath = "/etc/kioskd/kiosk.json"

    /// A valid two-agency catalogue, one agency or service a line.
    static let catalogueLines = [
        "{",
        #"  "defaultHours": {"mon": ["08:00-15:00"], "fri": ["08:00-11:30", "13:00-15:00"]},"#,
        #"  "agencies": ["#,
        #"    {"id": "disdukcapil", "name": {"id": "Disdukcapil", "en": "Civil Registry"}},"#,
        #"    {"id": "imigrasi", "name": {"id": "Imigrasi", "en": "Immigration"}}"#,
        "  ],",
        #"  "services": ["#,
        #"    {"id": "ktp-el", "agency": "disdukcapil", "name": {"id": "KTP-el", "en": "ID card"}, "prefix": "A", "dailyQuota": 150},"#,
        #"    {"id": "akta-lahir", "agency": "disdukcapil", "name": {"id": "Akta Kelahiran", "en": "Birth certificate"}, "prefix": "B"},"#,
        #"    {"id": "paspor", "agency": "imigrasi", "name": {"id": "Paspor", "en": "Passport"}, "prefix": "P", "hours": {"tue": ["09:00-12:00"]}}"#,
        "  ]",
        "}",
    ]

    /// Where tests pretend the catalogue lives.
    static let cataloguePath = "/etc/kioskd/catalogue.json"

    /// The error parsing `text` as a kiosk configuration gives; fails the test if it parses.
    static func kioskError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigError {
        try #require(throws: ConfigError.self, sourceLocation: sourceLocation) {
            try ConfigParser.kioskConfig(text: text, path: kioskPath)
        }
    }

    /// The error parsing `text` as a catalogue gives; fails the test if it parses.
    static func catalogueError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigError {
        try #require(throws: ConfigError.self, sourceLocation: sourceLocation) {
            try ConfigParser.catalogue(text: text, path: cataloguePath)
        }
    }
}

extension ConfigFixtures {
    /// 1-based column where `needle` first starts in `line` (counted in characters).
    static func column(of needle: String, in line: String) -> Int {
        let characters = Array(line), wanted = Array(needle)
        for start in characters.indices where characters[start...].starts(with: wanted) { return start + 1 }
        return 0
    }
}
