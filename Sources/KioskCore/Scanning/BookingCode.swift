/// An online-booking code as printed in the citizen's booking QR: `BK-XXXXX-XXXXX-C`.
///
/// Ten Crockford base32 symbols (no I, L, O or U, so nothing is misread) and a mod-37 check
/// symbol over them, so a misread or mistyped code is refused before any server is asked.
public struct BookingCode: Sendable, Hashable, CustomStringConvertible {
    /// The ten symbols, without dashes or check symbol.
    public let symbols: String

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let checkAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U")

    /// Parses the canonical form; nil when the shape or the check symbol is wrong.
    public init?(_ text: String) {
        let chars = Array(text)
        guard chars.count == 16, String(chars[0..<3]) == "BK-", chars[8] == "-", chars[14] == "-" else { return nil }
        let body = Array(chars[3..<8] + chars[9..<14])
        guard body.allSatisfy(Self.alphabet.contains), Self.check(body) == chars[15] else { return nil }
        symbols = String(body)
    }

    /// Makes the code for ten symbols of the Crockford alphabet (used by servers and tests).
    public init?(symbols: String) {
        let body = Array(symbols)
        guard body.count == 10, body.allSatisfy(Self.alphabet.contains) else { return nil }
        self.symbols = symbols
    }

    /// `BK-XXXXX-XXXXX-C`.
    public var description: String {
        let body = Array(symbols)
        return "BK-" + String(body[0..<5]) + "-" + String(body[5..<10]) + "-" + String(Self.check(body))
    }

    private static func check(_ body: [Character]) -> Character {
        var remainder = 0
        for symbol in body { remainder = (remainder * 32 + alphabet.firstIndex(of: symbol)!) % 37 }
        return checkAlphabet[remainder]
    }
}
