import KioskDevices
import KioskTestSupport
import Testing

@Suite("Printable text for the printer")
struct EscPosPrintableTextTests {
    private func ascii(_ text: String) -> String { String(decoding: PrintableText.bytes(text), as: UTF8.self) }

    @Test("typographic punctuation and diacritics become plain ASCII")
    func typography() {
        #expect(ascii("Pelayanan Terpadu — ‘Satu Pintu’ é") == "Pelayanan Terpadu - 'Satu Pintu' e")
        #expect(ascii("“Kantor” – No… Ärger Straße Œuvre Łódź Ñ") == "\"Kantor\" - No... Arger Strasse OEuvre Lodz N")
        #expect(ascii("e\u{301}") == "e")
    }

    @Test("printable ASCII passes through unchanged")
    func printableASCII() {
        let all = String(decoding: Array(0x20...0x7E).map(UInt8.init), as: UTF8.self)
        #expect(PrintableText.bytes(all) == Array(0x20...0x7E).map(UInt8.init))
    }

    @Test("every control character becomes '?' or, for tab and line breaks, a space")
    func controlBytes() {
        for value in Array(0x00...0x1F) + [0x7F] {
            let out = PrintableText.bytes(String(UnicodeScalar(UInt8(value))))
            let expected: [UInt8] = [0x09, 0x0A, 0x0D].contains(value) ? [0x20] : [UInt8(ascii: "?")]
            #expect(out == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test("escape sequences cannot reach the printer")
    func escapeSequences() {
        #expect(ascii("\u{1B}@\u{1D}V\u{42}\u{0}\u{10}\u{04}\u{01}") == "?@?VB????")
        #expect(ascii("\u{9B}31m") == "?31m")
    }

    @Test("invalid UTF-8, emoji and other scripts become '?'")
    func otherText() {
        let invalid = String(decoding: [0x41, 0xFF, 0xC3, 0x28, 0x42], as: UTF8.self)
        #expect(ascii(invalid) == "A??(B")
        #expect(ascii("Antre 👍🏽!") == "Antre ??!")
        #expect(ascii("👨‍👩‍👧") == "???")
        #expect(ascii("❤️") == "?")
        #expect(ascii("日本 Ωμέγα") == "?? ?????")
    }

    @Test("random strings never produce a control byte or a byte above 0x7E", arguments: 0..<8)
    func neverControlBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<500 {
            let length = Int(generator.next() % 40)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                // Favour the interesting ranges: C0/C1 controls, Latin, punctuation, surrogates skipped.
                let ranges: [ClosedRange<UInt32>] = [0...0xFF, 0x100...0x24F, 0x2000...0x206F, 0...0x10FFFF]
                let range = ranges[Int(generator.next() % UInt64(ranges.count))]
                let value = range.lowerBound + UInt32(generator.next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let bytes = PrintableText.bytes(String(scalars))
            #expect(bytes.allSatisfy { (0x20...0x7E).contains($0) }, "\(Array(String(scalars).unicodeScalars))")
        }
    }
}

@Suite("Code pages")
struct CodePageTests {
    @Test("letters the code page holds are sent as its bytes; the rest fall back to ASCII")
    func codePageBytes() {
        let text = "Café Señor Ärger € Łódź ✓"
        #expect(PrintableText.bytes(text, codePage: .cp437)
            == Array("Caf".utf8) + [0x82] + Array(" Se".utf8) + [0xA4] + Array("or ".utf8) + [0x8E]
            + Array("rger EUR L".utf8) + [0xA2] + Array("dz ?".utf8))
        #expect(PrintableText.bytes(text, codePage: .cp858)
            == Array("Caf".utf8) + [0x82] + Array(" Se".utf8) + [0xA4] + Array("or ".utf8) + [0x8E]
            + Array("rger ".utf8) + [0xD5] + Array(" L".utf8) + [0xA2] + Array("dz ?".utf8))
        #expect(PrintableText.bytes(text, codePage: .cp1252)
            == Array("Caf".utf8) + [0xE9] + Array(" Se".utf8) + [0xF1] + Array("or ".utf8) + [0xC4]
            + Array("rger ".utf8) + [0x80] + Array(" L".utf8) + [0xF3] + Array("dz ?".utf8))
    }

    @Test("random text never gives a control byte, and every byte above 0x7F prints the character it stands for",
          arguments: CodePage.allCases)
    func randomText(page: CodePage) {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 30) {
                if let scalar = Unicode.Scalar(UInt32(generator.next() % 0x2600)) { scalars.append(scalar) }
            }
            let bytes = PrintableText.bytes(String(scalars), codePage: page)
            #expect(bytes.allSatisfy { $0 >= 0x20 && $0 != 0x7F })
            let printed = Set(bytes.filter { $0 >= 0x80 }.compactMap { page.scalar(for: $0) })
            #expect(printed.isSubset(of: Set(scalars)))
        }
    }
}
