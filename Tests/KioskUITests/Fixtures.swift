import KioskCore

@testable import KioskUI

/// A Badung-like catalogue, a fixed moment and ready-made states for screen tests.
enum Fixtures {
    static let portrait = ScreenSize(width: 1080, height: 1920)
    static let landscape = ScreenSize(width: 1920, height: 1080)
    static let sizes = [portrait, landscape]

    /// Tuesday 14 January 2025, 10:15 WITA.
    static let now = Timestamp(secondsSinceEpoch: 1_736_820_900)
    static let today = "2025-01-14"

    static let mallName = LocalizedText(
        indonesian: "Mal Pelayanan Publik Kabupaten Badung", english: "Badung Public Service Mall")
    static let kioskID = "MPP-BADUNG-K01"

    static let civilRegistry = AgencyID("disdukcapil")
    /// Open now.
    static let familyCard = ServiceID("kk")
    /// Daily quota of 40, all issued today in every fixture state.
    static let identityCard = ServiceID("ktp-el")
    /// Opens only in the afternoon, so closed at 10:15.
    static let deathCertificate = ServiceID("akta-kematian")
    /// An agency with a single service: one page, no paging buttons.
    static let tourismOffice = AgencyID("dispar")

    static let catalogue = Catalogue(
        isSample: true, agencies: [civilRegistryAgency] + otherAgencies,
        calendar: BuildingCalendar(entries: [
            CalendarEntry(
                first: CalendarDate("2025-01-27")!, last: CalendarDate("2025-01-27")!, kind: .nationalHoliday,
                name: LocalizedText(indonesian: "Isra Mikraj Nabi Muhammad SAW", english: "Isra Mi'raj of the Prophet Muhammad"))
        ]))

    /// Monday 27 January 2025, 10:15 WITA: a national holiday in the fixture's calendar.
    static let holiday = Timestamp(secondsSinceEpoch: 1_736_820_900 + 13 * 86_400)
    /// Tuesday 14 January 2025, 18:00 WITA: every service has closed for the day.
    static let evening = Timestamp(secondsSinceEpoch: 1_736_820_900 + 7 * 3600 + 45 * 60)
    /// What an out-of-service screen tells the technician.
    static let outOfServiceReason =
        "configuration error: /etc/kioskd/kiosk.json:8:23: $.printer.kind: unknown device kind \"serial\". Use one of: file, tcp, cups, usb."

    static func renderer(_ size: ScreenSize) throws -> ScreenRenderer {
        try ScreenRenderer(size: size, mallName: mallName, kioskID: kioskID)
    }

    static func settings(_ size: ScreenSize) -> FlowSettings {
        let capacity = LayoutMetrics.pageCapacity(for: size)
        var settings = FlowSettings(
            catalogue: catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
            agenciesPerPage: capacity.agencies, servicesPerPage: capacity.services)
        settings.diagnostics = DiagnosticsSettings(screenWidth: size.width, screenHeight: size.height)  // as kioskd sets it
        return settings
    }

    /// A state showing `screen` in `language`, with the identity-card quota used up today.
    static func state(_ screen: Screen, _ language: Language = .indonesian) -> KioskState {
        var state = KioskState()
        state.screen = screen
        state.language = language
        state.languageChosen = language != .indonesian
        state.day = today
        state.lastSequence = [identityCard: 40, familyCard: 6]
        return state
    }

    static func ticket(_ language: Language = .indonesian) -> Ticket {
        let service = catalogue.service(familyCard)!
        return Ticket(
            id: TicketID(randomBytes: Array(0..<16)), serviceID: service.id, agencyID: service.agencyID, day: today,
            sequence: 7, number: Ticket.number(for: service, sequence: 7), issuedAt: now, peopleAhead: nil,
            language: language)
    }

    static func agencyPages(_ size: ScreenSize) -> Int {
        FlowSettings.pageCount(catalogue.agencies.count, perPage: settings(size).agenciesPerPage)
    }

