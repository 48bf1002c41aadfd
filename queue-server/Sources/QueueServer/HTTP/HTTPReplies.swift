import FoundationEssentials
import Hummingbird
import KioskProtocol

/// Building responses and reading bodies, with errors as RFC 9457 problem+json.
enum HTTPReplies {
    /// Largest request body accepted (a sync batch of 200 tickets fits easily).
    static let maxBody = 256 * 1024

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        let bytes = try QueueAPI.encoder().encode(value)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func problem(_ problem: Problem) -> Response {
        let bytes = (try? QueueAPI.encoder().encode(problem)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: problem.status),
            headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// What the citizen page may load: nothing but its own inline style; no scripts, frames or plugins;
    /// a form (the survey's) posts to this server only.
    static let citizenPagePolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// A citizen page, with its content security policy.
    static func page(_ text: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: citizenPagePolicy,
                .xContentTypeOptions: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static let tooLarge = Problem(
        type: "/problems/too-large", title: "Request body too large", status: 413, detail: "the body is larger than \(maxBody) bytes")

    /// The body decoded as `T`, a 413 problem when it is too large, or a 400 problem saying what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody { throw tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch {
            throw tooLarge
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw Problems.invalid("the body lacks \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw Problems.invalid("wrong type at " + context.codingPath.map(\.stringValue).joined(separator: "."))
        } catch let DecodingError.dataCorrupted(context) {
            throw Problems.invalid("not valid JSON here: " + context.codingPath.map(\.stringValue).joined(separator: "."))
        } catch {
            throw Problems.invalid("the body is not a valid \(T.self)")
        }
    }
}
