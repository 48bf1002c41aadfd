import KioskCore

/// Bytes as a control-socket request line (what any member of the kioskd group may send kioskd) and as an
/// answer line (what kioskctl reads): no trap, and whatever parses writes back to a line that parses the same.
enum ControlFuzz {
    static func run(_ bytes: [UInt8]) {
        if case .success(let request) = ControlRequest.parse(bytes) {
            let again = ControlRequest.parse(Array(request.line.utf8))
            precondition(again == .success(request), "a request written back does not read back the same")
        }
        if let answer = ControlAnswer.parse(String(decoding: bytes, as: UTF8.self)) {
            precondition(ControlAnswer.parse(answer.line)?.line == answer.line, "an answer written back does not read back the same")
        }
    }
}
