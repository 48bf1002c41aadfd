/// The technician's screens' text: Bahasa Indonesia first, English second, like the citizen's.
public enum DiagnosticsText: String, Sendable, Hashable, CaseIterable {
    case pinTitle, pinHelp, pinWrong, pinLocked, pinTooShort, pinUnavailable, pinChecking
    case erase, enter, exit
    case overviewTitle, technician, kioskID, version, uptime, addresses, devices
    case touchscreen, printer, scanner, display, server, noScanner, standalone
    case deviceOK, deviceWarning, deviceFault
    case printerTitle, condition, paperLeft, paperNotCounted, testPage, newRoll, backToOverview
    case scannerTitle, scanHelp, lastCode, codeLength, codeKind, scannedAt, symbology, symbologyUnknown, noScanYet

    /// The text in both languages.
    public var text: LocalizedText {
        switch self {
        case .pinTitle: t("PIN teknisi", "Technician PIN")
        case .pinHelp: t("Masukkan PIN Anda (4–8 angka)", "Enter your PIN (4–8 digits)")
        case .pinWrong: t("PIN salah ({count} dari {limit})", "Wrong PIN ({count} of {limit})")
        case .pinLocked: t("Terlalu banyak PIN salah. Terkunci sampai {time}", "Too many wrong PINs. Locked until {time}")
        case .pinTooShort: t("PIN terdiri dari 4 sampai 8 angka", "A PIN has 4 to 8 digits")
        case .pinUnavailable:
            t("Daftar teknisi tidak dapat dibaca: lihat log kioskd", "The technicians file cannot be read: see kioskd's log")
        case .pinChecking: t("Memeriksa PIN…", "Checking the PIN…")
        case .erase: t("Hapus", "Erase")
        case .enter: t("Masuk", "Enter")
        case .exit: t("Keluar", "Exit")
        case .overviewTitle: t("Diagnostik", "Diagnostics")
        case .technician: t("Teknisi", "Technician")
        case .kioskID: t("Kios", "Kiosk")
        case .version: t("Versi", "Version")
        case .uptime: t("Berjalan sejak", "Running since")
        case .addresses: t("Alamat", "Addresses")
        case .devices: t("Perangkat", "Devices")
        case .touchscreen: t("Layar sentuh", "Touchscreen")
        case .printer: t("Printer", "Printer")
        case .scanner: t("Pemindai", "Scanner")
        case .display: t("Layar", "Display")
        case .server: t("Server antrean", "Queue server")
        case .noScanner: t("tidak dipasang", "none configured")
        case .standalone: t("tanpa server (penomoran mandiri)", "none (standalone numbering)")
        case .printerTitle: t("Printer tiket", "Ticket printer")
        case .condition: t("Keadaan", "Condition")
        case .paperLeft: t("Sisa kertas", "Paper left")
        case .paperNotCounted: t("tidak dihitung", "not counted")
        case .testPage: t("Cetak halaman uji", "Print a test page")
        case .newRoll: t("Gulungan baru dipasang", "New roll put in")
        case .backToOverview: t("‹ Ikhtisar", "‹ Overview")
        case .scannerTitle: t("Pemindai", "Scanner")
        case .scanHelp: t("Pindai sebuah kode: kode tampil di sini, tidak diproses", "Scan a code: it shows here and is not acted on")
        case .lastCode: t("Kode terakhir", "Last code")
        case .codeLength: t("Panjang", "Length")
        case .codeKind: t("Jenis", "Kind")
        case .scannedAt: t("Waktu", "Time")
        case .symbology: t("Simbologi", "Symbology")
        case .symbologyUnknown: t("tidak diketahui (dibuang oleh pemindai)", "unknown (removed by the scanner settings)")
        case .noScanYet: t("belum ada", "none yet")
        case .deviceOK: t("baik", "ok")
        case .deviceWarning: t("peringatan", "warning")
        case .deviceFault: t("gangguan", "fault")
        }
    }

    /// The text in `language` with `{name}` placeholders filled from `values`.
    public func callAsFunction(_ language: Language, _ values: [String: String] = [:]) -> String {
        Translations.fill(text(language), values)
    }

    private func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
