import Testing

@testable import KioskCore

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

@Test func bookingCodesCarryACheckSymbol() throws {
    let code = try #require(BookingCode(symbols: "7QH2M9XKD4"))
    let text = code.description
    #expect(text.hasPrefix("BK-7QH2M-9XKD4-"))
    #expect(BookingCode(text) == code)
    #expect(ScanClassifier.classify(bytes(text)) == .booking(code))
    // One symbol misread: the check symbol catches it.
    let misread = "BK-7QH2N" + text.dropFirst(8)
    #expect(BookingCode(misread) == nil)
    #expect(ScanClassifier.classify(bytes(misread)) == .unknown)
    #expect(BookingCode("BK-7QH2M-9XKD4") == nil)
    #expect(BookingCode(symbols: "ILOU000000") == nil, "letters that are easy to misread are not in the alphabet")
}

@Test func badgesAndOwnTicketsAreRecognised() throws {
    #expect(ScanClassifier.classify(bytes("TECH-A1B2")) == .technicianBadge("TECH-A1B2"))
    #expect(ScanClassifier.classify(bytes("TECH-a1b2")) == .unknown)
    #expect(ScanClassifier.classify(bytes("TECH-1")) == .unknown)
    let id = TicketID(randomBytes: Array(0..<16))
    #expect(ScanClassifier.classify(bytes(id.description)) == .ownTicket(id))
    #expect(ScanClassifier.classify(bytes("https://antrean.example/t/\(id)")) == .ownTicket(id))
    #expect(ScanClassifier.classify(bytes("https://antrean.example/x/\(id)")) == .unknown)
    #expect(ScanClassifier.classify(bytes("4901234567894")) == .unknown)
}

@Test func hostileInputIsRejectedWithAReason() {
    #expect(ScanClassifier.classify([]) == .rejected(.empty))
    #expect(ScanClassifier.classify([UInt8](repeating: 0x41, count: 513)) == .rejected(.tooLong(bytes: 513)))
    #expect(ScanClassifier.classify([UInt8](repeating: 0x41, count: 512)) == .unknown)
    #expect(ScanClassifier.classify(bytes("AB\u{1B}[2J")) == .rejected(.controlCharacter(offset: 2)), "escape sequence")
    #expect(ScanClassifier.classify(bytes("A\nB")) == .rejected(.controlCharacter(offset: 1)))
    #expect(ScanClassifier.classify([0x41, 0x1D, 0x42]) == .rejected(.controlCharacter(offset: 1)), "GS1 separator")
    #expect(ScanClassifier.classify([0x41, 0xC3, 0x28]) == .rejected(.invalidUTF8))
    #expect(ScanClassifier.classify([0xC2, 0x9B, 0x41]) == .rejected(.controlCharacter(offset: 0)), "C1 CSI")
    #expect(ScanClassifier.classify(bytes("abc\u{202E}def")) == .rejected(.controlCharacter(offset: 3)), "bidi override")
    #expect(ScanClassifier.classify(bytes("Perekaman KTP-el — ü")) == .unknown, "printable Unicode is fine")
}

@Test func logFormIsPrintableAsciiAndBounded() {
    #expect(ScanClassifier.escapedForLog(bytes("ok-123")) == "ok-123")
    #expect(ScanClassifier.escapedForLog([0x1B, 0x5B, 0x32, 0x4A, 0x5C, 0xFF]) == "\\x1b[2J\\x5c\\xff")
    let long = ScanClassifier.escapedForLog([UInt8](repeating: 0x41, count: 600))
    #expect(long.hasSuffix("…(600 bytes)"))
    #expect(long.hasPrefix(String(repeating: "A", count: 64)))
}
