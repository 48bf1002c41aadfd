import KioskCore

/// How much paper a ticket takes, estimated from its document, for the paper counter.
public enum TicketPaperLength {
    /// Paper fed from the print head to the cutter's blade before a cut (Epson TM-T82/T88: about
    /// 15 mm), lost from the roll with every ticket.
    public static let cutterFeedMillimetres = 15

    /// The profile's dots per millimetre: its printable dots over the printable width (72 mm on
    /// 80 mm paper, 48 mm on 58 mm), e.g. 576 / 72 = 8 (203 dpi), 512 / 72 ≈ 7.1 (180 dpi).
    public static func dotsPerMillimetre(_ profile: PrinterProfile) -> Double {
        Double(profile.dots) / (profile.paper == .mm80 ? 72 : 48)
    }

    /// The length of paper `document` feeds on `profile`'s printer, in millimetres (rounded up):
    /// each text line 24 dots a height step plus 6 of spacing, a QR symbol its modules plus a blank
    /// line, a rule or a fed line 30 dots, at the profile's dots per millimetre; a cut adds the
    /// feed to the cutter (a printer without one feeds 4 lines to its tear bar).
    public static func millimetres(_ document: TicketDocument, profile: PrinterProfile) -> Int {
        let lineDots = EscPosStreamDefaults.lineSpacing
        var dots = 0
        for block in document.blocks {
            switch block {
            case .text(let text, let style):
                let bytes = PrintableText.bytes(text)
                let scales = EscPosEncoder.fittedScales(
                    style, longestWord: TextWrapping.longestWord(bytes), columns: profile.columns)
                let lines = TextWrapping.lines(bytes, columns: profile.columns / scales.width).count
                dots += lines * (24 * scales.height + 6)
            case .qrCode(let payload):
                guard let version = EscPosEncoder.qrVersion(byteCount: payload.utf8.count) else { break }
                let modules = 17 + 4 * version
                dots += modules * EscPosEncoder.qrModuleSize(modules: modules, dots: profile.dots) + lineDots
            case .rule: dots += lineDots
            case .feed(let lines): dots += max(0, lines) * lineDots
            case .cut:
                dots += profile.cutter == .none
                    ? 4 * lineDots : Int((Double(cutterFeedMillimetres) * dotsPerMillimetre(profile)).rounded(.up))
            case .image(let image): dots += image.widthBytes * 8 <= profile.dots ? image.height : 0
            }
        }
        return Int((Double(dots) / dotsPerMillimetre(profile)).rounded(.up))
    }
}

/// Epson defaults the estimate relies on.
enum EscPosStreamDefaults {
    /// Default line spacing (ESC 2): 30 dots, about 3.75 mm.
    static let lineSpacing = 30
}
