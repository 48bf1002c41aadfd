import KioskCore
import Testing

@Suite("Printer profiles")
struct PrinterProfileTests {
    /// `profiles.json` read into profiles, with the USB id written as "vvvv:pppp" or null.
    private func shippedProfiles() throws -> [PrinterProfile] {
        let text = try ConfigFixtures.shippedFile("devices/printers/profiles.json").text
        let root = try JSONParser.parse(text)
        guard case .array(let entries)? = root["profiles"]?.content else { throw ProfileFileError() }
        return try entries.map { entry in
            func string(_ key: String) throws -> String {
                guard case .string(let value)? = entry[key]?.content else { throw ProfileFileError() }
                return value
            }
            func number(_ key: String) throws -> Int {
                guard case .number(let value)? = entry[key]?.content, let number = Int(value) else {
                    throw ProfileFileError()
                }
                return number
            }
            guard case .bool(let nativeQR)? = entry["nativeQR"]?.content,
                case .bool(let processID)? = entry["processID"]?.content,
                case .bool(let automaticStatusBack)? = entry["automaticStatusBack"]?.content,
                let paper = PaperWidth(rawValue: try string("paper")),
                let cutter = PrinterProfile.Cutter(rawValue: try string("cutter"))
            else { throw ProfileFileError() }
            var vendor: UInt16?, product: UInt16?
            if case .string(let usb)? = entry["usb"]?.content {
                let parts = usb.split(separator: ":")
                vendor = UInt16(parts[0], radix: 16)
                product = UInt16(parts[1], radix: 16)
            }
            return PrinterProfile(
                id: try string("id"), name: try string("name"), paper: paper, dots: try number("dots"),
                columns: try number("columns"), codePage: try string("codePage"),
                codePageNumber: UInt8(try number("codePageNumber")), nativeQR: nativeQR, cutter: cutter,
                usbVendorID: vendor, usbProductID: product, processID: processID,
                automaticStatusBack: automaticStatusBack)
        }
    }

    private struct ProfileFileError: Error {}

    @Test("the compiled table is devices/printers/profiles.json, profile for profile")
    func tableMatchesFile() throws {
        #expect(try shippedProfiles() == PrinterProfile.all)
    }

    @Test("the printers common in Indonesian offices are there, with sane geometry")
    func coverage() {
        for id in ["epson-tm-t82", "epson-tm-t20", "epson-tm-t88", "xprinter-58", "xprinter-80", "generic-pos-58",
                   "generic-pos-80"] {
            #expect(PrinterProfile.named(id) != nil, "\(id)")
        }
        for profile in PrinterProfile.all {
            #expect(profile.dots / 12 == profile.columns, "\(profile.id): Font A is 12 dots wide")
            #expect(profile.dots <= profile.paper.dots)
        }
        #expect(PrinterProfile.generic(.mm58).id == "generic-pos-58")
    }

    private typealias F = ConfigFixtures

    private func printer(_ json: String) throws -> PrinterConfig {
        let text = F.text(F.kioskLines, replacing: 8, with: #"  "printer": "# + json)
        return try ConfigParser.kioskConfig(text: text, path: F.kioskPath).printer
    }

    @Test("a printer config names its profile; paper follows it, and a mismatch is refused")
    func configField() throws {
        let config = try printer(#"{"kind": "cups", "queue": "tiket", "profile": "xprinter-58"}"#)
        #expect(config.profile.id == "xprinter-58" && config.paper == .mm58 && !config.allowScreenOnlyTickets)
        let plain = try printer(#"{"kind": "cups", "queue": "tiket", "allowScreenOnlyTickets": true}"#)
        #expect(plain.profile.id == "generic-pos-80" && plain.allowScreenOnlyTickets)
        let mismatch = try F.kioskError(F.text(
            F.kioskLines, replacing: 8,
            with: #"  "printer": {"kind": "cups", "queue": "t", "profile": "xprinter-58", "paper": "80mm"}"#))
        #expect(mismatch.problem.contains("prints on 58mm paper"))
        let unknown = try F.kioskError(F.text(
            F.kioskLines, replacing: 8, with: #"  "printer": {"kind": "cups", "queue": "t", "profile": "tm-t82"}"#))
        #expect(unknown.jsonPath == "$.printer.profile" && unknown.fix.contains("\"epson-tm-t82\""))
    }
}
