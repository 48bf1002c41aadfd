import KioskCore
import Testing

/// Every citizen-facing string exists in both languages: each key of the translation table has an
/// Indonesian and an English text that differ and take the same placeholders, and every name in
/// the sample catalogue has both (the catalogue reader refuses one without).
@Suite struct TranslationTableTests {
    /// The `{name}` placeholders of `template`.
    static func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test(arguments: TextKey.allCases)
    func bothLanguagesWithTheSamePlaceholders(_ key: TextKey) {
        let entry = Translations.entry(key)
        #expect(!entry.indonesian.isEmpty && !entry.english.isEmpty)
        #expect(entry.indonesian != entry.english, "\(key) is the same text in both languages: not translated")
        #expect(Self.placeholders(entry.indonesian) == Self.placeholders(entry.english), "\(key)")
    }

    @Test func aCatalogueNameInOneLanguageOnlyIsRefused() throws {
        func catalogue(_ agencyName: String) -> String {
            """
            {"defaultHours": {"mon": ["08:00-15:00"]}, "agencies": [{"id": "a", "name": \(agencyName)}],
             "services": [{"id": "s", "agency": "a", "name": {"id": "Layanan", "en": "Service"}, "prefix": "A"}]}
            """
        }
        _ = try ConfigParser.catalogue(text: catalogue(#"{"id": "Dinas", "en": "Office"}"#), path: "catalogue.json")
        let error = #expect(throws: ConfigError.self) {
            try ConfigParser.catalogue(text: catalogue(#"{"id": "Dinas"}"#), path: "catalogue.json")
        }
        #expect(error?.jsonPath == "$.agencies[0].name.en", "\(String(describing: error))")
    }
}
