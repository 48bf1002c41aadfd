import KioskDevices
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
        var generator = SplitMix64(seed: seed)
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

/// A small seeded generator, so a failing case can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
