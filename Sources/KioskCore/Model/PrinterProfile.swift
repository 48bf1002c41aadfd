/// What the kiosk must know about a ticket printer model to drive it well.
///
/// The table is ``PrinterProfile/all``; `devices/printers/profiles.json` holds the same data with
/// its sources (derived from escpos-printer-db, CC-BY 4.0), and a test keeps the two in step.
public struct PrinterProfile: Sendable, Hashable {
    /// How the printer cuts.
    public enum Cutter: String, Sendable, Hashable {
        /// Partial cut (GS V 66), leaving a hinge, as ticket printers usually do.
        case partial
        /// Full cut only (GS V 65).
        case full
        /// No cutter: the citizen tears the ticket off.
        case none
    }

    /// The name the configuration uses, e.g. `epson-tm-t82`.
    public var id: String
    /// The models it covers, e.g. `Epson TM-T82 / TM-T82X`.
    public var name: String
    public var paper: PaperWidth
    /// Printable dots per line.
    public var dots: Int
    /// Font A characters per line at normal width.
    public var columns: Int
    /// The character table for text beyond ASCII (e.g. `CP858`) and its `ESC t n` number.
    public var codePage: String
    public var codePageNumber: UInt8
    /// Whether the printer draws QR codes itself (GS ( k); otherwise they are sent as raster images.
    public var nativeQR: Bool
    public var cutter: Cutter
    /// USB vendor and product ids, where known; otherwise a printer is found by USB class 7.
    public var usbVendorID: UInt16?
    public var usbProductID: UInt16?
    /// Whether the printer answers `GS ( H` function 48 (process ID response) once it has printed
    /// what came before: the kiosk then asks for one after each ticket.
    public var processID: Bool
    /// Whether the printer supports Automatic Status Back (`GS a`): the kiosk then turns it on.
    public var automaticStatusBack: Bool

    public init(
        id: String, name: String, paper: PaperWidth, dots: Int, columns: Int, codePage: String, codePageNumber: UInt8,
        nativeQR: Bool, cutter: Cutter, usbVendorID: UInt16? = nil, usbProductID: UInt16? = nil,
        processID: Bool = false, automaticStatusBack: Bool = false
    ) {
        self.id = id
        self.name = name
        self.paper = paper
        self.dots = dots
        self.columns = columns
        self.codePage = codePage
        self.codePageNumber = codePageNumber
        self.nativeQR = nativeQR
        self.cutter = cutter
        self.usbVendorID = usbVendorID
        self.usbProductID = usbProductID
        self.processID = processID
        self.automaticStatusBack = automaticStatusBack
    }

    /// The profile called `id`, or nil.
    public static func named(_ id: String) -> PrinterProfile? { all.first { $0.id == id } }

    /// The profile for a printer known only by its paper width: the generic POS-58 or POS-80.
    public static func generic(_ paper: PaperWidth) -> PrinterProfile {
        named(paper == .mm58 ? "generic-pos-58" : "generic-pos-80")!
    }

    /// The printers common in Indonesian offices.
    public static let all: [PrinterProfile] = [
        PrinterProfile(
            id: "epson-tm-t82", name: "Epson TM-T82 / TM-T82X", paper: .mm80, dots: 576, columns: 48,
            codePage: "CP858", codePageNumber: 19, nativeQR: true, cutter: .partial,
            usbVendorID: 0x04B8, usbProductID: 0x0202, automaticStatusBack: true),
        PrinterProfile(
            id: "epson-tm-t20", name: "Epson TM-T20II / TM-T20III", paper: .mm80, dots: 576, columns: 48,
            codePage: "CP858", codePageNumber: 19, nativeQR: true, cutter: .partial,
            usbVendorID: 0x04B8, usbProductID: 0x0E15, processID: true, automaticStatusBack: true),
        PrinterProfile(
            id: "epson-tm-t88", name: "Epson TM-T88IV / TM-T88V", paper: .mm80, dots: 512, columns: 42,
            codePage: "CP858", codePageNumber: 19, nativeQR: true, cutter: .partial,
            usbVendorID: 0x04B8, usbProductID: 0x0202, automaticStatusBack: true),
        PrinterProfile(
            id: "xprinter-58", name: "Xprinter XP-58 series (58 mm)", paper: .mm58, dots: 384, columns: 32,
            codePage: "CP437", codePageNumber: 0, nativeQR: false, cutter: .none),
        PrinterProfile(
            id: "xprinter-80", name: "Xprinter XP-80 series (80 mm)", paper: .mm80, dots: 576, columns: 48,
            codePage: "CP858", codePageNumber: 19, nativeQR: true, cutter: .partial),
        PrinterProfile(
            id: "generic-pos-58", name: "Generic POS-58 (58 mm)", paper: .mm58, dots: 384, columns: 32,
            codePage: "CP437", codePageNumber: 0, nativeQR: false, cutter: .partial),
        PrinterProfile(
            id: "generic-pos-80", name: "Generic POS-80 (80 mm)", paper: .mm80, dots: 576, columns: 48,
            codePage: "CP437", codePageNumber: 0, nativeQR: true, cutter: .partial),
    ]
}
