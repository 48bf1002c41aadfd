/// Parses JSON text (RFC 8259) into a ``JSONValue`` tree that remembers where every value is.
///
/// Stricter than RFC 8259 in one way: an object with the same key twice is an error, because in a
/// configuration file the second one silently hides the first. A leading UTF-8 byte order mark
/// is skipped.
public enum JSONParser {
    /// Nesting deeper than this is rejected rather than risking the stack.
    public static let maximumDepth = 256

    /// Parses `text`, which must hold exactly one JSON value.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(Array(text.utf8))
        return try reader.document()
    }
}

/// The recursive-descent reader behind ``JSONParser``; works on UTF-8 bytes.
private struct JSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }
    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if current == nil {
            throw JSONSyntaxError(
                position: position, jsonPath: "$", problem: "the file is empty",
                fix: "Write one JSON object, starting with '{' and ending with '}'.")
        }
        let value = try self.value(path: JSONPath.root)
        skipWhitespace()
        if current != nil {
            throw fail(
                JSONPath.root, "unexpected \(found) after the end of the JSON value",
                fix: "Remove it: the file must hold exactly one JSON value.")
        }
        return value
    }

    // MARK: Values

    private mutating func value(path: JSONPath) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        let start = position
        guard let byte = current else {
            throw fail(path, "expected a value, found the end of the file", fix: "Complete the value or remove the text before it.")
        }
        switch byte {
        case UInt8(ascii: "{"): return try object(path: path, start: start)
        case UInt8(ascii: "["): return try array(path: path, start: start)
        case UInt8(ascii: "\""): return JSONValue(.string(try string(path: path)), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try number(path: path)), at: start)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return JSONValue(try literal(path: path), at: start)
        case UInt8(ascii: "/"):
            throw fail(path, "comments are not allowed in JSON", fix: "Remove the comment; explain settings in the README instead.")
        case UInt8(ascii: "'"):
            throw fail(path, "strings must use double quotes, found '", fix: "Write \"text\" instead of 'text'.")
        default:
            throw fail(
                path, "expected a value (a string, number, object, array, true, false or null), found \(found)",
                fix: "Write the missing value, or remove the extra comma or bracket.")
        }
    }

    private mutating func object(path: JSONPath, start: SourcePosition) throws(JSONSyntaxError) -> JSONValue {
        try enterContainer(path)
        advance()  // {
        var members: [JSONMember] = []
        var seen: [String: SourcePosition] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return JSONValue(.object([]), at: start)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                if current == UInt8(ascii: "}") {
                    throw fail(path, "expected a key after ',', found '}'", fix: "Remove the comma after the last member.")
                }
                throw fail(path, "expected a key in double quotes, found \(found)", fix: "Write the key as \"name\": value.")
            }
            let keyPosition = position
            let key = try string(path: path)
            let memberPath = JSONPath.member(path, key)
            if let first = seen[key] {
                throw JSONSyntaxError(
                    position: keyPosition, jsonPath: memberPath.text,
                    problem: "duplicate key \"\(key)\" (first at line \(first.line), column \(first.column))",
                    fix: "Keep only one of them: the second would silently replace the first.")
            }
            seen[key] = keyPosition
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw fail(path, "expected ':' after the key \"\(key)\", found \(found)", fix: "Write \"\(key)\": value.")
            }
            advance()
            let value = try self.value(path: memberPath)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "}"):
                advance()
                depth -= 1
                return JSONValue(.object(members), at: start)
            default:
                throw fail(
                    path, "expected ',' or '}' after an object member, found \(found)",
                    fix: "Add a comma between members, or close the object with '}'.")
            }
        }
    }

    private mutating func array(path: JSONPath, start: SourcePosition) throws(JSONSyntaxError) -> JSONValue {
        try enterContainer(path)
        advance()  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return JSONValue(.array([]), at: start)
        }
        while true {
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                throw fail(path, "expected a value after ',', found ']'", fix: "Remove the comma after the last element.")
            }
            elements.append(try value(path: JSONPath.element(path, elements.count)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): advance()
            case UInt8(ascii: "]"):
                advance()
                depth -= 1
                return JSONValue(.array(elements), at: start)
            default:
                throw fail(
                    path, "expected ',' or ']' after an array element, found \(found)",
                    fix: "Add a comma between elements, or close the array with ']'.")
            }
        }
    }

    private mutating func enterContainer(_ path: JSONPath) throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw fail(path, "values nested more than \(JSONParser.maximumDepth) deep", fix: "Flatten the structure.")
        }
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote and returns its decoded content.
    private mutating func string(path: JSONPath) throws(JSONSyntaxError) -> String {
        let start = position
        advance()  // "
        var out: [UInt8] = []
        while true {
            guard let byte = current else {
                throw JSONSyntaxError(
                    position: start, jsonPath: path.text, problem: "unterminated string: no closing '\"' before the end of the file",
                    fix: "Add the closing double quote.")
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(path: path, into: &out)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw JSONSyntaxError(
                    position: start, jsonPath: path.text, problem: "unterminated string: no closing '\"' on this line",
                    fix: "Add the closing double quote; write a line break inside a string as \\n.")
            case 0x00..<0x20:
                let name = byte == UInt8(ascii: "\t") ? "tab" : "control character U+00" + Self.hex(byte)
                throw fail(path, "raw \(name) in a string", fix: "Write it as an escape such as \\t or \\u00XX.")
            default:
                out.append(byte)
                advance()
            }
        }
    }

    private mutating func escape(path: JSONPath, into out: inout [UInt8]) throws(JSONSyntaxError) {
        let start = position
        advance()  // backslash
        guard let byte = current else {
            throw JSONSyntaxError(
                position: start, jsonPath: path.text, problem: "unterminated string: the file ends after '\\'",
                fix: "Complete the escape and close the string.")
        }
        advance()
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
            UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let decoded = simple[byte] {
            out.append(decoded)
            return
        }
        guard byte == UInt8(ascii: "u") else {
            let shown = byte < 0x80 && byte >= 0x20 ? String(UnicodeScalar(byte)) : "U+00" + Self.hex(byte)
            throw JSONSyntaxError(
                position: start, jsonPath: path.text, problem: "invalid escape '\\\(shown)' in a string",
                fix: "Use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; write a backslash itself as \\\\.")
        }
        var code = try hexQuad(path: path, escapeStart: start)
        if (0xDC00...0xDFFF).contains(code) {
            throw unpairedSurrogate(path, start)
        }
        if (0xD800...0xDBFF).contains(code) {
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw unpairedSurrogate(path, start)
            }
            let lowStart = position
            advance()
            advance()
            let low = try hexQuad(path: path, escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else { throw unpairedSurrogate(path, start) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        // Every non-surrogate code point up to 0x10FFFF is a valid scalar.
        out.append(contentsOf: Array(String(UnicodeScalar(code)!).utf8))
    }

    private mutating func hexQuad(path: JSONPath, escapeStart: SourcePosition) throws(JSONSyntaxError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw JSONSyntaxError(
                    position: escapeStart, jsonPath: path.text, problem: "invalid \\u escape: it needs exactly four hex digits",
                    fix: "Write it as \\u followed by four digits 0-9 or A-F, e.g. \\u00e9.")
            }
            code = code << 4 | UInt32(digit)
            advance()
        }
        return code
    }

    private func unpairedSurrogate(_ path: JSONPath, _ start: SourcePosition) -> JSONSyntaxError {
        JSONSyntaxError(
            position: start, jsonPath: path.text, problem: "invalid \\u escape: an unpaired UTF-16 surrogate",
            fix: "Write the character itself, or a complete surrogate pair such as \\ud83d\\ude00.")
    }

    // MARK: Numbers and literals

    /// Reads a number token and returns its text if it follows the JSON number grammar.
    private mutating func number(path: JSONPath) throws(JSONSyntaxError) -> String {
        let start = position
        let first = index
        while let byte = current, Self.isWordByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
            advance()
        }
        let token = Array(bytes[first..<index])
        let text = String(decoding: token, as: UTF8.self)
        guard Self.isValidNumber(token) else {
            throw JSONSyntaxError(
                position: start, jsonPath: path.text, problem: "invalid number \"\(text)\"",
                fix: "Write numbers like 12, -3, 1.5 or 2e3: no leading zeros, plus sign, units or trailing point.")
        }
        return text
    }

    private static func isValidNumber(_ token: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let begin = i
            while i < token.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(token[i]) { i += 1 }
            return i - begin
        }
        if i < token.count, token[i] == UInt8(ascii: "-") { i += 1 }
        guard i < token.count else { return false }
        if token[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < token.count, token[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < token.count, token[i] == UInt8(ascii: "e") || token[i] == UInt8(ascii: "E") {
            i += 1
            if i < token.count, token[i] == UInt8(ascii: "+") || token[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == token.count
    }

    private mutating func literal(path: JSONPath) throws(JSONSyntaxError) -> JSONValue.Content {
        let start = position
        let first = index
        while let byte = current, Self.isWordByte(byte) { advance() }
        let word = String(decoding: bytes[first..<index], as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            throw JSONSyntaxError(
                position: start, jsonPath: path.text, problem: "unknown word \"\(word)\"",
                fix: "Put text in double quotes; the only bare words are true, false and null, in lowercase.")
        }
    }

    // MARK: Scanning

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        {
            advance()
        }
    }

    /// The current character, quoted, for "found …" in messages.
    private var found: String {
        guard let byte = current else { return "the end of the file" }
        if byte < 0x20 || byte == 0x7F { return "control character U+00" + Self.hex(byte) }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[index..<end], as: UTF8.self) + "'"
    }

    private func fail(_ path: JSONPath, _ problem: String, fix: String) -> JSONSyntaxError {
        JSONSyntaxError(position: position, jsonPath: path.text, problem: problem, fix: fix)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
