/// The survey's texts (issue 20): the nine questions and their answer labels in the wording of the
/// sample questionnaire of PermenPAN-RB No. 14/2017, as the queue server's phone form has them
/// (`SurveyQuestions.swift` there; `SurveyTextAgreementTests` checks they agree), and the screens' lines.
extension Translations {
    /// The question of `element`.
    public static func surveyQuestion(_ element: SurveyElement) -> LocalizedText {
        switch element {
        case .requirements:
            t(
                "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                "How well did the requirements match the service?")
        case .procedure:
            t("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", "How easy was the procedure here?")
        case .completionTime:
            t("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", "How fast were you served?")
        case .cost: t("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", "How fair was the cost or fee?")
        case .product:
            t(
                "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
                "How well did what you received match the published service standard?")
        case .competence:
            t("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", "How competent were the staff?")
        case .conduct:
            t(
                "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
                "How polite and friendly were the staff?")
        case .complaints:
            t("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", "How are complaints handled?")
        case .facilities: t("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", "How good are the facilities?")
        }
    }

    /// The labels of answers 1, 2, 3 and 4 to `element`.
    public static func surveyAnswers(_ element: SurveyElement) -> [LocalizedText] {
        switch element {
        case .requirements, .product:
            [t("Tidak sesuai", "Not matching"), t("Kurang sesuai", "Partly matching"), t("Sesuai", "Matching"), t("Sangat sesuai", "Fully matching")]
        case .procedure:
            [t("Tidak mudah", "Not easy"), t("Kurang mudah", "Not very easy"), t("Mudah", "Easy"), t("Sangat mudah", "Very easy")]
        case .completionTime:
            [t("Tidak cepat", "Not fast"), t("Kurang cepat", "Not very fast"), t("Cepat", "Fast"), t("Sangat cepat", "Very fast")]
        case .cost:
            [t("Sangat mahal", "Very expensive"), t("Cukup mahal", "Rather expensive"), t("Murah", "Cheap"), t("Gratis", "Free")]
        case .competence:
            [t("Tidak kompeten", "Not competent"), t("Kurang kompeten", "Not very competent"), t("Kompeten", "Competent"),
             t("Sangat kompeten", "Very competent")]
        case .conduct:
            [t("Tidak sopan dan ramah", "Not polite or friendly"), t("Kurang sopan dan ramah", "Not very polite or friendly"),
             t("Sopan dan ramah", "Polite and friendly"), t("Sangat sopan dan ramah", "Very polite and friendly")]
        case .complaints:
            [t("Tidak ada", "None"), t("Ada tetapi tidak berfungsi", "Exists but does not work"), t("Berfungsi kurang maksimal", "Works, not fully"),
             t("Dikelola dengan baik", "Well managed")]
        case .facilities:
            [t("Buruk", "Poor"), t("Cukup", "Fair"), t("Baik", "Good"), t("Sangat baik", "Very good")]
        }
    }

    /// The element's name as the regulation writes it (Indonesian), and in English.
    public static func surveyElementName(_ element: SurveyElement) -> LocalizedText {
        switch element {
        case .requirements: t("Persyaratan", "Requirements")
        case .procedure: t("Sistem, mekanisme dan prosedur", "System, mechanism and procedure")
        case .completionTime: t("Waktu penyelesaian", "Completion time")
        case .cost: t("Biaya/tarif", "Cost/fee")
        case .product: t("Produk spesifikasi jenis pelayanan", "Service product specification")
        case .competence: t("Kompetensi pelaksana", "Staff competence")
        case .conduct: t("Perilaku pelaksana", "Staff conduct")
        case .complaints: t("Penanganan pengaduan, saran dan masukan", "Handling of complaints, suggestions and feedback")
        case .facilities: t("Sarana dan prasarana", "Facilities and infrastructure")
        }
    }

    /// The kind sentence for a refused survey.
    public static func surveyRefusal(_ refusal: SurveyRefusal) -> TextKey {
        switch refusal {
        case .alreadyAnswered: .surveyAlreadyAnswered
        case .notServed: .surveyNotServed
        case .windowClosed: .surveyWindowClosed
        case .unknownTicket: .surveyUnknownTicket
        }
    }

    /// Text of the survey's screens.
    static func surveyEntry(_ key: TextKey) -> LocalizedText {
        switch key {
        case .surveyButton: t("Nilai layanan kami", "Rate our service")
        case .surveyTitle: t("Survei Kepuasan Masyarakat", "Citizen satisfaction survey")
        case .surveyScan:
            t(
                "Pindai kode QR pada tiket antrean Anda yang sudah dilayani. Kami tidak menanyakan nama, NIK atau nomor telepon.",
                "Scan the QR code on your queue ticket that has been served. We do not ask your name, ID number or phone.")
        case .surveyNotATicket:
            t("Kode ini bukan tiket antrean. Pindai kode QR pada tiket Anda.", "This code is not a queue ticket. Scan the QR code on your ticket.")
        case .surveyQuestionOf: t("Pertanyaan {n} dari {count}", "Question {n} of {count}")
        case .surveySuggestionTitle: t("Saran dan masukan (tidak wajib)", "Suggestions (optional)")
        case .surveySuggestionHelp:
            t("Jangan tulis nama atau nomor telepon. Paling banyak {max} huruf.", "Do not write your name or phone number. At most {max} characters.")
        case .surveySend: t("Kirim", "Send")
        case .surveySkip: t("Lewati", "Skip")
        case .surveyErase: t("Hapus", "Erase")
        case .surveySpace: t("Spasi", "Space")
        case .surveySending: t("Mengirim jawaban Anda…", "Sending your answers…")
        case .surveyThanks: t("Terima kasih atas penilaian Anda!", "Thank you for rating our service!")
        case .surveyThanksLater:
            t(
                "Terima kasih! Jawaban Anda tersimpan dan akan dikirim saat kios terhubung kembali.",
                "Thank you! Your answers are saved and will be sent when the kiosk is connected again.")
        case .surveyAlreadyAnswered:
            t("Survei untuk tiket ini sudah diisi. Terima kasih!", "The survey for this ticket has already been answered. Thank you!")
        case .surveyNotServed:
            t(
                "Survei hanya untuk tiket yang sudah dilayani. Silakan isi setelah Anda dilayani di loket.",
                "The survey is for tickets that have been served. Please answer it after you are served at the counter.")
        case .surveyWindowClosed:
            t(
                "Waktu survei untuk tiket ini sudah lewat. Terima kasih atas perhatian Anda.",
                "The time to answer the survey for this ticket has passed. Thank you for your interest.")
        case .surveyUnknownTicket:
            t("Tiket ini tidak dikenal di gedung ini.", "This ticket is not known in this building.")
        case .surveyNotRecorded:
            t("Maaf, jawaban Anda tidak dapat disimpan. Silakan hubungi petugas.", "Sorry, your answers could not be saved. Please ask the staff.")
        // The keyboard's keys, as the speech guidance says them.
        case .surveyKeyLetter: t("huruf {key}", "letter {key}")
        case .surveyKeyDigit: t("angka {key}", "digit {key}")
        case .surveyKeyStop: t("titik", "full stop")
        case .surveyKeyComma: t("koma", "comma")
        case .surveyKeyQuestion: t("tanda tanya", "question mark")
        default: preconditionFailure("\(key) is translated in Translations.entry")
        }
    }

    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }
}
