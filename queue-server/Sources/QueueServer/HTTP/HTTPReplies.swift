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

    static func html(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The body decoded as `T`, or a 400 problem saying what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch {
            throw Problems.invalid("the body is larger than \(maxBody) bytes")
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
