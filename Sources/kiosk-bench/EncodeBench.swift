import BenchSupport
import Foundation
import KioskCore
import KioskDevices

/// `kiosk-bench --encode`: ESC/POS encoding of the real ticket layout (native QR, no logo), and a
/// raster QR fallback of the same ticket id, each timed over many rounds.
enum EncodeBench {
    static func run(rounds: Int) {
        let service = Service(
            id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
            name: LocalizedText(indonesian: "Perekaman KTP Elektronik", english: "Electronic ID Card Recording"),
            prefix: "A", hours: OpeningHours([:]), dailyQuota: nil)
        let agency = Agency(
            id: AgencyID("disdukcapil"),
            name: LocalizedText(
                indonesian: "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Badung",
                english: "Population and Civil Registration Office"),
            services: [service])
        let ticket = Ticket(
            id: TicketID("3f2b8c1e-9a4d-4e7b-8c21-5d6e7f809a1b")!, serviceID: service.id, agencyID: agency.id,
            day: "2026-03-02", sequence: 23, number: "A-023", issuedAt: Timestamp(secondsSinceEpoch: 1_772_414_100),
            peopleAhead: 4, language: .indonesian)
        let document = TicketLayout.document(
            for: ticket, agency: agency, service: service,
            mallName: LocalizedText(indonesian: "Mal Pelayanan Publik Kabupaten Badung", english: "Badung Public Service Mall"),
            kioskID: "MPP-BADUNG-K01", zone: .wita)
        let native = PrinterProfile.named("epson-tm-t82")!
        let raster = PrinterProfile.named("xprinter-58")!
        let qrOnly = TicketDocument(blocks: [.qrCode(payload: ticket.id.description)])

        report("encode ticket (epson-tm-t82, native QR)", rounds: rounds) { EscPosEncoder.encode(document, profile: native) }
        report("encode ticket (xprinter-58, raster QR)", rounds: rounds) { EscPosEncoder.encode(document, profile: raster) }
        report("raster QR fallback alone (libqrencode + GS v 0)", rounds: rounds) {
            EscPosEncoder.encode(qrOnly, profile: raster)
        }
    }

    /// Times `body` `rounds` times (after a warm-up) and prints median and p99 in microseconds.
    private static func report(_ label: String, rounds: Int, _ body: () -> [UInt8]) {
        var sink = 0
        for _ in 0..<100 { sink &+= body().count }
        var micros: [Double] = []
        micros.reserveCapacity(rounds)
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            sink &+= body().count
            micros.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
        }
        print("\(label): median \(Bench.fixed(Bench.quantile(micros, 0.5))) µs, p99 \(Bench.fixed(Bench.quantile(micros, 0.99))) µs "
            + "over \(rounds) rounds (\(sink / (rounds + 100)) bytes)")
    }
}
