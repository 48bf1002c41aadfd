import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

@Suite("ESC/POS encoder")
struct EscPosEncoderTests {
    /// ESC @, then ESC t 0 (CP437, the generic profiles' code page).
    private let initialize: [UInt8] = [0x1B, 0x40, 0x1B, 0x74, 0]
    private let pos80 = PrinterProfile.generic(.mm80)
    /// A 58 mm printer with native QR and a cutter (the generic POS-58 has neither).
    private let pos58 = PrinterProfile(
        id: "test-58", name: "test", paper: .mm58, dots: 384, columns: 32, codePage: "CP437", codePageNumber: 0,
        nativeQR: true, cutter: .partial)

    private func style(_ alignment: UInt8, bold: UInt8, size: UInt8) -> [UInt8] {
        [0x1B, 0x61, alignment, 0x1B, 0x45, bold, 0x1D, 0x21, size]
    }

    @Test("a document starts with ESC @ and ESC t, and an empty one is nothing more")
    func emptyDocument() {
        #expect(EscPosEncoder.encode(TicketDocument(blocks: []), profile: pos80) == initialize)
    }

    @Test("text sets alignment, bold and size, then prints its line")
    func styledText() {
        let document = TicketDocument(blocks: [
            .text("Hi", TextStyle(alignment: .right, bold: true, widthScale: 2, heightScale: 3)),
            .text("ok", .body),
        ])
        let expected =
            initialize + style(2, bold: 1, size: 0x12) + Array("Hi\n".utf8) + style(0, bold: 0, size: 0x00)
            + Array("ok\n".utf8)
        #expect(EscPosEncoder.encode(document, profile: pos80) == expected)
    }

    @Test("rule, feed and cut")
    func ruleFeedCut() {
        let document = TicketDocument(blocks: [.rule, .feed(lines: 3), .cut])
        let expected =
            initialize + style(0, bold: 0, size: 0) + [UInt8](repeating: 0x2D, count: 32) + [0x0A]
            + [0x1B, 0x64, 3] + [0x1D, 0x56, 66, 0]
        #expect(EscPosEncoder.encode(document, profile: pos58) == expected)
    }

