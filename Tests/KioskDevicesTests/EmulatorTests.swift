import KioskCore
import KioskDevices
import KioskTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

@Suite("Printer emulator", .timeLimit(.minutes(4)))
struct EmulatorTests {
    @Test("DLE EOT is answered at once on the socket, reflecting paper and cover set mid-job, which break the receipt")
    func statusAnswers() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let client = try RawPrinterClient(port: emulator.port)
        client.write(
            [0x1B, 0x40] + Array("first half\n".utf8) + PrinterStatusQuery.bytes(for: .printer)
                + PrinterConfirmation.request)
        #expect(client.read(2) == [0x12, 0x00], "online, then (in order, once the line is printed) paper present")

        emulator.paperOut = true
        client.write(PrinterStatusQuery.fullCheck.flatMap(PrinterStatusQuery.bytes(for:)))
        let outOfPaper = client.read(4)
        var status = PrinterStatus()
        for (answer, request) in zip(outOfPaper, PrinterStatusQuery.fullCheck) {
            PrinterStatusQuery.apply(answer, to: request, &status)
        }
        #expect(outOfPaper.count == 4)
        #expect(status.condition == .paperOut)

        emulator.paperOut = false
        emulator.coverOpen = true
        client.write(PrinterStatusQuery.bytes(for: .offlineCause))
        #expect(
            try PrinterStatusQuery.parse(#require(client.read(1).first), for: .offlineCause)?.condition == .coverOpen)

        emulator.coverOpen = false  // closed again before the rest arrives, or nothing would print
        client.write(Array("second half\n".utf8) + [0x1D, 0x56, 66, 0])
        // The paper ran out between its lines: the receipt came out in two pieces, not whole.
        let broken = emulator.waitForInterruptedReceipts(count: 1, timeout: 5)
        #expect(emulator.receipts.isEmpty)
        #expect(broken.first?.text == "first half\nsecond half")
        #expect(emulator.statusRequests == [1, 1, 2, 3, 4, 2])
    }

    @Test("a connection that closes with content pending ends an uncut receipt; one with none ends nothing")
    func receiptAtClose() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let status = try RawPrinterClient(port: emulator.port)
        status.write(PrinterStatusQuery.bytes(for: .paperSensor))
        #expect(status.read(1) == [0x12])
        status.finish()
        #expect(status.read(1).isEmpty)  // the emulator closed its side too

        let job = [0x1B, 0x40] + Array("no cut".utf8)
        try TCPPrinter(host: "127.0.0.1", port: emulator.port).send(job)
        let receipts = emulator.waitForReceipts(count: 1, timeout: 5)
        #expect(receipts.count == 1)
        #expect(receipts.first?.bytes == job)
        #expect(receipts.first?.wasCut == false)
        #expect(receipts.first?.text == "no cut")
    }

    @Test("onReceipt is called once for each receipt")
    func callback() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let seen = Mutex<[String]>([])
        emulator.onReceipt = { receipt in seen.withLock { $0.append(receipt.text) } }
        try TCPPrinter(host: "127.0.0.1", port: emulator.port).send(
            Array("one\n".utf8) + [0x1D, 0x56, 0] + Array("two\n".utf8) + [0x1D, 0x56, 1])
        _ = emulator.waitForReceipts(count: 2, timeout: 5)
        #expect(seen.withLock { $0 } == ["one", "two"])
    }

    @Test("after stop() nothing listens any more")
    func stopCloses() throws {
        let emulator = try PrinterEmulator()
        let port = emulator.port
        emulator.stop()
        emulator.stop()
        #expect(throws: PrinterError.self) { try TCPPrinter(host: "127.0.0.1", port: port).send([0x0A]) }
    }
}

@Suite("ESC/POS stream parser")
struct EmulatorParserTests {
    private func receipts(_ outputs: [EscPosStreamParser.Output]) -> [PrintedReceipt] {
        outputs.compactMap { if case .receipt(let receipt) = $0 { receipt } else { nil } }
    }

