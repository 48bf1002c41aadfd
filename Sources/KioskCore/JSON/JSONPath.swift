/// A JSONPath-style location such as `$.printer.kind` or `$.services[12].prefix`, kept as a chain of steps
/// and spelled out only when a message needs it: reading a catalogue passes thousands of paths and shows none.
indirect enum JSONPath: Sendable {
    /// The whole document, `$`.
    case root
    /// A member of an object.
    case member(JSONPath, String)
    /// An element of an array.
    case element(JSONPath, Int)

    /// `$`, `base.key` (or `base["key"]` when the key is not a plain identifier), `base[index]`.
    var text: String {
        switch self {
        case .root: "$"
        case .member(let base, let key): base.text + Self.memberSuffix(key)
        case .element(let base, let index): base.text + "[\(index)]"
        }
    }

    private static func memberSuffix(_ key: String) -> String {
        var isIdentifier = !key.isEmpty
        for (offset, scalar) in key.unicodeScalars.enumerated() {
            let letter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
            let digit = ("0"..."9").contains(scalar)
            if !(letter || (digit && offset > 0)) { isIdentifier = false }
        }
        if isIdentifier { return "." + key }
        return "[" + JSONValue(.string(key), at: SourcePosition(line: 1, column: 1)).jsonText + "]"
    }
}