    @Test("feeds longer than 255 lines are split, and no feed is no bytes")
    func longFeed() {
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.feed(lines: 300), .feed(lines: 0)]), profile: pos80)
        #expect(encoded == initialize + [0x1B, 0x64, 255, 0x1B, 0x64, 45])
    }

    @Test("a QR code is model 2, level M, module size fitted to the paper, with its data length in pL pH")
    func qrCode() {
        let payload = "3f2b8c1e-9a4d-4e7b-8c21-5d6e7f809a1b"
        func expected(moduleSize: UInt8) -> [UInt8] {
            initialize + [0x1B, 0x61, 1]
                + [0x1D, 0x28, 0x6B, 4, 0, 49, 65, 50, 0]
                + [0x1D, 0x28, 0x6B, 3, 0, 49, 67, moduleSize]
                + [0x1D, 0x28, 0x6B, 3, 0, 49, 69, 49]
                + [0x1D, 0x28, 0x6B, 39, 0, 49, 80, 48] + Array(payload.utf8)
                + [0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48]
                + [0x1B, 0x64, 1]
        }
        let document = TicketDocument(blocks: [.qrCode(payload: payload)])
        // 36 bytes need version 3 (29 modules): 7 dots a module on 576 dots, 5 on 384.
        #expect(EscPosEncoder.encode(document, profile: pos80) == expected(moduleSize: 7))
        #expect(EscPosEncoder.encode(document, profile: pos58) == expected(moduleSize: 5))
    }

    @Test("a long QR payload puts its length above 255 into pH")
    func longQRCode() throws {
        let payload = String(repeating: "x", count: 300)
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.qrCode(payload: payload)]), profile: pos80)
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 47, 1, 49, 80, 48]  // 303 = 1 × 256 + 47
        let start = try #require(encoded.firstRange(of: store))
        #expect(Array(encoded[start.upperBound..<start.upperBound + 300]) == Array(payload.utf8))
    }

    @Test("a payload no QR symbol can hold prints nothing")
    func oversizedQRCode() {
        let payload = String(repeating: "x", count: 2332)
        #expect(EscPosEncoder.encode(TicketDocument(blocks: [.qrCode(payload: payload)]), profile: pos80) == initialize)
    }

    @Test("text wraps at word boundaries to the columns of its width scale")
    func wrapping() {
        let text = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Badung"
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.text(text, .headingLarge)]), profile: pos80)
        // Double width on 576 dots: 24 columns.
        let expected =
            initialize + style(1, bold: 1, size: 0x11)
            + Array("Dinas Kependudukan dan\nPencatatan Sipil\nKabupaten Badung\n".utf8)
        #expect(encoded == expected)
    }

    @Test("a word longer than a line is cut, and two spaces inside a line are kept")
    func longWordAndSpacing() {
        let encoded = EscPosEncoder.encode(
            TicketDocument(blocks: [.text("ab  " + String(repeating: "x", count: 40), .body)]), profile: pos58)
        let expected =
            initialize + style(0, bold: 0, size: 0)
            + Array(("ab\n" + String(repeating: "x", count: 32) + "\n" + String(repeating: "x", count: 8) + "\n").utf8)
        #expect(encoded == expected)
        let spaced = EscPosEncoder.encode(TicketDocument(blocks: [.text("a  b", .body)]), profile: pos58)
        #expect(spaced == initialize + style(0, bold: 0, size: 0) + Array("a  b\n".utf8))
    }

    @Test("empty text is one blank line")
    func emptyText() {
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.text("", .body)]), profile: pos80)
        #expect(encoded == initialize + style(0, bold: 0, size: 0) + [0x0A])
    }

    @Test("the queue number prints 6× wide and 8× tall; the width drops only as far as the number needs, the height never")
    func numberScale() {
        let short = TicketDocument(blocks: [.text("A-023", .number)])
        #expect(
            EscPosEncoder.encode(short, profile: pos80) == initialize + style(1, bold: 1, size: 0x57)
                + Array("A-023\n".utf8))
        #expect(
            EscPosEncoder.encode(short, profile: pos58) == initialize + style(1, bold: 1, size: 0x57)
                + Array("A-023\n".utf8))
        // 9 characters: 32 / 9 = 3 columns wide at most on 58 mm, so 3× wide, still 8× tall.
        let long = TicketDocument(blocks: [.text("ABC-00123", .number)])
        #expect(
            EscPosEncoder.encode(long, profile: pos58) == initialize + style(1, bold: 1, size: 0x27)
                + Array("ABC-00123\n".utf8))
        // 48 / 9 = 5 on 80 mm: 5× wide, 8× tall (a lower number fell under 15 mm).
        #expect(
            EscPosEncoder.encode(long, profile: pos80) == initialize + style(1, bold: 1, size: 0x47)
                + Array("ABC-00123\n".utf8))
    }

    @Test("text goes through PrintableText: no control byte from the document reaches the printer")
    func sanitisedText() {
        let encoded = EscPosEncoder.encode(
            TicketDocument(blocks: [.text("x\u{1B}@\u{1D}V\u{0}é", .body)]), profile: pos80)
        // é is in CP437, at 0x82.
        #expect(encoded == initialize + style(0, bold: 0, size: 0) + Array("x?@?V?".utf8) + [0x82, 0x0A])
    }

    @Test("Font A columns: 48 on 80 mm, 32 on 58 mm")
    func columns() {
        #expect(EscPosEncoder.columns(pos80) == 48)
        #expect(EscPosEncoder.columns(pos58) == 32)
    }
}

