import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// The emulator behaves as the Epson reference says a printer does, not as the kiosk would like.
@Suite("Honest printer emulator", .timeLimit(.minutes(4)))
struct HonestEmulatorTests {
    private let ticket = EscPosEncoder.encode(PrinterFixtures.document(), profile: .named("epson-tm-t82")!)

    @Test("DLE EOT is answered on arrival, ahead of the data still in the buffer; GS r only after it")
    func realTimeAheadOfBuffer() throws {
        // 40 mm/s: the ticket (about 17 cm) takes seconds to print, so the buffer is still full when
        // DLE EOT arrives, and it is out within the 5 s a read waits.
        let emulator = try PrinterEmulator(millimetresPerSecond: 40)
        defer { emulator.stop() }
        let client = try RawPrinterClient(port: emulator.port)
        client.write(ticket + PrinterStatusQuery.bytes(for: .printer) + PrinterConfirmation.request)
        #expect(client.read(1) == [0x12], "the real-time answer: online")
        #expect(emulator.receipts.isEmpty, "answered before the ticket printed: it proves nothing about it")
        let inOrder = client.read(1)
        #expect(inOrder == [0x00], "GS r 1: paper present")
        #expect(emulator.receipts.map(\.bytes) == [ticket], "GS r was answered only once the ticket was out")
    }

    @Test("GS ( H is answered in order with the process id it carries")
    func processID() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let client = try RawPrinterClient(port: emulator.port)
        client.write(Array("one\n".utf8) + [0x1D, 0x56, 0] + [0x1D, 0x28, 0x48, 6, 0, 48, 48, 0x31, 0x32, 0x33, 0x34])
        #expect(client.read(7) == [0x37, 0x22, 0x31, 0x32, 0x33, 0x34, 0x00])
        #expect(emulator.receipts.map(\.text) == ["one"])
    }

    @Test("a full receive buffer stops the reading: the host is pushed back while the engine is stopped")
    func receiveBuffer() throws {
        let emulator = try PrinterEmulator(receiveBufferBytes: 256)
        defer { emulator.stop() }
        emulator.paperOut = true
        let client = try RawPrinterClient(port: emulator.port)
        client.write([UInt8](repeating: 0x41, count: 2000) + PrinterStatusQuery.bytes(for: .paperSensor))
        #expect(emulator.bufferedBytes <= 256)
        #expect(emulator.statusRequests.isEmpty, "the DLE EOT behind the full buffer has not been read yet")
        emulator.paperOut = false
        #expect(client.read(1) == [0x12], "read once the engine made room")
    }

    @Test("the selected code page (ESC t) decodes the text", arguments: [
        (UInt8(0), UInt8(0x82), "é"), (16, 0xE9, "é"), (19, 0xD5, "€"), (0, 0x9C, "£"),
    ])
    func codePage(table: UInt8, byte: UInt8, expected: String) throws {
        var parser = EscPosStreamParser()
        let outputs = parser.consume([0x1B, 0x40, 0x1B, 0x74, table, 0x63, byte, 0x0A, 0x1D, 0x56, 0])
        guard case .receipt(let receipt)? = outputs.first else {
            Issue.record("no receipt")
            return
        }
        #expect(receipt.text == "c" + expected)
    }

    @Test("paper fed is counted in dots, so the print speed is paper per second")
    func fedDots() {
        var parser = EscPosStreamParser()
        _ = parser.consume(Array("a\nb\n".utf8) + [0x1B, 0x4A, 40])
        #expect(parser.fedDots == 30 + 30 + 40)
    }
}
