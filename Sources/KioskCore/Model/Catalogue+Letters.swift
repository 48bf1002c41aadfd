/// The first screen's letter index (issue 18, item 1): agencies found by the first letter of their
/// short name in the citizen's language.
extension Catalogue {
    /// Below this many agencies the first screen shows no letter index: they are read at a glance.
    public static let letterIndexMinimumAgencies = 13

    /// The key a letter index files `name` under: its first letter as a capital A–Z, or `#` for a
    /// name that starts with anything else (a digit, a letter outside A–Z).
    public static func indexLetter(of name: String) -> Character {
        guard let first = name.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else { return "#" }
        let capital = String(first).uppercased()
        guard capital.count == 1, let letter = capital.first, letter.isASCII, letter.isLetter else { return "#" }
        return letter
    }

    /// The letters of the index in `language`: only those some agency's short name starts with,
    /// A–Z then `#`; empty when the catalogue has too few agencies to need an index.
    public func agencyLetters(_ language: Language) -> [Character] {
        guard agencies.count >= Self.letterIndexMinimumAgencies else { return [] }
        let letters = Set(agencies.map { Self.indexLetter(of: $0.shortName(language)) })
        return letters.sorted { ($0 == "#" ? 1 : 0, $0) < ($1 == "#" ? 1 : 0, $1) }
    }

    /// The agencies filed under `letter` in `language`, in catalogue order.
    public func agencies(startingWith letter: Character, _ language: Language) -> [Agency] {
        agencies.filter { Self.indexLetter(of: $0.shortName(language)) == letter }
    }
}
