import KioskCore
import KioskTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Shared pieces for the printer tests: a realistic ticket and temporary directories.
enum PrinterFixtures {
    static let ticketID = TicketID("3f2b8c1e-9a4d-4e7b-8c21-5d6e7f809a1b")!

    static let mallName = LocalizedText(
        indonesian: "Mal Pelayanan Publik Kabupaten Badung", english: "Badung Regency Public Service Mall")

    static let agency = Agency(
        id: AgencyID("disdukcapil"),
        name: LocalizedText(
            indonesian: "Dinas Kependudukan dan Pencatatan Sipil", english: "Population and Civil Registration Office"),
        services: [])

    static let service = Service(
        id: ServiceID("ktp-el"), agencyID: AgencyID("disdukcapil"),
        name: LocalizedText(indonesian: "Perekaman KTP Elektronik", english: "Electronic ID Card Recording"),
        prefix: "A", hours: OpeningHours([:]), dailyQuota: nil)

    /// Ticket A-023, issued 2026-03-02 09:15 WITA, with 4 people ahead.
    static func ticket(_ language: Language = .indonesian) -> Ticket {
        Ticket(
            id: ticketID, serviceID: service.id, agencyID: agency.id, day: "2026-03-02", sequence: 23,
            number: "A-023", issuedAt: Timestamp(secondsSinceEpoch: 1_772_414_100), peopleAhead: 4, language: language)
    }

    static func document(_ language: Language = .indonesian) -> TicketDocument {
        TicketLayout.document(
            for: ticket(language), agency: agency, service: service, mallName: mallName, kioskID: "MPP-BADUNG-K01",
            zone: .wita)
    }

    /// A fresh private directory under /tmp.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/kiosk-printer-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PrinterFixtureError.noTemporaryDirectory }
        return String(cString: made)
    }

    /// A TCP port on 127.0.0.1 that nothing listens on (bound, then released).
    static func closedPort() throws -> Int {
        let emulator = try PrinterEmulator()
        let port = emulator.port
        emulator.stop()
        return port
    }
}

enum PrinterFixtureError: Error { case noTemporaryDirectory, noConnection }

/// A plain blocking TCP client to 127.0.0.1, for talking to the emulator byte by byte.
final class RawPrinterClient {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw PrinterFixtureError.noConnection
        }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// Reads exactly `count` bytes, or fewer if nothing arrives for 5 seconds.
    func read(_ count: Int) -> [UInt8] {
        var result: [UInt8] = []
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while result.count < count, poll(&entry, 1, 5000) > 0 {
            var chunk = [UInt8](repeating: 0, count: count - result.count)
            let got = recv(fd, &chunk, chunk.count, 0)
            guard got > 0 else { break }
            result += chunk[0..<got]
        }
        return result
    }

    /// Closes the sending side, so the emulator sees the end of the job.
    func finish() { shutdown(fd, Int32(SHUT_WR)) }
}
