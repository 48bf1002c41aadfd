import KioskCore
import KioskTestSupport

/// JSON text through the parser (written back, it reads back the same) and, by the first byte,
/// as a kiosk configuration, a catalogue, a scanner profile or a bookings file.
enum JSONFuzz {
    /// The test fixture's catalogue, for bookings to name.
    private static let catalogue = try! ConfigParser.catalogue(text: KioskFixture.catalogueJSON(), path: "/fuzz/catalogue.json")

    static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if let value = try? JSONParser.parse(text) {
            let written = value.jsonText
            let again = try? JSONParser.parse(written)
            precondition(again?.jsonText == written, "JSON written back does not read back the same")
        }
        do {
            switch selector % 4 {
            case 0: _ = try ConfigParser.kioskConfig(text: text, path: "/fuzz/kiosk.json")
            case 1: _ = try ConfigParser.catalogue(text: text, path: "/fuzz/catalogue.json")
            case 2: _ = try ConfigParser.scannerProfile(text: text, path: "/fuzz/scanner.json")
            default: _ = try ConfigParser.bookings(text: text, path: "/fuzz/bookings.json", catalogue: catalogue)
            }
        } catch {
            _ = error.description
        }
    }
}
