import KioskCore
import KioskDevices
import KioskLink
import KioskSystem

/// The scanner side of the kiosk: reads the scanner (when one is configured), turns each scan
/// into a `.scanned` event for the core, and answers the core's look-ups from the booking
/// directory and the ticket store.
public final class ScanDesk {
    private let scanner: ScannerDevice?
    private let directory: BookingDirectory
    private let store: TicketStore

    /// - Parameters:
    ///   - scanner: the scanner's device path and settings; nil for a kiosk without a scanner.
    ///   - bookingsPath: the local bookings file; a missing file means no code is known.
    public init(
        scanner: (path: String, settings: ScannerSettings)?, bookingsPath: String, catalogue: Catalogue,
        store: TicketStore
    ) {
        self.scanner = scanner.map { ScannerDevice(path: $0.path, settings: $0.settings) }
        self.store = store
        directory = LocalBookingDirectory(path: bookingsPath, catalogue: catalogue, store: store) { path in
            do {
                return try Files.readText(path)
            } catch let error as SystemCallError where error.errno == ENOENT {
                return "{\"bookings\": []}"
            }
        }
    }

    /// The scanner's descriptor to `poll()`, while it is open.
    public var pollDescriptor: Int32? { scanner?.pollDescriptor }

    /// A short description for the ready line: the device, or "none".
    public var summary: String { scanner.map { $0.summary } ?? "none" }

    /// Reads what the scanner has ready; one event per completed scan.
    public func read(now: UInt64) -> [Event] { events(scanner?.read(now: now) ?? []) }

    /// Ends a scan whose gap has passed and reopens a lost scanner; one event per completed scan.
    public func housekeeping(now: UInt64) -> [Event] { events(scanner?.housekeeping(now: now) ?? []) }

    /// The answer to a look-up effect, or nil for any other effect.
    public func answer(_ effect: Effect) -> Event? {
        switch effect {
        case .lookUpBooking(let code):
            do {
                return .bookingLookedUp(code, try directory.lookUp(code))
            } catch {
                Log.write(.error, "booking directory: \(error)")
                return .bookingLookedUp(code, .unavailable)
            }
        case .lookUpTicket(let id):
            do {
                return .ticketLookedUp(id, try store.ticket(id: id))
            } catch {
                Log.write(.error, "ticket store: \(error)")
                return .ticketLookedUp(id, nil)
            }
        default:
            return nil
        }
    }

    public func close() { scanner?.close() }

    private func events(_ scans: [RawScan]) -> [Event] {
        scans.map { scan in
            if scan.hadUnmappedKeys { Log.write(.warning, "scan had keys the US layout cannot type") }
            return .scanned(scan.bytes)
        }
    }
}