    // MARK: Catalogue

    private static let officeHours = OpeningHours(
        Dictionary(
            uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
                ($0, [TimeRange(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 15, minute: 0))])
            }))
    private static let afternoons = OpeningHours(
        [.tuesday: [TimeRange(start: TimeOfDay(hour: 13, minute: 0), end: TimeOfDay(hour: 15, minute: 0))]])

    private static let civilRegistryAgency = Agency(
        id: civilRegistry,
        name: LocalizedText(
            indonesian: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Badung",
            english: "Population and Civil Registration Office of Badung Regency"),
        shortName: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"),
        services: [
            service(
                "ktp-el", "A", "Perekaman KTP Elektronik (KTP-el)", "Electronic ID Card (KTP-el) Recording", quota: 40),
            service("kk", "B", "Penerbitan Kartu Keluarga", "Family Card"),
            service("akta-kelahiran", "C", "Akta Kelahiran", "Birth Certificate"),
            service("akta-kematian", "D", "Akta Kematian", "Death Certificate", hours: afternoons),
            service("kia", "E", "Kartu Identitas Anak (KIA)", "Child Identity Card (KIA)"),
            service(
                "pindah-datang", "F", "Surat Keterangan Pindah Datang Antar Kabupaten/Kota dan Antar Provinsi",
                "Certificate of Moving Between Regencies, Cities and Provinces"),
            service("akta-perkawinan", "G", "Akta Perkawinan", "Marriage Certificate"),
            service("akta-perceraian", "H", "Akta Perceraian", "Divorce Certificate"),
            service("ikd", "J", "Aktivasi Identitas Kependudukan Digital (IKD)", "Digital Identity (IKD) Activation"),
        ].map { $0(civilRegistry) })

    private static let otherAgencyNames: [(String, String, String)] = [
        (
            "dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "Investment and One-Stop Services Office"
        ),
        ("bapenda", "Badan Pendapatan Daerah", "Regional Revenue Agency"),
        ("imigrasi", "Kantor Imigrasi Kelas I Khusus TPI Ngurah Rai", "Ngurah Rai Special Class I Immigration Office"),
        ("polres", "Kepolisian Resor Badung (SIM dan SKCK)", "Badung Police (Driving Licences, Police Certificates)"),
        ("bpn", "Kantor Pertanahan Kabupaten Badung", "Badung Land Office"),
        ("bpjs-kesehatan", "BPJS Kesehatan", "National Health Insurance (BPJS Kesehatan)"),
        ("bpjs-tk", "BPJS Ketenagakerjaan", "Workers' Social Security (BPJS Ketenagakerjaan)"),
        ("kpp", "Kantor Pelayanan Pajak Pratama Badung Utara", "North Badung Primary Tax Office"),
        ("samsat", "Unit Pelaksana Teknis Daerah Samsat Badung", "Badung Vehicle Registration (Samsat)"),
        ("kejari", "Kejaksaan Negeri Badung", "Badung District Prosecutor's Office"),
        ("pa", "Pengadilan Agama Badung", "Badung Religious Court"),
        ("pn", "Pengadilan Negeri Denpasar", "Denpasar District Court"),
        ("kemenag", "Kantor Kementerian Agama Kabupaten Badung", "Ministry of Religious Affairs, Badung Office"),
        ("bpd", "Bank Pembangunan Daerah Bali", "Bali Regional Development Bank"),
        ("pln", "PT PLN (Persero) UP3 Bali Selatan", "PLN South Bali Customer Service"),
        ("pdam", "Perumda Air Minum Tirta Mangutama", "Tirta Mangutama Water Utility"),
        ("dishub", "Dinas Perhubungan", "Transport Office"),
        ("disnaker", "Dinas Tenaga Kerja dan Perindustrian", "Manpower and Industry Office"),
        ("dinsos", "Dinas Sosial", "Social Affairs Office"),
        ("dinkes", "Dinas Kesehatan", "Health Office"),
        ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Public Works and Spatial Planning Office"),
        ("dlhk", "Dinas Lingkungan Hidup dan Kebersihan", "Environment and Sanitation Office"),
        (
            "diskop", "Dinas Koperasi, Usaha Kecil dan Menengah dan Perdagangan",
            "Cooperatives, Small Business and Trade Office"
        ),
        ("dispar", "Dinas Pariwisata", "Tourism Office"),
        (
            "bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            "Civil Service and Human Resources Development Agency"
        ),
        ("pos", "PT Pos Indonesia (Persero)", "Indonesian Post"),
        ("taspen", "PT Taspen (Persero)", "Taspen Civil Servant Pensions"),
        ("pegadaian", "PT Pegadaian", "Pegadaian Pawn Services"),
        ("bnn", "Badan Narkotika Nasional Kabupaten Badung", "Badung National Narcotics Board"),
        (
            "ombudsman", "Ombudsman Republik Indonesia Perwakilan Provinsi Bali",
            "Ombudsman of the Republic of Indonesia, Bali Representative Office"
        ),
    ]

    private static let otherAgencies: [Agency] = otherAgencyNames.enumerated().map { index, names in
        let id = AgencyID(names.0)
        let services = [
            service("\(names.0)-info", "K\(index)", "Konsultasi dan Informasi", "Consultation and Information")(id)
        ]
        let short = shortNames[names.0].map { LocalizedText(indonesian: $0.0, english: $0.1) }
        return Agency(id: id, name: LocalizedText(indonesian: names.1, english: names.2), shortName: short, services: services)
    }

    /// Short names for the agency buttons, as a mall's catalogue gives them (`shortName`); the few
    /// agencies without one show their official name.
    private static let shortNames: [String: (String, String)] = [
        "dpmptsp": ("Perizinan (DPMPTSP)", "Permits (DPMPTSP)"), "bapenda": ("Pajak Daerah", "Regional Tax"),
        "imigrasi": ("Imigrasi (Paspor)", "Immigration"), "polres": ("Polres: SIM dan SKCK", "Police: licence"),
        "bpn": ("Pertanahan (BPN)", "Land Office"), "bpjs-tk": ("BPJS Ketenagakerjaan", "BPJS Employment"),
        "kpp": ("Pajak (KPP Pratama)", "Tax Office"), "samsat": ("Samsat", "Vehicle Tax (Samsat)"),
        "kejari": ("Kejaksaan Negeri", "Prosecutor's Office"), "pa": ("Pengadilan Agama", "Religious Court"),
        "pn": ("Pengadilan Negeri", "District Court"), "kemenag": ("Kementerian Agama", "Religious Affairs"),
        "bpd": ("Bank BPD Bali", "Bank BPD Bali"), "pln": ("PLN (Listrik)", "PLN (electricity)"),
        "pdam": ("PDAM (Air Minum)", "Water Utility"), "disnaker": ("Tenaga Kerja", "Manpower Office"),
        "pupr": ("PUPR (Bangunan)", "Public Works"), "dlhk": ("Lingkungan Hidup", "Environment Office"),
        "diskop": ("Koperasi dan UMKM", "Small Business"), "bkpsdm": ("Kepegawaian (BKPSDM)", "Civil Service"),
        "pos": ("Pos Indonesia", "Post Office"), "taspen": ("Taspen", "Taspen (pensions)"),
        "bnn": ("BNN", "Narcotics Board"), "ombudsman": ("Ombudsman", "Ombudsman"),
    ]

    private static func service(
        _ id: String, _ prefix: String, _ indonesian: String, _ english: String, hours: OpeningHours = officeHours,
        quota: Int? = nil
    ) -> (AgencyID) -> Service {
        { agency in
            Service(
                id: ServiceID(id), agencyID: agency, name: LocalizedText(indonesian: indonesian, english: english),
                prefix: prefix, hours: hours, dailyQuota: quota)
        }
    }
}
