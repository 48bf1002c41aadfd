import KioskCore
import KioskDevices

/// The printer's test page, for `kioskctl printer test` and the diagnostics Printer screen: marked
/// TEST at the top, the profile, a code-page sample, a QR drawn by the printer (GS ( k) and one sent
/// as a raster image, then the cut. It is never a ticket: not in the ledger, not sent to the server.
enum TestPage {
    /// The page's bytes and the paper it takes, in millimetres.
    static func make(_ config: KioskConfig) -> (bytes: [UInt8], millimetres: Int) {
        let profile = config.printer.profile
        var native = profile
        native.nativeQR = true
        var raster = profile
        raster.nativeQR = false
        let header = TicketDocument(blocks: [
            .text("TEST", .headingLarge),
            .text("bukan tiket / not a ticket", .centered),
            .text("kioskd test page", .centered),
            .text("\(config.kioskID)", .centered),
            .rule,
            .text("profile: \(profile.id)", .body),
            .text(profile.name, .body),
            .text("\(profile.paper.rawValue), \(profile.dots) dots, \(profile.columns) columns", .body),
            .text("code page \(profile.codePage) (ESC t \(profile.codePageNumber)):", .body),
            .text("àáâäçèéêëìíîïñòóôöùúûü ÀÉÑÖÜ £ € « » ¿ ¡ ° ±", .body),
            .text("Bahasa Indonesia: Antrean • Loket – Terima kasih…", .body),
            .rule,
            .text("QR by the printer (GS ( k):", .centered),
            .qrCode(payload: "kioskd test: native QR"),
        ])
        let footer = TicketDocument(blocks: [
            .text("QR sent as an image (GS v 0):", .centered),
            .qrCode(payload: "kioskd test: raster QR"),
            .text("cut: \(profile.cutter.rawValue)", .centered),
            .feed(lines: 3),
            .cut,
        ])
        let bytes = EscPosEncoder.encode(header, profile: native) + EscPosEncoder.encode(footer, profile: raster)
        return (
            bytes,
            TicketPaperLength.millimetres(header, profile: native) + TicketPaperLength.millimetres(footer, profile: raster)
        )
    }

    /// The id its print job carries: no ticket has it, so its outcome touches no ticket.
    static let jobID = TicketID(randomBytes: [UInt8](repeating: 0, count: 16))

    /// The cut test: TEST, a short feed and the cut; like the test page, no ticket anywhere.
    static func cutTest(_ config: KioskConfig) -> (bytes: [UInt8], millimetres: Int) {
        let profile = config.printer.profile
        let strip = TicketDocument(blocks: [
            .text("TEST", .headingLarge),
            .text("uji potong / cut test", .centered),
            .text("bukan tiket / not a ticket", .centered),
            .text("cut: \(profile.cutter.rawValue)", .centered),
            .feed(lines: 3),
            .cut,
        ])
        return (EscPosEncoder.encode(strip, profile: profile), TicketPaperLength.millimetres(strip, profile: profile))
    }

    /// The cut test's print job id.
    static let cutTestJobID = TicketID(randomBytes: [UInt8](repeating: 0, count: 15) + [1])

    /// What a test print is called in the log ("test page", "cut test"), or nil for a ticket's job.
    static func name(of job: TicketID) -> String? {
        job == jobID ? "test page" : job == cutTestJobID ? "cut test" : nil
    }
}