    @Test("bytes fed one at a time give the same receipts as the whole stream", arguments: [PaperWidth.mm80, .mm58])
    func partialReads(paper: PaperWidth) throws {
        let stream =
            EscPosEncoder.encode(PrinterFixtures.document(), profile: .generic(paper))
            + EscPosEncoder.encode(PrinterFixtures.document(.english), profile: .generic(paper))
        var whole = EscPosStreamParser()
        let expected = receipts(whole.consume(stream))
        var piecewise = EscPosStreamParser()
        var got: [PrintedReceipt] = []
        for byte in stream { got += receipts(piecewise.consume([byte])) }
        #expect(expected.count == 2)
        #expect(got.map(\.bytes) == expected.map(\.bytes))
        #expect(got.map(\.items) == expected.map(\.items))
        #expect(got.map(\.bytes).reduce([], +) == stream)
    }

    @Test("unknown commands are recorded and printing goes on")
    func unknownCommands() throws {
        var parser = EscPosStreamParser()
        let stream: [UInt8] =
            [0x1B, 0x40, 0x1B, 0x7E] + Array("a".utf8) + [0x1D, 0x7A, 0x1C, 0x2E, 0x07] + [
                0x1D, 0x28, 0x4C, 2, 0, 48, 69,
            ]
            + Array("b\n".utf8) + [0x1D, 0x56, 66, 0]
        let outputs = parser.consume(stream)
        let receipt = try #require(receipts(outputs).first)
        #expect(receipt.text == "ab")
        #expect(
            receipt.unknownCommands == [
                [0x1B, 0x7E], [0x1D, 0x7A], [0x1C, 0x2E], [0x07], [0x1D, 0x28, 0x4C, 2, 0, 48, 69],
            ])
        #expect(receipt.bytes == stream)
    }

    @Test("ESC !, ESC E, GS ! and ESC a set the style of the line they start")
    func styles() throws {
        var parser = EscPosStreamParser()
        let stream: [UInt8] =
            [0x1B, 0x21, 0x38] + Array("big\n".utf8) + [0x1B, 0x21, 0x00, 0x1B, 0x61, 2, 0x1D, 0x21, 0x21]
            + Array("wide\n".utf8) + [0x1D, 0x56, 48]
        let outputs = parser.consume(stream)
        let lines = try #require(receipts(outputs).first).lines
        #expect(
            lines == [
                PrintedLine(text: "big", bold: true, widthScale: 2, heightScale: 2),
                PrintedLine(text: "wide", alignment: .right, widthScale: 3, heightScale: 2),
            ])
    }

    @Test("a command cut off by the end of the connection is recorded, not run")
    func truncatedCommand() throws {
        var parser = EscPosStreamParser()
        #expect(receipts(parser.consume(Array("text\n".utf8) + [0x1D, 0x28, 0x6B, 10, 0, 49])).isEmpty)
        let finished = parser.finish()
        let receipt = try #require(finished)
        #expect(receipt.text == "text")
        #expect(receipt.unknownCommands == [[0x1D, 0x28, 0x6B, 10, 0, 49]])
        #expect(!receipt.wasCut)
    }

    @Test("a QR code keeps the module size and error level the job set")
    func qrSettings() throws {
        var parser = EscPosStreamParser()
        let stream: [UInt8] =
            [0x1B, 0x61, 1, 0x1D, 0x28, 0x6B, 3, 0, 49, 67, 9, 0x1D, 0x28, 0x6B, 3, 0, 49, 69, 51]
            + [0x1D, 0x28, 0x6B, 5, 0, 49, 80, 48, 0x68, 0x69, 0x1D, 0x28, 0x6B, 3, 0, 49, 81, 48, 0x1D, 0x56, 0]
        let outputs = parser.consume(stream)
        let receipt = try #require(receipts(outputs).first)
        #expect(receipt.items == [.qrCode(PrintedQRCode(data: Array("hi".utf8), moduleSize: 9, errorLevel: .high))])
        #expect(receipt.qrPayloads == ["hi"])
    }
}
