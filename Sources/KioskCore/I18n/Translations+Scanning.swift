extension Translations {
    /// Text of the scanning, booking check-in and priority screens and ticket lines.
    static func scanningEntry(_ key: TextKey) -> LocalizedText {
        switch key {
        case .checkingBooking: t("Memeriksa pemesanan Anda…", "Checking your booking…")
        case .checkingTicket: t("Mencari tiket Anda…", "Looking up your ticket…")
        case .bookingTitle: t("Pemesanan Anda", "Your booking")
        case .bookingAgency: t("Instansi", "Agency")
        case .bookingService: t("Layanan", "Service")
        case .bookingTime: t("Jadwal", "Booked time")
        case .takeTicket: t("Ambil tiket", "Take ticket")
        case .cancel: t("Batal", "Cancel")
        case .bookingUnknown:
            t(
                "Kode pemesanan tidak dikenal. Periksa kode Anda atau tanyakan kepada petugas.",
                "This booking code is not known. Check your code or ask the staff.")
        case .bookingUsed:
            t(
                "Kode pemesanan ini sudah digunakan untuk mengambil tiket.",
                "This booking code has already been used to take a ticket.")
        case .bookingWrongDay:
            t(
                "Pemesanan ini bukan untuk hari ini. Silakan datang pada tanggal yang Anda pesan.",
                "This booking is not for today. Please come on the day you booked.")
        case .bookingTooEarly:
            t(
                "Anda datang terlalu awal untuk jadwal Anda. Silakan pindai lagi mendekati jam yang dipesan.",
                "You are too early for your booked time. Please scan again closer to it.")
        case .bookingTooLate:
            t(
                "Jadwal pemesanan Anda sudah lewat. Silakan ambil nomor antrean biasa atau tanyakan kepada petugas.",
                "Your booked time has passed. Please take a regular queue number or ask the staff.")
        case .bookingUnavailable:
            t(
                "Pemesanan tidak dapat diperiksa saat ini. Silakan tanyakan kepada petugas.",
                "Bookings cannot be checked right now. Please ask the staff.")
        case .scanUnknown:
            t(
                "Kode ini tidak dikenal. Pindai kode pemesanan online atau tiket antrean Anda.",
                "This code is not recognised. Scan your online booking code or your queue ticket.")
        case .scanNotReadable:
            t(
                "Kode tidak dapat dibaca. Silakan coba lagi atau tanyakan kepada petugas.",
                "The code could not be read. Please try again or ask the staff.")
        case .ticketNotFound:
            t("Tiket ini tidak diterbitkan oleh kios ini.", "This ticket was not issued by this kiosk.")
        case .ticketStatusTitle: t("Tiket Anda", "Your ticket")
        case .ticketIssuedAt: t("Diambil {date} pukul {time}", "Taken on {date} at {time}")
        case .queuePositionUnknown:
            t(
                "Kios ini belum terhubung ke server antrean, jadi posisi Anda belum dapat ditampilkan. Mohon menunggu panggilan.",
                "This kiosk is not connected to the queue server, so your position cannot be shown. Please wait to be called.")
        case .priorityButton: t("Prioritas", "Priority")
        case .priorityChoose: t("Pilih kelompok prioritas", "Choose a priority group")
        case .priorityVerified:
            t("Petugas akan memeriksa di loket.", "Staff will check at the counter.")
        case .priorityNone: t("Tanpa prioritas", "No priority")
        case .priorityChosen: t("Prioritas: {priority}", "Priority: {priority}")
        case .priorityTicketLine: t("PRIORITAS — {priority}, verifikasi petugas", "PRIORITY — {priority}, staff to verify")
        case .priorityElderly: t("Lansia", "Elderly")
        case .priorityDisability: t("Penyandang disabilitas", "Person with a disability")
        case .priorityPregnant: t("Ibu hamil", "Pregnant")
        case .priorityNursing: t("Ibu menyusui", "Nursing mother")
        case .bookingTicketLine: t("PEMESANAN ONLINE {code}", "ONLINE BOOKING {code}")
        default: preconditionFailure("\(key) is translated in Translations.entry")
        }
    }

    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
