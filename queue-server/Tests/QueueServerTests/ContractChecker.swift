import Foundation
import KioskCore
import KioskLink
import Yams

/// Checks HTTP answers against docs/queue-api.yaml: the status must be documented for the path
/// and method, and a JSON body must match the documented schema (a JSON Schema subset: $ref,
/// type, required, properties, additionalProperties, items, enum, pattern, bounds).
final class ContractChecker: Sendable {
    nonisolated(unsafe) private let document: [String: Any]

    static let shared: ContractChecker = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../docs/queue-api.yaml").path
        do {
            return try ContractChecker(yaml: String(contentsOfFile: path, encoding: .utf8))
        } catch {
            fatalError("cannot read \(path): \(error)")
        }
    }()

    init(yaml: String) throws {
        guard let document = try Yams.load(yaml: yaml) as? [String: Any] else { throw CheckerError("not a YAML mapping") }
        self.document = document
    }

    /// What is wrong with `reply` to `request`, or an empty list.
    func violations(_ request: HTTPRequest, _ reply: HTTPReply) -> [String] {
        let where_ = "\(request.method) \(request.path) → \(reply.status)"
        let path = String(request.path.split(separator: "?").first ?? "")
        guard let paths = document["paths"] as? [String: Any],
            let template = paths.keys.first(where: { Self.matches(template: $0, path: path) }),
            let item = resolve(paths[template]) as? [String: Any],
            let operation = item[request.method.lowercased()] as? [String: Any]
        else { return ["\(where_): no such path and method in the API document"] }
        guard let responses = operation["responses"] as? [String: Any],
            let response = resolve(responses[String(reply.status)]) as? [String: Any]
        else { return ["\(where_): status not documented"] }
        for (name, header) in (response["headers"] as? [String: Any]) ?? [:] {
            if (header as? [String: Any])?["required"] as? Bool == true, reply.headers[name.lowercased()] == nil {
                return ["\(where_): required header \(name) missing"]
            }
        }
        guard let content = response["content"] as? [String: Any] else {
            return reply.body.isEmpty ? [] : ["\(where_): body where the document promises none"]
        }
        let mediaType = String(reply.headers["content-type"]?.split(separator: ";").first ?? "")
        guard let media = content[mediaType] as? [String: Any] else { return ["\(where_): undocumented content type \(mediaType)"] }
        guard let schema = media["schema"] else { return [] }
        if mediaType.hasSuffix("json") {
            guard let value = try? JSONParser.parse(String(decoding: reply.body, as: UTF8.self)) else {
                return ["\(where_): body is not JSON"]
            }
            return validate(value, schema, at: "body").map { "\(where_): \($0)" }
        }
        return []
    }

    static func matches(template: String, path: String) -> Bool {
        let a = template.split(separator: "/"), b = path.split(separator: "/")
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
    }

    private func resolve(_ node: Any?) -> Any? {
        guard let map = node as? [String: Any], let ref = map["$ref"] as? String else { return node }
        var current: Any? = document
        for part in ref.dropFirst(2).split(separator: "/") { current = (current as? [String: Any])?[String(part)] }
        return resolve(current)
    }

    private func validate(_ value: JSONValue, _ schemaNode: Any, at place: String) -> [String] {
        guard let schema = resolve(schemaNode) as? [String: Any] else { return ["\(place): unresolvable schema"] }
        var problems: [String] = []
        if let types = schema["type"] {
            let allowed = (types as? [String]) ?? [(types as? String) ?? ""]
            guard allowed.contains(where: { Self.has(value, type: $0) }) else {
                return ["\(place): \(value.content) is not \(allowed.joined(separator: " or "))"]
            }
        }
        switch value.content {
        case .string(let string):
            if let options = schema["enum"] as? [String], !options.contains(string) {
                problems.append("\(place): \"\(string)\" not in \(options)")
            }
            if let pattern = schema["pattern"] as? String, string.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(place): \"\(string)\" does not match \(pattern)")
            }
            if let most = schema["maxLength"] as? Int, string.count > most { problems.append("\(place): longer than \(most)") }
            if let least = schema["minLength"] as? Int, string.count < least { problems.append("\(place): shorter than \(least)") }
        case .number(let text):
            let number = Double(text) ?? .nan
            if let least = schema["minimum"] as? Int, number < Double(least) { problems.append("\(place): below \(least)") }
            if let most = schema["maximum"] as? Int, number > Double(most) { problems.append("\(place): above \(most)") }
        case .object(let members):
            let keys = Set(members.map(\.key))
            for key in (schema["required"] as? [String]) ?? [] where !keys.contains(key) {
                problems.append("\(place): lacks required \"\(key)\"")
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for member in members {
                if let propertySchema = properties[member.key] {
                    problems += validate(member.value, propertySchema, at: place + "." + member.key)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(place): undocumented property \"\(member.key)\"")
                }
            }
        case .array(let elements):
            if let most = schema["maxItems"] as? Int, elements.count > most { problems.append("\(place): more than \(most) items") }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() { problems += validate(element, items, at: "\(place)[\(index)]") }
            }
        case .null, .bool: break
        }
        return problems
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value.content) {
        case ("null", .null), ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number):
            return true
        case ("integer", .number(let text)): return Int64(text) != nil
        default: return false
        }
    }
}

struct CheckerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
