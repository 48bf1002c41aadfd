import Foundation
import KioskCore
import KioskDevices
import KioskTestSupport
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// The citizen's ticket as printed (issue 18): the number at least 15 mm tall on 80 mm paper, the
/// fixed texts in both languages, and a QR that decodes to the citizen page when the kiosk is linked.
@Suite("The printed ticket")
struct TicketPaperTests {
    static let citizenPage = "https://antrean.mpp-badung.go.id"

    /// The receipt `document` prints on `profile`'s printer, as the emulator parses it.
    private func printed(_ document: TicketDocument, _ profile: PrinterProfile) throws -> PrintedReceipt {
        var parser = EscPosStreamParser()
        let outputs = parser.consume(EscPosEncoder.encode(document, profile: profile))
        if case .receipt(let cut)? = outputs.first { return cut }
        let rest = parser.finish()
        return try #require(rest)
    }

    private func document(_ language: Language, citizenPage: String?) -> TicketDocument {
        var service = PrinterFixtures.service
        service.counter = LocalizedText(indonesian: "Loket 1–8, lantai 1", english: "Counters 1–8, ground floor")
        return TicketLayout.document(
            for: PrinterFixtures.ticket(language), agency: PrinterFixtures.agency, service: service,
            mallName: PrinterFixtures.mallName, kioskID: "MPP-BADUNG-K01", zone: .wita, citizenPage: citizenPage)
    }

    /// The sample MPP Badung catalogue (kiosk-config/catalogue-badung-sample.json).
    static let sampleCatalogue: Catalogue? = {
        // #filePath is <repo>/Tests/KioskDevicesTests/TicketPaperTests.swift.
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        let path = (parts.dropLast(3) + ["kiosk-config", "catalogue-badung-sample.json"]).joined(separator: "/")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try? ConfigParser.catalogue(text: text, path: path)
    }()

    /// The inked height, in dots, of the line printing `number` on `profile`'s printer, as the
    /// emulator prints the ESC/POS bytes: Font A cells of 12 × 24 dots scaled by the `GS !` the
    /// encoder chose (it narrows a number too long for the paper at full width). `style` replaces
    /// the layout's number style, to show the measure can fail.
    private func inkedNumberDots(_ number: String, _ profile: PrinterProfile, style: TextStyle? = nil) throws -> Int {
        var ticket = PrinterFixtures.ticket()
        ticket.number = number
        var document = TicketLayout.document(
            for: ticket, agency: PrinterFixtures.agency, service: PrinterFixtures.service,
            mallName: PrinterFixtures.mallName, kioskID: "MPP-BADUNG-K01", zone: .wita)
        if let style {
            document.blocks = document.blocks.map { $0 == .text(number, .number) ? .text(number, style) : $0 }
        }
        let line = try #require(try printed(document, profile).lines.first { $0.text == number })
        let alone = PrintedReceipt(bytes: [], items: [.line(line)], unknownCommands: [], wasCut: true)
        let canvas = try alone.render(paperDots: profile.dots)
        var rows: [Int] = []
        for y in 0..<canvas.height where (0..<canvas.width).contains(where: { canvas.color(x: $0, y: y) == .black }) {
            rows.append(y)
        }
        return try #require(rows.last) - (try #require(rows.first)) + 1
    }

    @Test(
        "the number's inked height is at least 15 mm at the profile's dots per millimetre, for the sample's longest number and the longest a catalogue allows",
        arguments: PrinterProfile.all.filter { $0.paper == .mm80 }.map(\.id))
    func numberIsAtLeast15Millimetres(profileID: String) throws {
        let profile = try #require(PrinterProfile.named(profileID))
        let catalogue = try #require(Self.sampleCatalogue)
        #expect(catalogue.allServices.count == 152)
        // The longest number any service of the sample can print: its prefix, '-', its digits.
        let longest = try #require(
            catalogue.allServices.map { Ticket.number(for: $0, sequence: 1) }.max { $0.count < $1.count })
        // 80 mm paper prints 72 mm wide: 576 dots at 8 dots/mm (203 dpi), 512 at about 7.1 (180 dpi).
        let dotsPerMillimetre = TicketPaperLength.dotsPerMillimetre(profile)
        // A catalogue allows 3 prefix characters and 6 digits (kiosk-config/README.md): "ABC-000001".
        for number in ["A-023", longest, "ABC-000001"] {
            let millimetres = Double(try inkedNumberDots(number, profile)) / dotsPerMillimetre
            print("\(profileID): number \(number) inked \(millimetres) mm tall")
            #expect(millimetres >= 15, "\(profileID): \(number) is \(millimetres) mm")
        }
        // Seven times Font A's height instead of eight: the measure sees it fall short.
        let lower = TextStyle(alignment: .center, bold: true, widthScale: 6, heightScale: 7)
        #expect(Double(try inkedNumberDots("A-023", profile, style: lower)) / dotsPerMillimetre < 15)
    }

    @Test("fixed texts in both languages, the ticket's first; the counter where the catalogue names it")
    func bothLanguages() throws {
        let profile = PrinterProfile.generic(.mm80)
        let english = try printed(document(.english, citizenPage: nil), profile).lines.map(\.text).joined(separator: " ")
        #expect(english.contains("Your queue number / Nomor antrean Anda"))
        #expect(english.contains("Please wait to be called Mohon menunggu panggilan"))
        // (The printer's code page has no en dash: the encoder prints '-'.)
        #expect(english.contains("Counter / Loket: Counters 1-8, ground floor"))
        #expect(english.contains("Date / Tanggal: 02-03-2026"))
        let indonesian = try printed(document(.indonesian, citizenPage: nil), profile).lines.map(\.text).joined(separator: " ")
        #expect(indonesian.contains("Nomor antrean Anda / Your queue number"))
        #expect(indonesian.contains("Loket / Counter: Loket 1-8, lantai 1"))
    }

    @Test(
        "linked, the QR decodes to the citizen page and says to scan it; standalone, to the id, scanned at the kiosk",
        arguments: [(true, "generic-pos-80"), (false, "generic-pos-80"), (true, "xprinter-58")])
    func qrLeadsToTheCitizenPage(linked: Bool, profileID: String) throws {
        let profile = try #require(PrinterProfile.named(profileID))
        let receipt = try printed(document(.indonesian, citizenPage: linked ? Self.citizenPage : nil), profile)
        let canvas = try receipt.render(paperDots: profile.dots)
        let path = try PrinterFixtures.temporaryDirectory() + "/ticket.png"
        try PNGWriter.write(canvas, to: path, compressionLevel: 6)
        let id = PrinterFixtures.ticketID.description
        #expect(try zbarimg(path) == [linked ? Self.citizenPage + "/t/" + id : id])
        let text = receipt.lines.map(\.text).joined(separator: " ")
        #expect(text.contains(linked ? "Pindai untuk memantau antrean Anda" : "Pindai di kios untuk melihat posisi Anda"))
        #expect(text.contains(linked ? "Scan to follow your queue" : "Scan at the kiosk to see your place"))
    }
}

/// Runs Debian's `zbarimg --raw -q` on `path` and returns the decoded symbols, one per line.
func zbarimg(_ path: String) throws -> [String] {
    guard let pipe = popen("zbarimg --raw -q '\(path)'", "r") else { return [] }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, pipe)
        if count == 0 { break }
        output += chunk[0..<count]
    }
    pclose(pipe)
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}
