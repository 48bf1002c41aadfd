/// The nine elements (unsur) of the Survei Kepuasan Masyarakat, in the order and with the names of
/// PermenPAN-RB No. 14/2017 (Lampiran, II.A), each answered on the regulation's 4-point scale
/// (1 tidak sesuai … 4 sangat sesuai).
enum SurveyElement: Int, CaseIterable, Sendable {
    case requirements = 1, procedure, completionTime, cost, product, competence, conduct, complaints, facilities

    /// How many elements a complete answer has.
    static let count = 9
    /// The scale's lowest and highest answer.
    static let scale: ClosedRange<Int> = 1...4

    /// The regulation's code for the element: U1 … U9.
    var code: String { "U\(rawValue)" }

    /// The element's name as the regulation writes it.
    var indonesian: String {
        switch self {
        case .requirements: "Persyaratan"
        case .procedure: "Sistem, mekanisme dan prosedur"
        case .completionTime: "Waktu penyelesaian"
        case .cost: "Biaya/tarif"
        case .product: "Produk spesifikasi jenis pelayanan"
        case .competence: "Kompetensi pelaksana"
        case .conduct: "Perilaku pelaksana"
        case .complaints: "Penanganan pengaduan, saran dan masukan"
        case .facilities: "Sarana dan prasarana"
        }
    }

    /// The element's name in English.
    var english: String {
        switch self {
        case .requirements: "Requirements"
        case .procedure: "System, mechanism and procedure"
        case .completionTime: "Completion time"
        case .cost: "Cost/fee"
        case .product: "Service product specification"
        case .competence: "Staff competence"
        case .conduct: "Staff conduct"
        case .complaints: "Handling of complaints, suggestions and feedback"
        case .facilities: "Facilities and infrastructure"
        }
    }
}
