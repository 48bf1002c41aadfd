/// Builds JSONPath-style locations such as `$.printer.kind` and `$.services[12].prefix`.
enum JSONPath {
    /// The path of the whole document.
    static let root = "$"

    /// `base.key`, or `base["key"]` when the key is not a plain identifier.
    static func member(_ base: String, _ key: String) -> String {
        var isIdentifier = !key.isEmpty
        for (offset, scalar) in key.unicodeScalars.enumerated() {
            let letter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
            let digit = ("0"..."9").contains(scalar)
            if !(letter || (digit && offset > 0)) { isIdentifier = false }
        }
        if isIdentifier { return base + "." + key }
        return base + "[" + JSONValue(.string(key), at: SourcePosition(line: 1, column: 1)).jsonText + "]"
    }

    /// `base[index]`.
    static func element(_ base: String, _ index: Int) -> String { base + "[\(index)]" }
}
