import KioskCore
import KioskDevices
import KioskTestSupport
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

@Suite("Rendered receipts look like paper and scan")
struct EmulatorRenderTests {
    @Test(
        "the QR on the rendered ticket decodes to the ticket id, drawn by the printer (GS ( k) or sent as raster",
        arguments: ["generic-pos-80", "epson-tm-t88", "xprinter-58", "generic-pos-58"])
    func qrScans(profileID: String) throws {
        let profile = try #require(PrinterProfile.named(profileID))
        var parser = EscPosStreamParser()
        let outputs = parser.consume(EscPosEncoder.encode(PrinterFixtures.document(.english), profile: profile))
        var receipt: PrintedReceipt? = nil
        if case .receipt(let cut)? = outputs.first { receipt = cut } else { receipt = parser.finish() }
        let printed = try #require(receipt)
        let rasterQR = printed.items.contains { if case .raster = $0 { true } else { false } }
        #expect(rasterQR == !profile.nativeQR)
        let canvas = try printed.render(paperDots: profile.dots)
        #expect(canvas.width == profile.dots)
        let path = try PrinterFixtures.temporaryDirectory() + "/ticket-\(profileID).png"
        try PNGWriter.write(canvas, to: path, compressionLevel: 6)

        #expect(try zbarimg(path) == [PrinterFixtures.ticketID.description])
    }

    @Test("text is drawn in black where the printer puts it, and nowhere else")
    func textPlacement() throws {
        let line = PrintedLine(text: "AB", alignment: .right, bold: true, widthScale: 2, heightScale: 2)
        let receipt = PrintedReceipt(bytes: [], items: [.line(line)], unknownCommands: [], wasCut: true)
        let canvas = try receipt.render(paperDots: 384)
        // Two 24-dot wide cells at the right edge, 48 dots tall, below the top margin.
        let inked = blackDots(canvas)
        #expect(!inked.isEmpty)
        #expect(inked.allSatisfy { $0.x >= 384 - 48 && $0.y >= 16 && $0.y < 16 + 48 })
    }

    @Test("a raster image prints dot for dot, doubled when asked")
    func raster() throws {
        let image = PrintedRaster(
            widthBytes: 1, height: 2, bits: [0b1000_0001, 0b0000_0000], doubleWidth: true, doubleHeight: false,
            alignment: .left)
        let receipt = PrintedReceipt(bytes: [], items: [.raster(image)], unknownCommands: [], wasCut: false)
        let canvas = try receipt.render(paperDots: 384)
        let inked = Set(blackDots(canvas).map { [$0.x, $0.y] })
        #expect(inked == [[0, 16], [1, 16], [14, 16], [15, 16]])
    }

    private func blackDots(_ canvas: Canvas) -> [(x: Int, y: Int)] {
        var dots: [(x: Int, y: Int)] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where canvas.color(x: x, y: y) == .black { dots.append((x, y)) }
        }
        return dots
    }
}
