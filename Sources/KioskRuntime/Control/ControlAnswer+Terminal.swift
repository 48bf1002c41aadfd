import KioskCore

extension ControlAnswer {
    /// This answer with every control character of its strings and keys written out (`\x1b`, `\r`, `\u{202e}`):
    /// what kioskd answers (a printer's reason, a device name, a scanned code) is printed on a technician's
    /// terminal, so none may reach the terminal as one (an `ESC ]` could retitle the window, `ESC [2K` and `\r`
    /// overwrite a line, a bidi override reorder it). Line feeds and tabs stay; backslashes stay as they are
    /// (kioskd's log lines, already escaped, print as before).
    func escapedForTerminal() -> ControlAnswer {
        guard let problem else {
            var escaped = self
            escaped.fields = fields.map(\.escapedForTerminal)
            return escaped
        }
        return ControlAnswer(ControlProblem(fault: problem.fault, message: TerminalText.escaped(problem.message)) ?? problem)
    }
}

extension JSONMember {
    fileprivate var escapedForTerminal: JSONMember {
        JSONMember(key: TerminalText.escaped(key), keyPosition: keyPosition, value: value.escapedForTerminal)
    }
}

extension JSONValue {
    fileprivate var escapedForTerminal: JSONValue {
        switch content {
        case .string(let text): JSONValue(.string(TerminalText.escaped(text)), at: position)
        case .array(let values): JSONValue(.array(values.map(\.escapedForTerminal)), at: position)
        case .object(let members): JSONValue(.object(members.map(\.escapedForTerminal)), at: position)
        case .null, .bool, .number: self
        }
    }
}

/// Text made safe to print on a terminal.
enum TerminalText {
    /// `text` with C0 controls but line feed and tab, DEL, C1 controls and Unicode format characters written out.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F: out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            case 0x80...0x9F: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                if scalar.properties.generalCategory == .format {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
