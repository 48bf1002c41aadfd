/// Regular or bold DejaVu Sans.
enum Typeface: Sendable, Hashable {
    case regular, bold
}

/// A typeface at a pixel size.
struct TextStyle: Sendable, Hashable {
    var face: Typeface
    var size: Int
}

/// Lines of text set in one style, ready to be placed.
struct TextBlock: Sendable, Equatable {
    var lines: [String]
    var style: TextStyle
    /// Baseline-to-baseline distance.
    var lineHeight: Int
    /// Baseline of the first line below the block's top.
    var ascent: Int
    var height: Int { lines.count * lineHeight }
}

/// Measures, wraps, ellipsizes and fits text so that it never leaves the box it is given.
final class Typesetter {
    private let regular: Font
    private let bold: Font

    /// Loads DejaVu Sans regular and bold; throws ``FontError`` naming a missing file.
    init(regularPath: String = FontFiles.regular, boldPath: String = FontFiles.bold) throws {
        regular = try Font(path: regularPath)
        bold = try Font(path: boldPath)
    }

    func font(_ face: Typeface) -> Font {
        switch face {
        case .regular: regular
        case .bold: bold
        }
    }

    /// Width of `text` in pixels.
    func width(_ text: String, _ style: TextStyle) -> Int { font(style.face).measure(text, pixelSize: style.size) }

    /// Baseline to baseline: the font's ascent plus descent.
    func lineHeight(_ style: TextStyle) -> Int {
        let f = font(style.face)
        return f.ascent(pixelSize: style.size) + f.descent(pixelSize: style.size)
    }

    /// Greedy word wrap into `width`; a word wider than `width` on its own is broken between characters.
    func wrap(_ text: String, _ style: TextStyle, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if self.width(candidate, style) <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = word
            while self.width(current, style) > width, current.count > 1 {
                let head = longestPrefix(of: current, fitting: width, style)
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` unchanged if it fits `width`, else shortened and ended with "…".
    func ellipsize(_ text: String, _ style: TextStyle, width: Int) -> String {
        guard self.width(text, style) > width else { return text }
        var kept = Substring(text)
        while !kept.isEmpty {
            kept = kept.dropLast()
            while kept.last == " " { kept = kept.dropLast() }
            let candidate = kept + "…"
            if self.width(String(candidate), style) <= width { return String(candidate) }
        }
        return "…"
    }

    /// The text in at most `maxLines` lines of `width`; what does not fit goes into the last line,
    /// which is then ellipsized.
    func wrap(_ text: String, _ style: TextStyle, width: Int, maxLines: Int) -> [String] {
        let lines = wrap(text, style, width: width)
        guard lines.count > maxLines, maxLines > 0 else { return lines }
        let rest = lines[(maxLines - 1)...].joined(separator: " ")
        return Array(lines[..<(maxLines - 1)]) + [ellipsize(rest, style, width: width)]
    }

    /// The largest size from `preferred` down to `minimum` at which `text` wraps into `width` × `height`
    /// in at most `maxLines` lines; at `minimum`, whatever does not fit is ellipsized.
    func fit(
        _ text: String, _ face: Typeface, preferred: Int, minimum: Int, width: Int, height: Int, maxLines: Int
    ) -> TextBlock {
        var size = max(1, preferred)
        let floor = max(1, min(minimum, size))
        while true {
            let style = TextStyle(face: face, size: size)
            let lineHeight = self.lineHeight(style)
            let linesThatFit = min(maxLines, height / max(1, lineHeight))
            let lines = wrap(text, style, width: width)
            if lines.count <= linesThatFit || size == floor {
                let kept =
                    lines.count <= linesThatFit
                    ? lines : wrap(text, style, width: width, maxLines: max(1, linesThatFit))
                return TextBlock(
                    lines: kept, style: style, lineHeight: lineHeight,
                    ascent: font(face).ascent(pixelSize: size))
            }
            size = max(floor, size - max(1, size / 16))
        }
    }

    private func longestPrefix(of word: String, fitting width: Int, _ style: TextStyle) -> String {
        var prefix = ""
        for character in word {
            let longer = prefix + String(character)
            if self.width(longer, style) > width { break }
            prefix = longer
        }
        return prefix.isEmpty ? String(word.prefix(1)) : prefix
    }
}
