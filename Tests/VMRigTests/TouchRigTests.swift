import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// Every scenario shares one boot of the rig, one after the other in the same guest.
let rigBoot = Task {
    try await VMRigOutcome.boot(
        scenarios: ["touch-mt", "touch-st", "touch-hid", "printer-usb", "scanner-hid", "display-drm"], files: try rigFiles(),
        inspect: ScreendumpComparison.results)
}

/// The catalogue, a booking, and the screen points of the buttons for the walk to an imigrasi/paspor-baru ticket,
/// from the same layout kioskd hit-tests with.
private func rigFiles() throws -> [String: String] {
    let fixture = try KioskFixture()
    defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
    let driver = try KioskTouchDriver(fixture)
    let walk = try driver.walkPlan(agency: "imigrasi", service: "paspor-baru")
    // Back from the notice of a ticket the printer did not confirm (the USB printer's mid-job faults).
    let back = try driver.centre(of: .back, on: .notice(.printUncertainNoNumber, returnTo: .home))
    let plan = ["screen \(fixture.screen.width) \(fixture.screen.height)"] + walk + ["notice-back \(back.x) \(back.y)"]
    // A booking for today (WITA) that the scanner scenario types.
    let code = BookingCode(symbols: "7QH2M9XKD4")!
    let today = LocalTime(Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)), zone: .wita).dayKey
    let bookings = #"{"bookings": [{"code": "\#(code)", "service": "kartu-keluarga", "day": "\#(today)", "window": "00:00-24:00"}]}"#
    return [
        "catalogue.json": KioskFixture.catalogueJSON(), "touch-plan": plan.joined(separator: "\n") + "\n",
        "booking-code": code.description, "bookings.json": bookings,
    ]
}

/// A uinput touchscreen of each kind (multitouch protocol B; single-touch with ranges not starting at 0)
/// plugged in after a keyboard and a mouse, read by a real kioskd in Debian's kernel under QEMU:
/// - discovery: kioskd opens the touchscreen by its capabilities, not the first node, and grabs it;
/// - taps: a walk to a ticket prints F-001 for the service tapped;
/// - grab: a second reader (which saw events before kioskd ran) gets nothing during the walk;
/// - syn-dropped: kioskd stopped, a finger down and 3000 frames overflow the kernel's buffer, kioskd
///   continued: it logs the kernel's `SYN_DROPPED`, and after the lift the next walk prints;
/// - replug: the uinput device destroyed and made again: reopened within 2 s, and the next walk prints;
/// - restart: kioskd restarted on the same panel (whose kernel state holds the last position): the
///   next walk prints.
@Test(.timeLimit(.minutes(8)), arguments: ["touch-mt", "touch-st"], ["discovery", "taps", "grab", "syn-dropped", "replug", "restart"])
func touchscreenInTheVM(panel: String, check: String) async throws {
    let outcome = try await rigBoot.value
    let name = panel + "." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}

/// A two-finger HID multitouch panel made through uhid (a Windows-style digitizer report descriptor),
/// so the kernel's hid-multitouch, not the rig, turns its reports into slots:
/// - slots: hid-multitouch binds it, and two HID contacts (ids 7 and 9) arrive in slots 0 and 1 with
///   tracking ids the kernel assigned, both ended when their lift report comes;
/// - discovery: kioskd finds its input device by capabilities and grabs it;
/// - taps: a walk through the HID reports prints F-001.
@Test(.timeLimit(.minutes(8)), arguments: ["slots", "discovery", "taps"])
func hidMultitouchInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "touch-hid." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}
