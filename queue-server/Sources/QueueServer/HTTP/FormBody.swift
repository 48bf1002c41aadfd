import KioskProtocol

/// An `application/x-www-form-urlencoded` body, as HTML forms post it (the survey's, the staff sign-in).
enum FormBody {
    /// The fields of the body that the form has (`names`), by name; a malformed or repeated one of them is
    /// an invalid request. Any other field is ignored, as a browser extension or a proxy may add some.
    static func fields(_ body: String, named names: Set<String>) throws(Problem) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), names.contains(name) else { continue }
            guard fields[name] == nil, let value = parts.count == 2 ? decode(parts[1]) : "" else {
                throw Problems.invalid("a form field is malformed or repeated")
            }
            fields[name] = value
        }
        return fields
    }

    /// A form value: `+` is a space and `%XX` a byte; nil when the bytes are not UTF-8 or an escape is broken.
    private static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = text.utf8.index(after: index)
                guard high < text.utf8.endIndex, text.utf8.index(after: high) < text.utf8.endIndex,
                    let value = UInt8(String(text[high...text.utf8.index(after: high)]), radix: 16)
                else { return nil }
                bytes.append(value)
                index = text.utf8.index(high, offsetBy: 2)
                continue
            }
            bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index = text.utf8.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
