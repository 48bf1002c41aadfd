import KioskCore
import KioskTestSupport

/// Taps through kioskd's control socket (`kioskctl tap`): its answer comes after the core took the tap,
/// so a test learns what the tap did without waiting for something not to happen.
enum ControlTap {
    /// Taps `agency`'s button of the first screen; true when kioskd says no button was under the tap
    /// (the first screen offers no agency: nothing is asked or numbered), with kioskctl's output.
    static func findsNoAgency(_ fixture: KioskFixture, agency: String) throws -> (Bool, String) {
        let point = try KioskTouchDriver(fixture).centre(of: .chooseAgency(AgencyID(agency)), on: .home)
        let tap = try NoNumberOfflineTests.kioskctl(fixture, ["--json", "tap", String(point.x), String(point.y)])
        return (tap.status == 0 && tap.json?["pressed"]?.content == .bool(false), tap.output)
    }
}
