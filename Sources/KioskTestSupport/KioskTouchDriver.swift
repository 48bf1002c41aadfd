import Foundation
import KioskCore
import KioskDevices
import KioskUI

/// Touches a running kiosk's virtual touchscreen (its FIFO) where a citizen's finger would go.
///
/// Button positions come from the same layout the kiosk hit-tests with, so a test presses
/// "the ktp-el button" rather than hard-coded pixels.
public final class KioskTouchDriver {
    private let fifoPath: String
    private let scaler: AxisScaler
    /// How the simulated panel reports a finger: the calibration that would read it right (identity:
    /// a panel that needs none). A test of calibration sets a distortion here.
    public var panel = CalibrationMatrix.identity
    private let renderer: ScreenRenderer
    private var settings: FlowSettings
    let screen: ScreenSize
    private var trackingID: Int32 = 100
    /// The printer's condition as the kiosk shows it (a printer that cannot print moves the first
    /// screen's agencies down, under its notice).
    public var printer: PrinterCondition = .unknown
    /// Whether the kiosk's configuration allows numbers shown on screen only (`printer.allowScreenOnlyTickets`).
    public var allowScreenOnlyTickets: Bool {
        get { settings.allowScreenOnlyTickets }
        set { settings.allowScreenOnlyTickets = newValue }
    }

    /// Whether the kiosk is linked to a queue server (its first screen offers the survey).
    public var linked: Bool {
        get { settings.linked }
        set { settings.linked = newValue }
    }

    /// A driver for the kiosk described by `fixture`.
    public init(_ fixture: KioskFixture) throws {
        fifoPath = fixture.fifoPath
        screen = fixture.screen
        let range = AxisRange(minimum: 0, maximum: 32767)
        scaler = AxisScaler(xRange: range, yRange: range, screen: fixture.screen)
        renderer = try ScreenRenderer(
            size: fixture.screen, mallName: LocalizedText(indonesian: "", english: ""), kioskID: "TEST-K01")
        let capacity = LayoutMetrics.pageCapacity(for: fixture.screen)
        settings = FlowSettings(
            catalogue: fixture.catalogue, timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10,
            agenciesPerPage: capacity.agencies, servicesPerPage: capacity.services)
        settings.diagnostics = DiagnosticsSettings(screenWidth: fixture.screen.width, screenHeight: fixture.screen.height)
    }

    /// Taps the button for `action` as laid out on `screen`.
    public func press(_ action: Action, on screen: Screen, language: Language = .indonesian) throws {
        let point = try centre(of: action, on: screen, language: language)
        try tap(x: point.x, y: point.y)
    }

    /// The screen point at the centre of the button for `action` as laid out on `screen`.
    public func centre(of action: Action, on screen: Screen, language: Language = .indonesian) throws -> (x: Int, y: Int) {
        var state = KioskState()
        state.screen = screen
        state.language = language
        let frame = try button(action, in: state)
        return (frame.x + frame.width / 2, frame.y + frame.height / 2)
    }

    /// Taps the centre of the button for `action` as laid out for `state` (a screen whose buttons
    /// depend on more than the screen: a calibration's outcome, an Undo that is possible).
    public func press(_ action: Action, in state: KioskState) throws {
        let frame = try button(action, in: state)
        try tap(x: frame.x + frame.width / 2, y: frame.y + frame.height / 2)
    }