@Suite("ESC/POS encoder: profiles, raster and cuts")
struct EscPosProfileEncodingTests {
    @Test("a tall image is sent as several GS v 0 bands that together hold every row")
    func rasterBands() {
        let widthBytes = 48, height = 300
        let bits = (0..<widthBytes * height).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let encoded = EscPosEncoder.raster(bits: bits, widthBytes: widthBytes, height: height, bandBytes: 4096)
        // 4096 / 48 = 85 rows a band: 85 + 85 + 85 + 45.
        var rest = encoded[...]
        var rows: [Int] = []
        var data: [UInt8] = []
        while !rest.isEmpty {
            let header = Array(rest.prefix(8))
            #expect(Array(header[0..<6]) == [0x1D, 0x76, 0x30, 0, 48, 0])
            let count = Int(header[6]) | Int(header[7]) << 8
            rows.append(count)
            data += rest.dropFirst(8).prefix(count * widthBytes)
            rest = rest.dropFirst(8 + count * widthBytes)
        }
        #expect(rows == [85, 85, 85, 45])
        #expect(data == bits)
    }

    @Test("the profile's code page is selected with ESC t and its cutter decides the cut")
    func profileSettings() throws {
        let document = TicketDocument(blocks: [.text("é", .body), .cut])
        let tmT82 = try #require(PrinterProfile.named("epson-tm-t82"))
        let encoded82 = EscPosEncoder.encode(document, profile: tmT82)
        #expect(Array(encoded82.prefix(5)) == [0x1B, 0x40, 0x1B, 0x74, 19])  // CP858
        #expect(encoded82.contains(0x82) && Array(encoded82.suffix(4)) == [0x1D, 0x56, 66, 0])
        let xp58 = try #require(PrinterProfile.named("xprinter-58"))
        #expect(Array(EscPosEncoder.encode(document, profile: xp58).suffix(3)) == [0x1B, 0x64, 4])  // no cutter
        var fullCut = tmT82
        fullCut.cutter = .full
        #expect(Array(EscPosEncoder.encode(document, profile: fullCut).suffix(4)) == [0x1D, 0x56, 65, 0])
    }

    @Test("a printer without native QR gets the symbol as a raster image, centred, with no GS ( k")
    func rasterQR() throws {
        let profile = try #require(PrinterProfile.named("generic-pos-58"))
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.qrCode(payload: "A-001")]), profile: profile)
        #expect(encoded.firstRange(of: [0x1D, 0x28, 0x6B]) == nil)
        let start = try #require(encoded.firstRange(of: [0x1B, 0x61, 1, 0x1D, 0x76, 0x30, 0]))
        // Version 1 (21 modules) at 384 * 2 / 5 / 21 = 7 dots a module: 147 dots, 19 bytes a row.
        #expect(encoded[start.upperBound] == 19 && encoded[start.upperBound + 2] == 147)
    }
}

@Suite("ESC/POS encoder: logo")
struct EscPosLogoTests {
    @Test("a tall logo prints centred, in bands the emulator joins back into the whole picture")
    func logo() throws {
        let widthBytes = 40, height = 400
        let bits = (0..<widthBytes * height).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let image = try #require(MonochromeImage(widthBytes: widthBytes, height: height, bits: bits))
        let document = TicketDocument(blocks: [.image(image), .text("A-001", .number), .cut])
        let encoded = EscPosEncoder.encode(document, profile: .generic(.mm80))
        var parser = EscPosStreamParser()
        guard case .receipt(let receipt)? = parser.consume(encoded).first else {
            Issue.record("no receipt")
            return
        }
        let rasters = receipt.items.compactMap { if case .raster(let raster) = $0 { raster } else { nil } }
        #expect(rasters.count == 4)  // 4096 / 40 = 102 rows a band
        #expect(rasters.allSatisfy { $0.alignment == .center && $0.widthBytes == widthBytes })
        #expect(rasters.flatMap(\.bits) == bits)
        #expect(receipt.text.contains("A-001"))
    }

    @Test("a logo wider than the paper is left out, and a malformed one cannot be made")
    func tooWide() throws {
        let wide = try #require(MonochromeImage(widthBytes: 73, height: 2, bits: [UInt8](repeating: 0xFF, count: 146)))
        let encoded = EscPosEncoder.encode(TicketDocument(blocks: [.image(wide)]), profile: .generic(.mm80))
        #expect(encoded == [0x1B, 0x40, 0x1B, 0x74, 0])
        #expect(MonochromeImage(widthBytes: 2, height: 2, bits: [0, 0, 0]) == nil)
    }
}
