import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

@Suite("Paper counter")
struct PaperCounterTests {
    @Test("counts what is printed across instances, warns in the last tenth of the roll, and resets")
    func counts() throws {
        let path = try PrinterFixtures.temporaryDirectory() + "/paper-used-mm"
        let counter = PaperCounter(path: path, rollMillimetres: 10_000)
        #expect(counter.usedMillimetres() == 0 && !counter.isNearEnd)
        try counter.add(8_950)
        #expect(!PaperCounter(path: path, rollMillimetres: 10_000).isNearEnd)
        try PaperCounter(path: path, rollMillimetres: 10_000).add(100)
        #expect(counter.usedMillimetres() == 9_050 && counter.remainingMillimetres() == 950 && counter.isNearEnd)
        try counter.add(5_000)
        #expect(counter.remainingMillimetres() == 0)
        try counter.reset()
        #expect(counter.usedMillimetres() == 0 && !counter.isNearEnd)
    }

    @Test("a ticket's paper length is estimated from its layout, and matches what the emulator feeds")
    func ticketLength() throws {
        let document = PrinterFixtures.document()
        let profile = PrinterProfile.generic(.mm80)
        let millimetres = TicketPaperLength.millimetres(document, profile: profile)
        var parser = EscPosStreamParser()
        guard case .receipt(let receipt)? = parser.consume(EscPosEncoder.encode(document, profile: profile)).first else {
            Issue.record("no receipt")
            return
        }
        let rendered = try receipt.render(paperDots: profile.dots).height / TicketPaperLength.dotsPerMillimetre
        #expect(millimetres > 40 && millimetres < 200)
        #expect(abs(millimetres - rendered) <= rendered / 4, "estimate \(millimetres) mm, rendered \(rendered) mm")
    }
}
