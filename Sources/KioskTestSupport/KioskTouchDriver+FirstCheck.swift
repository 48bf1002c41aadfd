import Foundation
import KioskCore

extension KioskTouchDriver {
    /// Takes a ticket of `service` at `agency`, running `change` (a printer fault) just after the kiosk
    /// checked `printer` at the citizen's first touch (the agency) (its four `DLE EOT` were answered), so only the
    /// print job's own check can find the fault. Throws when the kiosk never asked.
    public func takeTicket(
        agency: String, service: String, afterTheFirstCheckOf printer: PrinterEmulator, _ change: () -> Void
    ) throws {
        let asked = printer.statusRequests.count
        try press(.chooseAgency(AgencyID(agency)), on: .home)
        let deadline = Date().addingTimeInterval(10)
        while printer.statusRequests.count < asked + 4 {
            guard Date() < deadline else { throw DriverError(description: "the kiosk did not check the printer at the first touch") }
            usleep(5_000)
        }
        change()
        try press(.chooseService(ServiceID(service)), on: .services(AgencyID(agency), page: 0))
    }
}
