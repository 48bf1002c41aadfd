/// Word wrapping of printable ASCII to a fixed column count.
enum TextWrapping {
    /// `text` broken into lines of at most `columns` bytes, at spaces where possible; a word longer
    /// than a line is cut. Runs of spaces between words collapse to one; empty text is one empty line.
    static func lines(_ text: [UInt8], columns: Int) -> [[UInt8]] {
        precondition(columns > 0, "a line holds at least one column")
        let words = text.split(separator: 0x20, omittingEmptySubsequences: true)
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        for word in words {
            var rest = word[...]
            if !line.isEmpty, line.count + 1 + rest.count <= columns {
                line += [0x20] + rest
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while rest.count > columns {
                lines.append(Array(rest.prefix(columns)))
                rest = rest.dropFirst(columns)
            }
            line = Array(rest)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The longest word in `text`, in bytes.
    static func longestWord(_ text: [UInt8]) -> Int {
        text.split(separator: 0x20).map(\.count).max() ?? 0
    }
}
