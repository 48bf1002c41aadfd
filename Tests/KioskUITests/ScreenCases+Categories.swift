import KioskCore

extension Fixtures {
    /// A larger mall than Badung: the fixture's 31 agencies and 9 more, 40 in all, more than the
    /// 36 agency buttons that fit 1080 × 1920 or 1920 × 1080, grouped in the catalogue's categories.
    static let largerMall: Catalogue = {
        var catalogue = Fixtures.catalogue
        let extra: [(String, String, String)] = [
            ("bpom", "Balai Pengawas Obat dan Makanan", "Food and Drug Supervisory Agency"),
            ("bea-cukai", "Bea dan Cukai Ngurah Rai", "Ngurah Rai Customs"),
            ("baznas", "Badan Amil Zakat Nasional", "National Zakat Agency"),
            ("disdik", "Dinas Pendidikan", "Education Office"),
            ("dpkp", "Dinas Perumahan dan Kawasan Permukiman", "Housing and Settlements Office"),
            ("bkd", "Badan Keuangan Daerah", "Regional Finance Agency"),
            ("kominfo", "Dinas Komunikasi dan Informatika", "Communication and Informatics Office"),
            ("pertanian", "Dinas Pertanian dan Pangan", "Agriculture and Food Office"),
            ("kesbangpol", "Badan Kesatuan Bangsa dan Politik", "National Unity and Politics Agency"),
        ]
        catalogue.agencies += extra.enumerated().map { index, names in
            let id = AgencyID(names.0)
            let service = Service(
                id: ServiceID(names.0 + "-info"), agencyID: id,
                name: LocalizedText(indonesian: "Konsultasi dan Informasi", english: "Consultation and Information"),
                prefix: "X\(index)", hours: catalogue.agencies[0].services[1].hours, dailyQuota: nil)
            return Agency(id: id, name: LocalizedText(indonesian: names.1, english: names.2), services: [service])
        }
        let groups: [(String, String, [String])] = [
            ("Kependudukan dan Perizinan", "Civil registry and permits", ["disdukcapil", "dpmptsp", "bpn", "pupr", "dpkp"]),
            ("Kepolisian, Hukum dan Imigrasi", "Police, law and immigration", ["polres", "imigrasi", "kejari", "pa", "pn", "bnn", "ombudsman", "kesbangpol"]),
            ("Pajak, Keuangan dan Kendaraan", "Tax, finance and vehicles", ["bapenda", "kpp", "samsat", "bea-cukai", "bkd", "dishub"]),
            ("Jaminan Sosial dan Kesehatan", "Social security and health", ["bpjs-kesehatan", "bpjs-tk", "dinkes", "dinsos", "bpom", "taspen", "disnaker"]),
            ("Bank, Listrik, Air dan Pos", "Banks, power, water, post", ["bpd", "pln", "pdam", "pos", "pegadaian"]),
            ("Agama, Pendidikan dan Usaha", "Religion, education, business", ["kemenag", "baznas", "disdik", "diskop", "dispar", "pertanian", "kominfo", "dlhk", "bkpsdm"]),
        ]
        catalogue.categories = groups.map {
            AgencyCategory(name: LocalizedText(indonesian: $0.0, english: $0.1), agencies: $0.2.map { AgencyID($0) })
        }
        return catalogue
    }()

    /// A letter's agencies in Indonesian (P: eight of them) and English (T), and the first screen of a
    /// kiosk with the speech guidance (its spot marked), in both orientations.
    static let letterCases: [ScreenCase] = sizes.flatMap { size in
        var official = catalogue
        official.isSample = false
        let orientation = size.isPortrait ? "portrait" : "landscape"
        var letterP = state(.letter("P"))
        letterP.languageChosen = true
        letterP.history = [.home]
        var letterT = state(.letter("T"), .english)
        letterT.history = [.home]
        return [
            ScreenCase(name: "\(orientation)-letter-p-id", size: size, state: letterP),
            ScreenCase(name: "\(orientation)-letter-t-en", size: size, state: letterT),
            // A real catalogue: the demonstration's SAMPLE band would share the footer with the mark.
            ScreenCase(name: "\(orientation)-home-speech-mark", size: size, state: state(.home), catalogue: official, speechGuidance: true),
        ]
    }

    /// The first screen of the larger mall (its categories) and one category's agencies, in both
    /// orientations, before a language is chosen and in English.
    static let categoryCases: [ScreenCase] = sizes.flatMap { size in
        let orientation = size.isPortrait ? "portrait" : "landscape"
        var home = state(.home)
        home.lastSequence = [:]
        var category = state(.category(1), .english)
        category.history = [.home]
        category.lastSequence = [:]
        var homeEnglish = state(.home, .english)
        homeEnglish.lastSequence = [:]
        var categoryIndonesian = category
        categoryIndonesian.language = .indonesian
        categoryIndonesian.languageChosen = true
        return [
            ("home-categories", home), ("home-categories-en", homeEnglish),
            ("category-id", categoryIndonesian), ("category-en", category),
        ].map { ScreenCase(name: "\(orientation)-\($0.0)", size: size, state: $0.1, catalogue: largerMall) }
    }
}
