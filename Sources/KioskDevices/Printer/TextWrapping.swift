/// Word wrapping of printable ASCII to a fixed column count.
enum TextWrapping {
    /// `text` broken into lines of at most `columns` bytes, at spaces where possible; a word longer
    /// than a line is cut. Spaces between words on one line are kept as written; spaces at a break
    /// and at either end are dropped. Empty text is one empty line.
    static func lines(_ text: [UInt8], columns: Int) -> [[UInt8]] {
        precondition(columns > 0, "a line holds at least one column")
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        for (gap, word) in words(text) {
            var rest = word
            if !line.isEmpty, line.count + gap + rest.count <= columns {
                line += [UInt8](repeating: 0x20, count: gap) + rest
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

    /// Each word with the number of spaces before it.
    private static func words(_ text: [UInt8]) -> [(gap: Int, word: ArraySlice<UInt8>)] {
        var result: [(gap: Int, word: ArraySlice<UInt8>)] = []
        var index = text.startIndex
        while index < text.endIndex {
            let start = text[index...].firstIndex { $0 != 0x20 } ?? text.endIndex
            guard start < text.endIndex else { break }
            let end = text[start...].firstIndex(of: 0x20) ?? text.endIndex
            result.append((start - index, text[start..<end]))
            index = end
        }
        return result
    }
}