    /// The frame of the enabled button for `action` as laid out for `state` (with this driver's printer condition).
    public func button(_ action: Action, in state: KioskState) throws -> Rect {
        var state = state
        state.printer = printer
        let layout = renderer.layout(state, settings: settings, now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        guard let button = layout.buttons.first(where: { $0.action == action && $0.enabled }) else {
            throw DriverError(description: "no enabled button for \(action) on \(state.screen)")
        }
        return button.frame
    }

    /// Walks from the first screen to a ticket for `service` of `agency`, in Indonesian (an
    /// agency with one service gives its ticket at the first tap).
    public func takeTicket(agency: String, service: String) throws {
        try press(.chooseAgency(AgencyID(agency)), on: .home)
        guard settings.catalogue.agency(AgencyID(agency))?.services.count != 1 else { return }
        try press(.chooseService(ServiceID(service)), on: .services(AgencyID(agency), page: 0))
    }

    /// Presses "Done" on the ticket screen (its place does not depend on which ticket is shown).
    public func finishTicket() throws {
        let point = try centreOfDone()
        try tap(x: point.x, y: point.y)
    }

    /// The screen point of "Done" on the ticket screen.
    public func centreOfDone() throws -> (x: Int, y: Int) {
        let shown = Ticket(
            id: TicketID(randomBytes: [UInt8](repeating: 7, count: 16)), serviceID: ServiceID("any"),
            agencyID: AgencyID("any"), day: "2026-12-01", sequence: 1, number: "A-001",
            issuedAt: Timestamp(secondsSinceEpoch: 0), peopleAhead: nil, language: .indonesian)
        return try centre(of: .done, on: .ticket(shown, .printed))
    }

    /// Touches screen point (`x`, `y`), holds the finger there `seconds`, then lifts it.
    public func hold(x: Int, y: Int, seconds: Double) throws {
        trackingID += 1
        let events = SyntheticTouch.tap(device: device(x: x, y: y), trackingID: trackingID)
        let lift = events.count - 3  // the release frame: tracking id −1, BTN_TOUCH 0, SYN_REPORT
        try send(InputEventCodec.encode(Array(events[..<lift])))
        usleep(UInt32(seconds * 1_000_000))  // the hold itself: kioskd times it by the clock
        try send(InputEventCodec.encode(Array(events[lift...])))
    }

    /// Writes a multitouch tap at screen point (`x`, `y`) into the FIFO, waiting up to 10 s for a reader.
    public func tap(x: Int, y: Int) throws {
        trackingID += 1
        try send(InputEventCodec.encode(SyntheticTouch.tap(device: device(x: x, y: y), trackingID: trackingID)))
    }

    /// Where the panel reports a finger on screen point (`x`, `y`).
    public func device(x: Int, y: Int) -> (x: Int32, y: Int32) {
        TouchTransform(xRange: scaler.xRange, yRange: scaler.yRange, screen: screen, matrix: panel).toDevice(x: x, y: y)
    }

    /// Drags a finger through `points` (screen pixels), one frame each, then lifts it.
    public func drag(through points: [(x: Int, y: Int)]) throws {
        guard let first = points.first else { return }
        trackingID += 1
        var events = Array(SyntheticTouch.tap(device: device(x: first.x, y: first.y), trackingID: trackingID).dropLast(3))
        for point in points.dropFirst() {
            let at = device(x: point.x, y: point.y)
            events += [.absolute(InputCode.mtPositionX, at.x), .absolute(InputCode.mtPositionY, at.y), .synReport]
        }
        events += [.absolute(InputCode.mtTrackingID, -1), .key(InputCode.buttonTouch, 0), .synReport]
        try send(InputEventCodec.encode(events))
    }

    private func send(_ bytes: [UInt8]) throws {
        let deadline = Date().addingTimeInterval(10)
        var fd: Int32 = -1
        while fd < 0 {
            fd = open(fifoPath, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if fd < 0 {
                guard Date() < deadline else { throw DriverError(description: "nobody reads \(fifoPath)") }
                usleep(5_000)
            }
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw DriverError(description: "short write to \(fifoPath)") }
    }
}

/// A test could not drive the kiosk as asked.
public struct DriverError: Error, CustomStringConvertible {
    public var description: String
}

extension KioskTouchDriver {
    /// The touch plan of a walk to a `service` ticket of `agency` for a guest that taps by name: one
    /// "NAME X Y" line each for `agency`, `service` and `done`, from the layout kioskd hit-tests with.
    public func walkPlan(agency: String, service: String) throws -> [String] {
        let agency = AgencyID(agency)
        let points: [(String, (x: Int, y: Int))] = [
            ("agency", try centre(of: .chooseAgency(agency), on: .home)),
            ("service", try centre(of: .chooseService(ServiceID(service)), on: .services(agency, page: 0))),
            ("done", try centreOfDone()),
        ]
        return points.map { "\($0.0) \($0.1.x) \($0.1.y)" }
    }
}
