import KioskCore
import KioskTestSupport
import Testing

@testable import KioskDevices

/// Random scanner input, biased towards the dangerous: control bytes, ESC sequences, UTF-8 edges.
private func randomInput(_ random: inout SeededGenerator) -> [UInt8] {
    let length = random.next() % 100 == 0 ? Int(random.next() % 700) : Int(random.next() % 40)
    let interesting: [UInt8] = [0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x1D, 0x7F, 0x80, 0x9B, 0xC2, 0xE2, 0x80, 0xAE, 0xFF, 0x5B]
    return (0..<length).map { _ in
        random.next() % 4 == 0 ? interesting[Int(random.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: random.next())
    }
}

/// No control byte from a scan ever reaches the printer stream or a log line: 1,000,000 random
/// inputs through the classifier, the log escaping and the printer's text mapping.
@Test(.timeLimit(.minutes(4)))
func randomScansNeverLeakControlBytes() {
    var random = SeededGenerator(seed: 0x4B49_4F53_4B44)  // "KIOSKD"
    var accepted = 0
    for _ in 0..<1_000_000 {
        let input = randomInput(&random)
        let logged = ScanClassifier.escapedForLog(input)
        if !logged.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 >= 0x80 }) || logged.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            Issue.record("log form leaks a control character for \(input)")
            return
        }
        switch ScanClassifier.classify(input) {
        case .rejected:
            continue
        case .booking, .technicianBadge, .ownTicket, .unknown:
            accepted += 1
            let printed = PrintableText.bytes(String(decoding: input, as: UTF8.self))
            if printed.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                Issue.record("printer bytes leak a control byte for \(input)")
                return
            }
            if input.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
                Issue.record("classifier accepted a control byte in \(input)")
                return
            }
        }
    }
    #expect(accepted > 10_000, "the fuzz reached the accepting paths too")
}

/// The keyboard-wedge decoder survives arbitrary key event streams and never makes an oversized scan.
@Test(.timeLimit(.minutes(4)))
func randomKeyStreamsDecodeWithinBounds() {
    var random = SeededGenerator(seed: 7)
    var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .enter))
    for step in 0..<200_000 {
        let event = InputEvent(
            seconds: Int64(step / 100), microseconds: Int64(step % 100) * 10_000, type: InputCode.key,
            code: UInt16(random.next() % 128), value: Int32(random.next() % 3))
        for scan in decoder.feed(event) where scan.bytes.count > ScanClassifier.maximumLength + 1 {
            Issue.record("scan of \(scan.bytes.count) bytes")
            return
        }
    }
}
