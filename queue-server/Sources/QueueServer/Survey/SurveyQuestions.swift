import KioskCore

/// The questionnaire's questions and answer labels (1–4), in Bahasa Indonesia as in the sample
/// questionnaire of PermenPAN-RB No. 14/2017, and in English.
extension SurveyElement {
    private static func t(_ indonesian: String, _ english: String) -> LocalizedText {
        LocalizedText(indonesian: indonesian, english: english)
    }

    var question: LocalizedText {
        switch self {
        case .requirements:
            Self.t(
                "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
                "How well did the requirements match the service?")
        case .procedure:
            Self.t("Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?", "How easy was the procedure here?")
        case .completionTime:
            Self.t("Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?", "How fast were you served?")
        case .cost: Self.t("Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?", "How fair was the cost or fee?")
        case .product:
            Self.t(
                "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
                "How well did what you received match the published service standard?")
        case .competence:
            Self.t("Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?", "How competent were the staff?")
        case .conduct:
            Self.t(
                "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
                "How polite and friendly were the staff?")
        case .complaints:
            Self.t("Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?", "How are complaints handled?")
        case .facilities: Self.t("Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?", "How good are the facilities?")
        }
    }

    /// The labels of answers 1, 2, 3 and 4.
    var answers: [LocalizedText] {
        switch self {
        case .requirements, .product:
            [Self.t("Tidak sesuai", "Not matching"), Self.t("Kurang sesuai", "Partly matching"), Self.t("Sesuai", "Matching"),
             Self.t("Sangat sesuai", "Fully matching")]
        case .procedure:
            [Self.t("Tidak mudah", "Not easy"), Self.t("Kurang mudah", "Not very easy"), Self.t("Mudah", "Easy"),
             Self.t("Sangat mudah", "Very easy")]
        case .completionTime:
            [Self.t("Tidak cepat", "Not fast"), Self.t("Kurang cepat", "Not very fast"), Self.t("Cepat", "Fast"),
             Self.t("Sangat cepat", "Very fast")]
        case .cost:
            [Self.t("Sangat mahal", "Very expensive"), Self.t("Cukup mahal", "Rather expensive"), Self.t("Murah", "Cheap"),
             Self.t("Gratis", "Free")]
        case .competence:
            [Self.t("Tidak kompeten", "Not competent"), Self.t("Kurang kompeten", "Not very competent"), Self.t("Kompeten", "Competent"),
             Self.t("Sangat kompeten", "Very competent")]
        case .conduct:
            [Self.t("Tidak sopan dan ramah", "Not polite or friendly"), Self.t("Kurang sopan dan ramah", "Not very polite or friendly"),
             Self.t("Sopan dan ramah", "Polite and friendly"), Self.t("Sangat sopan dan ramah", "Very polite and friendly")]
        case .complaints:
            [Self.t("Tidak ada", "None"), Self.t("Ada tetapi tidak berfungsi", "Exists but does not work"),
             Self.t("Berfungsi kurang maksimal", "Works, not fully"), Self.t("Dikelola dengan baik", "Well managed")]
        case .facilities:
            [Self.t("Buruk", "Poor"), Self.t("Cukup", "Fair"), Self.t("Baik", "Good"), Self.t("Sangat baik", "Very good")]
        }
    }
}
