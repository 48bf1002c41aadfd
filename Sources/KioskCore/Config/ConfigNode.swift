/// A JSON value being read as configuration: knows its file and JSON path, and turns every
/// mismatch into a ``ConfigError`` with a fix.
struct ConfigNode {
    let value: JSONValue
    let path: JSONPath
    let file: String

    /// Parses `text` as the root of a configuration document.
    static func document(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        do {
            return ConfigNode(value: try JSONParser.parse(text), path: JSONPath.root, file: file)
        } catch {
            throw ConfigError(
                file: file, line: error.position.line, column: error.position.column, jsonPath: error.jsonPath,
                problem: "not valid JSON: " + error.problem, fix: error.fix)
        }
    }

    /// An error located at this value.
    func error(_ problem: String, fix: String) -> ConfigError {
        ConfigError(
            file: file, line: value.position.line, column: value.position.column, jsonPath: path.text, problem: problem,
            fix: fix)
    }

    /// The value as shown in messages: scalars as written, containers by kind.
    var shown: String {
        switch value.content {
        case .array, .object: value.kindDescription
        default: value.kindDescription + " (" + value.jsonText + ")"
        }
    }

    // MARK: Scalars

    func string() throws(ConfigError) -> String {
        guard case .string(let text) = value.content else {
            let fix: String
            switch value.content {
            case .number, .bool: fix = "Put the value in double quotes: \"\(value.jsonText)\"."
            default: fix = "Write text in double quotes here."
            }
            throw error("expected a string, found \(shown)", fix: fix)
        }
        return text
    }

    /// A string that is not empty or only spaces; `what` names it in the message.
    func nonBlankString(_ what: String) throws(ConfigError) -> String {
        let text = try string()
        if text.allSatisfy(\.isWhitespace) {
            throw error("\(what) is empty", fix: "Write the \(what) here.")
        }
        return text
    }

    /// A whole number within `range`.
    func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let wanted = "Write a whole number from \(range.lowerBound) to \(range.upperBound)."
        switch value.content {
        case .number(let text):
            guard let number = Int(text) else {
                if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    throw error("expected a whole number, found \(text)", fix: wanted)
                }
                throw error("\(text) is out of range", fix: wanted)
            }
            guard range.contains(number) else { throw error("\(number) is out of range", fix: wanted) }
            return number
        case .string(let text) where Int(text) != nil:
            throw error("expected a whole number, found \(shown)", fix: "Remove the quotes: write \(text).")
        default:
            throw error("expected a whole number, found \(shown)", fix: wanted)
        }
    }

    func bool() throws(ConfigError) -> Bool {
        guard case .bool(let flag) = value.content else {
            throw error("expected true or false, found \(shown)", fix: "Write true or false, without quotes.")
        }
        return flag
    }

    /// A path string, resolved against the directory of this node's file.
    func path(_ what: String) throws(ConfigError) -> String {
        let text = try string()
        if text.isEmpty { throw error("\(what) is empty", fix: "Write the path of the \(what) here.") }
        if text.hasPrefix("~") {
            throw error(
                "\"~\" is not expanded in paths", fix: "Write the full path, or a path relative to this file.")
        }
        return PathResolution.resolve(text, relativeTo: file)
    }

    /// One of the raw values of `options`; `what` names the setting, e.g. `device kind`.
    func choice<Option: RawRepresentable & CaseIterable>(_ what: String, of options: Option.Type) throws(ConfigError)
        -> Option where Option.RawValue == String
    {
        let text = try string()
        if let option = Option(rawValue: text) { return option }
        let names = options.allCases.map(\.rawValue)
        throw error(
            "unknown \(what) \"\(text)\"",
            fix: Suggestions.didYouMean(text, among: names) + "Use one of: \(names.joined(separator: ", ")).")
    }

    // MARK: Containers

    func elements() throws(ConfigError) -> [ConfigNode] {
        guard case .array(let values) = value.content else {
            throw error("expected an array, found \(shown)", fix: "Write a list in square brackets: [ … ].")
        }
        return values.enumerated().map { ConfigNode(value: $1, path: JSONPath.element(path, $0), file: file) }
    }

    /// This value as an object; check its keys with ``ConfigObject/allowingOnly(_:kind:)``.
    func object() throws(ConfigError) -> ConfigObject {
        guard case .object(let members) = value.content else {
            throw error("expected an object, found \(shown)", fix: "Write an object in braces: { \"key\": value, … }.")
        }
        return ConfigObject(node: self, members: members)
    }
}

/// A JSON object being read as configuration.
struct ConfigObject {
    let node: ConfigNode
    let members: [JSONMember]

    /// A key that only some kinds take, with the kinds' other keys, for a clearer message.
    struct KindKeys {
        /// E.g. `display kind "headless"`.
        var label: String
        /// Keys that other kinds of the same setting take.
        var otherKindsKeys: Set<String>
    }

    /// Throws for the first key not in `keys`, suggesting a close known key.
    func allowingOnly(_ keys: [String], kind: KindKeys? = nil) throws(ConfigError) -> ConfigObject {
        for member in members where !keys.contains(member.key) {
            let allowed = keys.joined(separator: ", ")
            if let kind, kind.otherKindsKeys.contains(member.key) {
                throw keyError(
                    member, "\"\(member.key)\" is not used by \(kind.label)", fix: "Remove it; \(kind.label) takes: \(allowed).")
            }
            if let match = Suggestions.closest(to: member.key, among: keys) {
                throw keyError(member, "unknown key \"\(member.key)\"", fix: "Did you mean \"\(match)\"?")
            }
            throw keyError(member, "unknown key \"\(member.key)\"", fix: "Remove it; the keys allowed here are: \(allowed).")
        }
        return self
    }

    /// An error located at `member`'s key.
    func keyError(_ member: JSONMember, _ problem: String, fix: String) -> ConfigError {
        ConfigError(
            file: node.file, line: member.keyPosition.line, column: member.keyPosition.column,
            jsonPath: JSONPath.member(node.path, member.key).text, problem: problem, fix: fix)
    }

    /// The member `key`, or an error that says to add it, e.g. `Add "port": 9100.`
    func required(_ key: String, example: String) throws(ConfigError) -> ConfigNode {
        if let member = optional(key) { return member }
        throw ConfigError(
            file: node.file, line: node.value.position.line, column: node.value.position.column,
            jsonPath: JSONPath.member(node.path, key).text, problem: "missing required field \"\(key)\"",
            fix: "Add \"\(key)\": \(example) to this object.")
    }

    /// The member `key` if present.
    func optional(_ key: String) -> ConfigNode? {
        guard let member = members.first(where: { $0.key == key }) else { return nil }
        return ConfigNode(value: member.value, path: JSONPath.member(node.path, key), file: node.file)
    }
}

extension ConfigNode {
    /// `{"id": "…", "en": "…"}` with both languages present and not blank.
    func localizedText() throws(ConfigError) -> LocalizedText {
        let object = try object().allowingOnly(["id", "en"])
        let indonesian = try object.required("id", example: "\"teks dalam Bahasa Indonesia\"")
            .nonBlankString("Bahasa Indonesia text")
        let english = try object.required("en", example: "\"text in English\"").nonBlankString("English text")
        return LocalizedText(indonesian: indonesian, english: english)
    }
}
