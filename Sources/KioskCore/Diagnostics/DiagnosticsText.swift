/// The technician's screens' text: Bahasa Indonesia first, English second, like the citizen's.
public enum DiagnosticsText: String, Sendable, Hashable, CaseIterable {
    case pinTitle, pinHelp, pinWrong, pinLocked, pinTooShort, pinUnavailable, pinChecking
    case erase, enter, exit
    case overviewTitle, technician, kioskID, version, uptime, addresses, devices
    case touchscreen, printer, scanner, display, server, noScanner, standalone
    case deviceOK, deviceWarning, deviceFault
    case printerTitle, condition, paperLeft, paperNotCounted, testPage, newRoll, backToOverview
    case scannerTitle, scanHelp, lastCode, codeLength, codeKind, scannedAt, symbology, symbologyUnknown, noScanYet
    case cutTest, cutTestSent, testPageSent, paperReset
    case touchTitle, touchHelp, targetTest, calibrate, undoCalibration, clear, backToTouch, targetsHelp
    case calibrationTitle, calibrationStep, calibrationFitted, save, again, cancel, calibrationDegenerate
    case calibrationSloppy, calibrationSaving, calibrationSaved, calibrationUndone, calibrationFailed
    case networkTitle, serverURL, link, online, offline, lastHeartbeat, lastSync, outbox, tickets, leasesLeft
    case clockOffset, never, unknown, syncNow, syncAsked, noServer, noLeases
    case logTitle, olderLines, newerLines, restart, restartConfirm, yesRestart, restartAsked, noLogLines

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
        case .cutTest: t("Uji potong", "Cut test")
        case .cutTestSent: t("Uji potong dikirim ke printer (bertanda TEST)", "Cut test sent to the printer (marked TEST)")
        case .testPageSent: t("Halaman uji dikirim ke printer", "Test page sent to the printer")
        case .paperReset: t("Penghitung kertas kembali penuh", "Paper counter back to a full roll")
        case .touchTitle: t("Layar sentuh", "Touchscreen")
        case .touchHelp: t("Gambar dengan jari: jejak mentah tampil di sini", "Draw with a finger: the raw trail shows here")
        case .targetTest: t("Uji sasaran", "Target test")
        case .calibrate: t("Kalibrasi 5 titik", "5-point calibration")
        case .undoCalibration: t("Kembalikan kalibrasi sebelumnya", "Undo: previous calibration")
        case .clear: t("Bersihkan", "Clear")
        case .backToTouch: t("‹ Layar sentuh", "‹ Touchscreen")
        case .targetsHelp: t("Sentuh tiap sasaran: {hits} dari {total} kena, {misses} meleset", "Touch every target: {hits} of {total} hit, {misses} missed")
        case .calibrationTitle: t("Kalibrasi layar sentuh", "Touchscreen calibration")
        case .calibrationStep: t("Sentuh tepat di tengah sasaran ({step} dari 5)", "Touch the centre of the target ({step} of 5)")
        case .calibrationFitted: t("Galat sisa {px} px. Simpan kalibrasi ini?", "Residual error {px} px. Save this calibration?")
        case .save: t("Simpan", "Save")
        case .again: t("Ulangi", "Again")
        case .cancel: t("Batal", "Cancel")
        case .calibrationDegenerate:
            t("Ditolak: sentuhan segaris atau bertumpuk. Kalibrasi lama tetap dipakai.",
              "Refused: the touches lie on a line or on one spot. The old calibration stays.")
        case .calibrationSloppy:
            t("Ditolak: sentuhan meleset rata-rata {px} px (batas {limit} px). Kalibrasi lama tetap dipakai.",
              "Refused: the touches miss by {px} px on average (limit {limit} px). The old calibration stays.")
        case .calibrationSaving: t("Menyimpan…", "Saving…")
        case .calibrationSaved: t("Kalibrasi disimpan dan dipakai (galat {px} px)", "Calibration saved and in use (residual {px} px)")
        case .calibrationUndone: t("Kalibrasi sebelumnya dipakai lagi", "The previous calibration is in use again")
        case .calibrationFailed: t("Tidak berubah: {reason}", "Nothing changed: {reason}")
        case .networkTitle: t("Jaringan", "Network")
        case .serverURL: t("Server", "Server")
        case .link: t("Sambungan", "Link")
        case .online: t("terhubung", "online")
        case .offline: t("terputus", "offline")
        case .lastHeartbeat: t("Detak terakhir", "Last heartbeat")
        case .lastSync: t("Sinkron terakhir", "Last sync")
        case .outbox: t("Menunggu dikirim", "Waiting to sync")
        case .tickets: t("{count} tiket", "{count} tickets")
        case .leasesLeft: t("Nomor sewa tersisa", "Leased numbers left")
        case .clockOffset: t("Selisih jam", "Clock offset")
        case .never: t("belum pernah", "never")
        case .unknown: t("tidak diketahui", "unknown")
        case .syncNow: t("Sinkronkan sekarang", "Sync now")
        case .syncAsked: t("Sinkronisasi diminta", "Sync asked for")
        case .noServer: t("Kios ini tanpa server antrean: penomoran mandiri", "This kiosk has no queue server: standalone numbering")
        case .noLeases: t("tidak ada", "none")
        case .logTitle: t("Log kioskd", "kioskd log")
        case .olderLines: t("Lebih lama", "Older")
        case .newerLines: t("Lebih baru", "Newer")
        case .restart: t("Mulai ulang kioskd", "Restart kioskd")
        case .restartConfirm: t("Mulai ulang kioskd sekarang?", "Restart kioskd now?")
        case .yesRestart: t("Ya, mulai ulang", "Yes, restart")
        case .restartAsked: t("kioskd dimulai ulang…", "kioskd is restarting…")
        case .noLogLines: t("belum ada baris", "no lines yet")
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
