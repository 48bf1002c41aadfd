import CLinux
import Glibc
import KioskCore
import Testing

@testable import KioskDevices

private func decodeAll(_ events: [InputEvent], framing: ScanFraming = ScanFraming()) -> [RawScan] {
    var decoder = KeyboardWedgeDecoder(framing: framing)
    var scans = events.flatMap { decoder.feed($0) }
    if let last = decoder.finish() { scans.append(last) }
    return scans
}

private func text(_ scan: RawScan) -> String { String(decoding: scan.bytes, as: UTF8.self) }

@Suite("Keyboard-wedge scanner decoding")
struct KeyboardWedgeTests {
    @Test(arguments: [true, false])
    func typesTheUSLayoutWithShiftHeldOrPressedPerCharacter(shiftPerCharacter: Bool) throws {
        let code = "BK-7QH2M-9XKD4-P https://a.example/t/x?y=1&z=\"{[|~]}\""
        let events = try #require(SyntheticScanner.type(code, shiftPerCharacter: shiftPerCharacter))
        let scans = decodeAll(events)
        #expect(scans.map(text) == [code])
        #expect(scans.first?.hadUnmappedKeys == false)
    }

    @Test func capsLockInvertsLettersOnly() {
        let caps = InputEvent.key(UInt16(KEY_CAPSLOCK), 1)
        let events = [caps, .key(UInt16(KEY_CAPSLOCK), 0), .key(UInt16(KEY_A), 1), .key(UInt16(KEY_A), 0),
            .key(UInt16(KEY_1), 1), .key(UInt16(KEY_1), 0), .key(UInt16(KEY_LEFTSHIFT), 1), .key(UInt16(KEY_B), 1),
            .key(UInt16(KEY_B), 0), .key(UInt16(KEY_LEFTSHIFT), 0), .key(UInt16(KEY_ENTER), 1)]
        #expect(decodeAll(events).map(text) == ["A1b"])
    }

    @Test func autorepeatIsIgnored() {
        let events: [InputEvent] = [.key(UInt16(KEY_A), 1), .key(UInt16(KEY_A), 2), .key(UInt16(KEY_A), 2),
            .key(UInt16(KEY_A), 0), .key(UInt16(KEY_ENTER), 1)]
        #expect(decodeAll(events).map(text) == ["a"])
    }

    @Test func aGapEndsAScanThatHasNoSuffix() throws {
        let first = try #require(SyntheticScanner.type("ABC", suffix: .none, startMicroseconds: 1_000_000))
        let second = try #require(SyntheticScanner.type("DEF", suffix: .none, startMicroseconds: 1_200_000))
        var decoder = KeyboardWedgeDecoder(framing: ScanFraming(suffix: .none, gapMilliseconds: 50))
        let duringFirst = first.flatMap { decoder.feed($0) }
        #expect(duringFirst.isEmpty)
        #expect(decoder.isScanning)
        let atSecond = second.flatMap { decoder.feed($0) }
        #expect(atSecond.map(text) == ["ABC"], "the 200 ms pause ended the first scan")
        #expect(decoder.finish().map(text) == "DEF", "the runtime ends the last scan when the gap passes")
        #expect(decoder.finish() == nil)
    }

    @Test func tabSuffixAndPrefixAndSymbologyIdentifierAreRemoved() throws {
        let framing = ScanFraming(suffix: .tab, prefix: Array("@@".utf8), hasSymbologyIdentifier: true)
        let events = try #require(SyntheticScanner.type("@@]Q1TECH-A1B2", suffix: .tab))
        #expect(decodeAll(events, framing: framing).map(text) == ["TECH-A1B2"])
    }

    @Test func controlCombinationsAndStrayEntersBecomeControlBytesTheClassifierRefuses() {
        let ctrl = UInt16(KEY_LEFTCTRL)
        let events: [InputEvent] = [.key(UInt16(KEY_A), 1), .key(ctrl, 1), .key(UInt16(KEY_RIGHTBRACE), 1),
            .key(UInt16(KEY_RIGHTBRACE), 0), .key(ctrl, 0), .key(UInt16(KEY_B), 1), .key(UInt16(KEY_TAB), 1),
            .key(UInt16(KEY_ENTER), 1)]
        let scan = decodeAll(events)
        #expect(scan.map(\.bytes) == [[0x61, 0x1D, 0x62, 0x09]])
        #expect(ScanClassifier.classify(scan[0].bytes) == .rejected(.controlCharacter(offset: 1)))
    }

    @Test func unmappedKeysAreFlaggedAndOverlongScansStayOverlong() {
        let events: [InputEvent] = [.key(UInt16(KEY_F1), 1), .key(UInt16(KEY_A), 1), .key(UInt16(KEY_ENTER), 1)]
        #expect(decodeAll(events).first?.hadUnmappedKeys == true)
        let long = SyntheticScanner.type(String(repeating: "9", count: 5000))!
        let scan = decodeAll(long)
        #expect(scan.first?.bytes.count == 513, "kept one byte past the limit, no more")
        #expect(ScanClassifier.classify(scan[0].bytes) == .rejected(.tooLong(bytes: 513)))
    }

    @Test func aKernelFormatStreamThroughAFIFODecodes() throws {
        try InputTestFiles.withTemporaryDirectory { directory in
            let path = directory + "/scanner.fifo"
            let reader = try EvdevReader(path: path, createFIFO: true)
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            #expect(writer >= 0)
            defer { close(writer) }
            let bytes = InputEventCodec.encode(SyntheticScanner.type("TECH-00FF")!)
            _ = bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            var decoder = KeyboardWedgeDecoder(framing: ScanFraming())
            let scans = try reader.readAvailable().flatMap { decoder.feed($0) }
            #expect(scans.map(text) == ["TECH-00FF"])
        }
    }
}

@Suite("Serial scanner framing")
struct SerialFramingTests {
    @Test func linesSplitAtCROrLFAndPartialReadsJoin() {
        var framer = SerialScanFramer(framing: ScanFraming())
        #expect(framer.feed(Array("BK-7QH".utf8)).isEmpty)
        let scans = framer.feed(Array("2M\r\nTECH-1234\n".utf8))
        #expect(scans.map(text) == ["BK-7QH2M", "TECH-1234"], "an empty line between CR and LF is no scan")
    }

    @Test func gapFramingWhenTheScannerSendsNoSuffix() {
        var framer = SerialScanFramer(framing: ScanFraming(suffix: .none))
        #expect(framer.feed(Array("4901234567894".utf8)).isEmpty)
        #expect(framer.finish().map(text) == "4901234567894")
        #expect(framer.finish() == nil)
    }
}
