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
        let perMillimetre = TicketPaperLength.dotsPerMillimetre(profile)
        // The rendered paper ends at the cut; the roll also loses the feed to the cutter.
        let rendered = Int(Double(try receipt.render(paperDots: profile.dots).height) / perMillimetre)
            + TicketPaperLength.cutterFeedMillimetres
        #expect(perMillimetre == 8)
        #expect(millimetres > 40 && millimetres < 200)
        #expect(abs(millimetres - rendered) <= rendered / 4, "estimate \(millimetres) mm, rendered \(rendered) mm")
    }

    @Test("a 180 dpi profile's tickets take more paper per dot, and a cut counts the feed to the blade")
    func profileDensity() {
        let document = TicketDocument(blocks: [.feed(lines: 10), .cut])
        var t88 = PrinterProfile.named("epson-tm-t88")!
        #expect(TicketPaperLength.dotsPerMillimetre(t88) < 7.2 && TicketPaperLength.dotsPerMillimetre(t88) > 7.1)
        // 300 dots and 107 to the cutter (15 mm) at 512/72 dots per mm: 57.2 mm.
        #expect(TicketPaperLength.millimetres(document, profile: t88) == 58)
        t88.cutter = .none
        #expect(TicketPaperLength.millimetres(document, profile: t88) == 60, "4 lines (120 dots) to the tear bar instead")
    }
}
