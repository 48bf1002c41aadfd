/// kioskd's answer to one control request: one line of JSON, `{"ok":true,…}` with the facts asked
/// for, or `{"ok":false,"fault":"busy","error":"…"}`.
public struct ControlAnswer: Sendable, Equatable {
    /// Why the request was not carried out; nil when it was.
    public var problem: ControlProblem?
    /// The facts of a successful answer, in order.
    public var fields: [JSONMember]

    /// A successful answer carrying `fields`.
    public init(_ fields: [(String, JSONValue)] = []) {
        problem = nil
        self.fields = fields.map { JSONMember(key: $0.0, keyPosition: JSONValue.nowhere, value: $0.1) }
    }

    /// A refusal or failure.
    public init(_ problem: ControlProblem) {
        self.problem = problem
        fields = []
    }

    /// The field named `key` of a successful answer.
    public subscript(key: String) -> JSONValue? { fields.first { $0.key == key }?.value }

    /// The answer as one line of JSON, without the newline.
    public var line: String {
        if let problem {
            return JSONValue.fields([("ok", .flag(false)), ("fault", .text(problem.fault)), ("error", .text(problem.message))])
                .jsonText
        }
        let ok = JSONMember(key: "ok", keyPosition: JSONValue.nowhere, value: .flag(true))
        return JSONValue(.object([ok] + fields), at: JSONValue.nowhere).jsonText
    }

    /// Reads an answer line; nil when it is not one (then kioskd and kioskctl do not speak the same protocol).
    public static func parse(_ text: String) -> ControlAnswer? {
        guard let value = try? JSONParser.parse(text), case .object(let members) = value.content,
            case .bool(let ok)? = value["ok"]?.content
        else { return nil }
        if ok {
            var answer = ControlAnswer()
            answer.fields = members.filter { $0.key != "ok" }
            return answer
        }
        guard case .string(let fault)? = value["fault"]?.content, case .string(let message)? = value["error"]?.content,
            let problem = ControlProblem(fault: fault, message: message)
        else { return nil }
        return ControlAnswer(problem)
    }
}

extension JSONValue {
    /// The position of a value made in code rather than read from a file.
    public static let nowhere = SourcePosition(line: 0, column: 0)

    /// A JSON string.
    public static func text(_ value: String) -> JSONValue { JSONValue(.string(value), at: nowhere) }

    /// A JSON number holding a whole number.
    public static func integer<T: BinaryInteger>(_ value: T) -> JSONValue { JSONValue(.number(String(value)), at: nowhere) }

    /// `true` or `false`.
    public static func flag(_ value: Bool) -> JSONValue { JSONValue(.bool(value), at: nowhere) }

    /// A JSON array.
    public static func list(_ values: [JSONValue]) -> JSONValue { JSONValue(.array(values), at: nowhere) }

    /// A JSON object with `members` in this order.
    public static func fields(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(members.map { JSONMember(key: $0.0, keyPosition: nowhere, value: $0.1) }), at: nowhere)
    }

    /// The string this value holds, if it is one.
    public var stringValue: String? { if case .string(let text) = content { text } else { nil } }

    /// The whole number this value holds, if it is one that fits an `Int`.
    public var integerValue: Int? { if case .number(let text) = content { Int(text) } else { nil } }
}
