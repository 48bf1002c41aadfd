import Foundation
import KioskCore

/// A kiosk set up in a fresh temporary directory: a catalogue open around the clock, a config
/// with a touch FIFO, a PNG screen and a TCP printer, ready for a real `kioskd` to run.
public struct KioskFixture: Sendable {
    public let directory: String
    public let configPath: String
    public let fifoPath: String
    public let screenPath: String
    public let stateDirectory: String
    public let screen: ScreenSize
    /// The configuration's `kioskId`.
    public let kioskID: String

    /// Agencies and services of the fixture catalogue: (agency id, [(service id, prefix)]).
    public static let agencies: [(id: String, services: [(id: String, prefix: String)])] = [
        ("disdukcapil", [("ktp-el", "A"), ("kartu-keluarga", "B"), ("akta-lahir", "C")]),
        ("samsat", [("pajak-tahunan", "D"), ("balik-nama", "E")]),
        ("imigrasi", [("paspor-baru", "F")]),
    ]

    /// Writes the fixture for a printer listening on 127.0.0.1:`printerPort`, or for the printer
    /// described by `printer` (the JSON of the configuration's `printer` object) when given.
    ///
    /// - Parameter scanner: the config's `scanner` object as JSON (``scannerFIFO`` is a ready
    ///   keyboard-wedge one), or nil for a kiosk without a scanner.
    /// - Parameter server: the config's `server` object as JSON (see ``serverJSON(port:tokenFile:)``),
    ///   or nil for a standalone kiosk.
    public init(
        printerPort: Int = 0, printer: String? = nil, screen: ScreenSize = ScreenSize(width: 1080, height: 1920),
        scanner: String? = nil, server: String? = nil, kioskID: String = "TEST-K01"
    ) throws {
        self.kioskID = kioskID
        let template = NSTemporaryDirectory() + "kioskd-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        directory = String(cString: made)
        configPath = directory + "/kiosk.json"
        fifoPath = directory + "/touch.fifo"
        screenPath = directory + "/screen.png"
        stateDirectory = directory + "/state"
        self.screen = screen
        try Self.catalogueJSON().write(toFile: directory + "/catalogue.json", atomically: true, encoding: .utf8)
        let config = """
            {
              "kioskId": "\(kioskID)",
              "mallName": {"id": "Mal Pelayanan Publik Uji", "en": "Test Public Service Mall"},
              "catalogue": "catalogue.json",
              "stateDirectory": "state",
              "display": {"kind": "headless", "width": \(screen.width), "height": \(screen.height), "snapshot": "screen.png"},
              "input": {"kind": "evdev", "path": "touch.fifo"},
              "controlSocket": "control.sock",
              "printer": \(printer ?? #"{"kind": "tcp", "host": "127.0.0.1", "port": \#(printerPort), "paper": "80mm"}"#)\(scanner.map { ",\n  \"scanner\": " + $0 } ?? "")\(server.map { ",\n  \"server\": " + $0 } ?? "")
            }
            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// A keyboard-wedge scanner read from the FIFO `scanner.fifo` in the fixture's directory.
    public static let scannerFIFO = #"{"path": "scanner.fifo", "transport": "evdev", "suffix": "enter"}"#

    /// A `server` object for a queue server on 127.0.0.1:`port`, with a short deadline for tests.
    public static func serverJSON(port: Int, tokenFile: String, deadlineMilliseconds: Int = 500, leaseSize: Int = 10) -> String {
        #"{"url": "http://127.0.0.1:\#(port)", "tokenFile": "\#(tokenFile)", "deadlineMilliseconds": \#(deadlineMilliseconds), "#
            + #""leaseSize": \#(leaseSize), "leaseLowWater": 3, "heartbeatSeconds": 5}"#
    }

    /// The fixture's catalogue file, for a queue server that must hold the same services.
    public var catalogueFile: String { directory + "/catalogue.json" }

    /// Writes the bookings file the kiosk reads at each booking scan.
    public func writeBookings(_ json: String) throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        try json.write(toFile: stateDirectory + "/bookings.json", atomically: true, encoding: .utf8)
    }

    /// The same catalogue as a value, as `kioskd` will load it.
    public var catalogue: Catalogue {
        let always = OpeningHours(
            Dictionary(uniqueKeysWithValues: Weekday.allCases.map {
                ($0, [TimeRange(start: TimeOfDay(minutes: 0), end: TimeOfDay(minutes: 1440))])
            }))
        return Catalogue(
            agencies: Self.agencies.map { agency in
                Agency(
                    id: AgencyID(agency.id), name: LocalizedText(indonesian: agency.id, english: agency.id),
                    services: agency.services.map {
                        Service(
                            id: ServiceID($0.id), agencyID: AgencyID(agency.id),
                            name: LocalizedText(indonesian: "Layanan \($0.id)", english: "Service \($0.id)"),
                            prefix: $0.prefix, hours: always, dailyQuota: nil)
                    })
            })
    }

    /// The fixture catalogue's file text (kiosk-config format, as a queue server also reads it).
    public static func catalogueJSON() -> String {
        let day = "[\"00:00-24:00\"]"
        let hours = "{" + ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { "\"\($0)\": \(day)" }
            .joined(separator: ", ") + "}"
        let agencies = agencies.map {
            "{\"id\": \"\($0.id)\", \"name\": {\"id\": \"\($0.id)\", \"en\": \"\($0.id)\"}}"
        }
        let services = agencies.indices.flatMap { index in
            Self.agencies[index].services.map {
                "{\"id\": \"\($0.id)\", \"agency\": \"\(Self.agencies[index].id)\", "
                    + "\"name\": {\"id\": \"Layanan \($0.id)\", \"en\": \"Service \($0.id)\"}, \"prefix\": \"\($0.prefix)\"}"
            }
        }
        return """
            {
              "defaultHours": \(hours),
              "agencies": [\(agencies.joined(separator: ",\n    "))],
              "services": [\(services.joined(separator: ",\n    "))]
            }
            """
    }
}
