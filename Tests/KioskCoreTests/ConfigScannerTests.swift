import KioskCore
import Testing

@Suite("Scanner configuration")
struct ConfigScannerTests {
    typealias F = ConfigFixtures

    /// The fixture kiosk configuration with `scanner` added as its last key.
    private func kiosk(scanner: String) -> String {
        var lines = F.kioskLines
        lines[lines.count - 2] += ","
        lines.insert(#"  "scanner": "# + scanner, at: lines.count - 1)
        return lines.joined(separator: "\n")
    }

    @Test func everyShippedProfileParses() throws {
        for name in ["generic-hid-wedge", "honeywell-voyager-1250g", "honeywell-voyager-1450g-serial", "zebra-ds2208",
            "newland-hr22", "generic-cdc-acm"]
        {
            let file = try F.shippedFile("devices/scanners/\(name).json")
            _ = try ConfigParser.scannerProfile(text: file.text, path: file.path)
        }
        let serial = try F.shippedFile("devices/scanners/generic-cdc-acm.json")
        #expect(try ConfigParser.scannerProfile(text: serial.text, path: serial.path)
            == ScannerSettings(transport: .serial(baud: 9600)))
        let newland = try F.shippedFile("devices/scanners/newland-hr22.json")
        #expect(try ConfigParser.scannerProfile(text: newland.text, path: newland.path).symbologyIdentifier)
    }

    @Test func aScannerIsNamedByProfileOrInline() throws {
        let byProfile = try ConfigParser.kioskConfig(
            text: kiosk(scanner: #"{"path": "/dev/input/kiosk-scanner", "profile": "scanners/zebra.json"}"#), path: F.kioskPath)
        #expect(byProfile.scanner == ScannerConfig(path: "/dev/input/kiosk-scanner", source: .profile(path: "/etc/kioskd/scanners/zebra.json")))

        let inline = try ConfigParser.kioskConfig(
            text: kiosk(scanner: #"{"path": "/dev/ttyACM0", "transport": "serial", "baud": 115200, "suffix": "none", "gapMilliseconds": 80}"#),
            path: F.kioskPath)
        #expect(inline.scanner?.source == .inline(ScannerSettings(transport: .serial(baud: 115_200), suffix: .none, gapMilliseconds: 80)))

        let none = try ConfigParser.kioskConfig(text: F.kioskLines.joined(separator: "\n"), path: F.kioskPath)
        #expect(none.scanner == nil)
    }

    @Test func scannerMistakesAreExplained() throws {
        let both = try F.kioskError(kiosk(scanner: #"{"path": "/dev/x", "profile": "p.json", "suffix": "tab"}"#))
        #expect(both.jsonPath == "$.scanner.suffix")
        #expect(both.fix.contains("not both"))

        let baud = try F.kioskError(kiosk(scanner: #"{"path": "/dev/x", "transport": "evdev", "baud": 9600}"#))
        #expect(baud.jsonPath == "$.scanner.baud")

        let speed = try F.kioskError(kiosk(scanner: #"{"path": "/dev/x", "transport": "serial", "baud": 12345}"#))
        #expect(speed.problem.contains("12345"))

        let transport = try F.kioskError(kiosk(scanner: #"{"path": "/dev/x", "transport": "bluetooth"}"#))
        #expect(transport.jsonPath == "$.scanner.transport")
        #expect(transport.fix.contains("evdev"))
    }
}
