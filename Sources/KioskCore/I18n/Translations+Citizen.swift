extension Translations {
    /// Text of the idle prompt, a closed service's hours, the queue position, the ticket's lines and the letter index.
    static func citizenEntry(_ key: TextKey) -> LocalizedText {
        switch key {
        case .stillThere: t("Masih di sini?", "Still there?")
        case .stillThereCountdown: t("Kembali ke awal dalam {seconds} detik", "Starting over in {seconds} seconds")
        case .stillThereTouch: t("Sentuh layar untuk melanjutkan", "Touch the screen to continue")
        case .speechOn:
            t(
                "Panduan suara aktif. Geser jari di layar untuk mendengar tombol, ketuk dua kali untuk memilih. "
                    + "Tahan bagian bawah layar untuk mematikannya.",
                "Voice guidance on. Slide a finger over the screen to hear the buttons, double tap to choose. "
                    + "Hold the bottom strip of the screen to turn it off.")
        case .speechOff: t("Panduan suara mati.", "Voice guidance off.")
        case .speechLetters:
            t(
                "Pilih huruf awal nama instansi; instansinya dibacakan sesudahnya.",
                "Choose the first letter of the agency's name; its agencies are read next.")
        case .speechMark: t("Tahan: panduan suara", "Hold: voice guide")
        case .hoursToday: t("Jam layanan hari ini: {hours}", "Today's hours: {hours}")
        case .counter: t("Loket", "Counter")
        // Each fits one line of 80 mm paper (48 columns).
        case .ticketScanLinked: t("Pindai untuk memantau antrean Anda", "Scan to follow your queue")
        case .ticketScanAtKiosk: t("Pindai di kios untuk melihat posisi Anda", "Scan at the kiosk to see your place")
        case .positionOnPhone:
            t(
                "Posisi terkini Anda ada di halaman antrean: pindai kode QR pada tiket dengan ponsel Anda.",
                "Your current place is on the queue page: scan the ticket's QR code with your phone.")
        case .positionWhenIssued:
            t("Saat diambil: {count} orang di depan Anda", "When taken: {count} people ahead of you")
        case .letterKey: t("Huruf {letter}", "Letter {letter}")
        case .agenciesByLetter: t("Instansi berawalan {letter}", "Agencies starting with {letter}")
        case .otherLetter: t("Nama lain", "Other names")
        default: preconditionFailure("\(key) is translated in Translations.entry")
        }
    }

    /// "Jam layanan hari ini: 08:00–11:30, 13:00–15:00", or "Hari ini tutup", for `service` on `date`.
    public static func hoursTodayText(
        _ service: Service, on date: CalendarDate, schedule: ServiceSchedule, _ language: Language
    ) -> String {
        let ranges = schedule.hours(of: service, on: date).ranges
        guard !ranges.isEmpty else { return text(.closedToday, language) }
        return text(.hoursToday, language, ["hours": ranges.map { "\($0.start.text)–\($0.end.text)" }.joined(separator: ", ")])
    }

    /// How the letter index names `letter` aloud: "Huruf B", or "Nama lain" for `#`.
    public static func letterName(_ letter: Character, _ language: Language) -> String {
        letter == "#" ? text(.otherLetter, language) : text(.letterKey, language, ["letter": String(letter)])
    }

    /// The title over a letter's agencies: "Instansi berawalan B", or "Nama lain" for `#`.
    public static func letterTitle(_ letter: Character, _ language: Language) -> String {
        letter == "#" ? text(.otherLetter, language) : text(.agenciesByLetter, language, ["letter": String(letter)])
    }

    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
