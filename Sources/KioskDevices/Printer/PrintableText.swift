/// What may be sent to the printer as text: the one sanitizer every byte from data passes, the
/// one place where Unicode meets the printer's character set.
public enum PrintableText {
    /// The bytes to send for `text` on a printer set to `codePage` (nil: plain ASCII only):
    /// printable ASCII 0x20–0x7E as is; a character the code page holds as its byte there
    /// (é → 0x82 in CP437); otherwise common
    /// Latin letters with diacritics map to their base letter (ē → e), typographic quotes, dashes and
    /// ellipsis to ASCII, anything else to '?'. No control byte (0x00–0x1F, 0x7F) can ever come out.
    ///
    /// Tabs, line breaks and other spaces become spaces; combining marks, zero-width characters,
    /// soft hyphens and variation selectors are dropped, so a decomposed "e\u{301}" prints as "e".
    public static func bytes(_ text: String, codePage: CodePage? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.append(UInt8(scalar.value))
            } else if scalar.value < 0x80 {
                out += replacement(for: scalar)
            } else if !scalar.properties.isWhitespace, scalar.properties.generalCategory != .format,
                let byte = codePage?.byte(for: scalar)
            {
                out.append(byte)
            } else {
                out += replacement(for: scalar)
            }
        }
        return out
    }

    /// The printable bytes standing for one scalar (possibly none).
    static func replacement(for scalar: Unicode.Scalar) -> [UInt8] {
        let value = scalar.value
        switch value {
        case 0x20...0x7E: return [UInt8(value)]
        case 0x09, 0x0A, 0x0D, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return space
        case 0x00C0...0x00FF: return Array(latin1Letters[Int(value - 0x00C0)].utf8)
        case 0x0100...0x017F: return Array(latinExtendedA[Int(value - 0x0100)].utf8)
        case 0x0300...0x036F, 0x00AD, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: return []
        default: return Array((punctuation[value] ?? "?").utf8)
        }
    }

    private static let space: [UInt8] = [0x20]

    /// U+00C0 … U+00FF (À … ÿ), one entry each.
    static let latin1Letters: [Substring] =
        ("A A A A A A AE C E E E E I I I I D N O O O O O x O U U U U Y TH ss "
        + "a a a a a a ae c e e e e i i i i d n o o o o o / o u u u u y th y").split(separator: " ")

    /// U+0100 … U+017F (Ā … ſ), one entry each.
    static let latinExtendedA: [Substring] =
        ("A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g G g G g H h H h "
        + "I i I i I i I i I i IJ ij J j K k k L l L l L l L l L l N n N n N n n N n O o O o O o OE oe "
        + "R r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u W w Y y Y Z z Z z Z z s")
        .split(separator: " ")

    /// Typographic punctuation and symbols with a plain ASCII look-alike.
    static let punctuation: [UInt32: String] = [
        0x00A1: "!", 0x00A9: "(c)", 0x00AB: "\"", 0x00AE: "(R)", 0x00B0: "o", 0x00B7: ".", 0x00BB: "\"",
        0x00BF: "?",
        0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-", 0x2212: "-",
        0x2018: "'", 0x2019: "'", 0x201A: "'", 0x201B: "'", 0x2032: "'",
        0x201C: "\"", 0x201D: "\"", 0x201E: "\"", 0x201F: "\"", 0x2033: "\"",
        0x2022: "*", 0x2026: "...", 0x2039: "<", 0x203A: ">", 0x20AC: "EUR", 0x2116: "No",
    ]
}
