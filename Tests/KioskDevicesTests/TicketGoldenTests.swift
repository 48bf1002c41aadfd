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

/// The printed ticket as the printer emulator renders its ESC/POS bytes must match its image in
/// docs/tickets/; `KIOSK_UPDATE_GOLDENS=1 swift test --filter TicketGoldenTests` rewrites them.
@Suite struct TicketGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var profileID: String
        var ticket: Ticket
        var citizenPage: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        var english = PrinterFixtures.ticket(.english)
        english.estimatedWaitMinutes = 12
        var priority = PrinterFixtures.ticket()
        priority.priority = .elderly
        priority.offline = true
        priority.peopleAhead = nil
        return [
            Case(name: "ticket-80mm-standalone-id", profileID: "generic-pos-80", ticket: PrinterFixtures.ticket(), citizenPage: nil),
            Case(name: "ticket-80mm-linked-en", profileID: "epson-tm-t82", ticket: english, citizenPage: TicketPaperTests.citizenPage),
            Case(
                name: "ticket-80mm-priority-offline-id", profileID: "epson-tm-t88", ticket: priority,
                citizenPage: TicketPaperTests.citizenPage),
            Case(name: "ticket-58mm-standalone-en", profileID: "xprinter-58", ticket: PrinterFixtures.ticket(.english), citizenPage: nil),
        ]
    }()

    static let directory: String = {
        // #filePath is <repo>/Tests/KioskDevicesTests/TicketGoldenTests.swift.
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        return (parts.dropLast(3) + ["docs", "tickets"]).joined(separator: "/")
    }()

    static var updating: Bool { getenv("KIOSK_UPDATE_GOLDENS").map { String(cString: $0) == "1" } ?? false }

    @Test(arguments: cases)
    func ticketMatchesGolden(_ golden: Case) throws {
        let profile = try #require(PrinterProfile.named(golden.profileID))
        var service = PrinterFixtures.service
        service.counter = LocalizedText(indonesian: "Loket 1–8, lantai 1", english: "Counters 1–8, ground floor")
        let document = TicketLayout.document(
            for: golden.ticket, agency: PrinterFixtures.agency, service: service, mallName: PrinterFixtures.mallName,
            kioskID: "MPP-BADUNG-K01", zone: .wita, citizenPage: golden.citizenPage)
        var parser = EscPosStreamParser()
        var outputs = parser.consume(EscPosEncoder.encode(document, profile: profile))
        if let rest = parser.finish() { outputs.append(.receipt(rest)) }
        guard case .receipt(let receipt)? = outputs.first else {
            Issue.record("\(golden.name): the emulator printed no receipt")
            return
        }
        let canvas = try receipt.render(paperDots: profile.dots)
        let path = Self.directory + "/" + golden.name + ".png"
        if Self.updating {
            try PNGWriter.write(canvas, to: path, compressionLevel: 9)
            return
        }
        let expected = try PNGReader.read(path: path)
        let difference = try #require(
            ImageDifference.between(canvas, expected, channelTolerance: 48),
            "\(path) is \(expected.width)×\(expected.height), the ticket \(canvas.width)×\(canvas.height)")
        if difference.differingFraction > 0.002 {
            let actual = try PrinterFixtures.temporaryDirectory() + "/" + golden.name + ".png"
            try PNGWriter.write(canvas, to: actual, compressionLevel: 6)
            Issue.record(
                "\(golden.name): \(difference.differingPixels) of \(difference.totalPixels) pixels differ; rendered at \(actual)")
        }
    }
}
