import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

@Suite("Printer emulator round trip over TCP")
struct EmulatorRoundTripTests {
    @Test("a ticket sent with TCPPrinter arrives as the same bytes, text, QR and cut")
    func ticketRoundTrip() throws {
        let emulator = try PrinterEmulator()
        defer { emulator.stop() }
        let bytes = EscPosEncoder.encode(PrinterFixtures.document(), profile: .generic(.mm80))

        try TCPPrinter(host: "127.0.0.1", port: emulator.port).send(bytes)

        let receipts = emulator.waitForReceipts(count: 1, timeout: 5)
        let receipt = try #require(receipts.first)
        #expect(receipts.count == 1)
        #expect(receipt.bytes == bytes)
        #expect(receipt.wasCut)
        #expect(receipt.qrPayloads == [PrinterFixtures.ticketID.description])
        #expect(receipt.unknownCommands.isEmpty)
        let texts = receipt.lines.map(\.text).filter { !$0.isEmpty }
        #expect(
            texts == [
                "Mal Pelayanan Publik Kabupaten Badung",
                String(repeating: "-", count: 48),
                "Nomor antrean Anda / Your queue number",
                "A-023",
                "Dinas Kependudukan dan Pencatatan Sipil",
                "Perekaman KTP Elektronik",
                "Antrean di depan Anda: 4",
                "People ahead of you: 4",
                "Tanggal / Date: 02-03-2026",
                "Jam / Time: 09:15 WITA",
                "Mohon menunggu panggilan",
                "Please wait to be called",
                "Pindai di kios untuk melihat posisi Anda",
                "Scan at the kiosk to see your place",
                "Kios / Kiosk MPP-BADUNG-K01",
            ])
        let number = try #require(receipt.lines.first { $0.text == "A-023" })
        #expect(number.alignment == .center && number.bold && number.widthScale == 6 && number.heightScale == 8)
    }
}
