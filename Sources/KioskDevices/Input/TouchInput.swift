import KioskCore

/// Turns an event stream into taps on the screen.
///
/// Understands multitouch protocol B (Documentation/input/multi-touch-protocol.rst: slots,
/// `ABS_MT_SLOT` sent only when it changes, tracking id −1 ends a contact) and single-touch
/// devices (`ABS_X`/`ABS_Y` + `BTN_TOUCH`). A device that sends any `ABS_MT_SLOT` or
/// `ABS_MT_TRACKING_ID` is read as multitouch and its single-touch emulation is ignored.
///
/// Rules, applied per frame (at each `SYN_REPORT`):
/// - The primary contact is one that touches down while no other contact is on the screen (the
///   lowest slot if several touch down in the same frame). Only the primary makes taps; other
///   fingers neither tap nor cancel the primary's tap.
/// - The primary taps in the frame that lifts it if it never moved `slop` screen pixels or more
///   from where it touched down; the tap is at the touch-down position.
/// - A contact still on the screen when the primary lifts never becomes primary.
/// - `SYN_DROPPED`: events up to the next `SYN_REPORT` are dropped and every contact is forgotten,
///   so a contact in progress makes no tap.
public struct TouchInput: Sendable {
    private let scaler: AxisScaler
    private let slop: Int
    private var usesSlots = false
    private var slots: [Int32: ContactSlot] = [:]
    private var currentSlot: Int32 = 0
    private var singleTouch = ContactSlot()
    private var primary: PrimaryContact?
    private var isDroppingUntilReport = false

    /// - Parameters:
    ///   - xRange, yRange: what the device reports on its X and Y axes.
    ///   - screen: the screen the taps are for.
    ///   - slop: movement in screen pixels from which a touch is a drag, not a tap.
    public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize, slop: Int = 24) {
        self.scaler = AxisScaler(xRange: xRange, yRange: yRange, screen: screen)
        self.slop = slop
    }

    /// Takes the next event; returns the tap this event completes, if any.
    public mutating func feed(_ event: InputEvent) -> Tap? {
        if isDroppingUntilReport {
            if event.type == InputCode.synchronization && event.code == InputCode.synReport {
                isDroppingUntilReport = false
            }
            return nil
        }
        switch (event.type, event.code) {
        case (InputCode.synchronization, InputCode.synReport):
            return endFrame()
        case (InputCode.synchronization, InputCode.synDropped):
            forgetContacts()
            isDroppingUntilReport = true
        case (InputCode.absolute, InputCode.mtSlot):
            usesSlots = true
            currentSlot = event.value
        case (InputCode.absolute, InputCode.mtTrackingID):
            usesSlots = true
            slots[currentSlot, default: ContactSlot()].setTrackingID(event.value)
        case (InputCode.absolute, InputCode.mtPositionX):
            slots[currentSlot, default: ContactSlot()].x = event.value
        case (InputCode.absolute, InputCode.mtPositionY):
            slots[currentSlot, default: ContactSlot()].y = event.value
        case (InputCode.absolute, InputCode.absX):
            singleTouch.x = event.value
        case (InputCode.absolute, InputCode.absY):
            singleTouch.y = event.value
        case (InputCode.key, InputCode.buttonTouch):
            singleTouch.setTrackingID(event.value != 0 ? 0 : -1)
        default:
            break
        }
        return nil
    }

    /// Applies one complete frame: follows or lifts the primary contact, or picks a new one.
    private mutating func endFrame() -> Tap? {
        let contacts = usesSlots ? slots : [0: singleTouch]
        var tap: Tap?
        if var contact = primary, let slot = contacts[contact.slot] {
            if slot.endedTrackingID == contact.trackingID {
                contact.follow(to: screenPoint(slot.endedPosition), slop: slop)
                tap = contact.isTap ? contact.down : nil
                primary = nil
            } else if slot.trackingID == contact.trackingID {
                contact.follow(to: screenPoint((slot.x, slot.y)), slop: slop)
                primary = contact
            } else {
                primary = nil
            }
        }
        if primary == nil {
            let active = contacts.filter { $0.value.isActive }
            if let first = active.min(by: { $0.key < $1.key }), active.allSatisfy({ $0.value.begunThisFrame }) {
                primary = PrimaryContact(
                    slot: first.key, trackingID: first.value.trackingID,
                    down: screenPoint((first.value.x, first.value.y)))
            }
        }
        for key in slots.keys { slots[key]?.startFrame() }
        singleTouch.startFrame()
        return tap
    }

    private mutating func forgetContacts() {
        for key in slots.keys { slots[key]?.forget() }
        singleTouch.forget()
        primary = nil
    }

    private func screenPoint(_ device: (x: Int32, y: Int32)) -> Tap {
        let point = scaler.toScreen(x: device.x, y: device.y)
        return Tap(x: point.x, y: point.y)
    }
}

/// One multitouch slot (or the single-touch contact) as the frame so far has left it.
private struct ContactSlot: Sendable {
    /// The contact in the slot, or −1 when empty. Single-touch uses 0 while `BTN_TOUCH` is down.
    var trackingID: Int32 = -1
    /// Last reported position; the kernel sends a position only when it changes, even across contacts.
    var x: Int32 = 0
    var y: Int32 = 0
    var begunThisFrame = false
    /// The contact that left this slot during the frame, and where it was then.
    var endedTrackingID: Int32?
    var endedPosition: (x: Int32, y: Int32) = (0, 0)

    var isActive: Bool { trackingID >= 0 }

    mutating func setTrackingID(_ newID: Int32) {
        guard newID != trackingID else { return }
        if isActive && endedTrackingID == nil {
            endedTrackingID = trackingID
            endedPosition = (x, y)
        }
        trackingID = newID
        begunThisFrame = newID >= 0
    }

    mutating func startFrame() {
        begunThisFrame = false
        endedTrackingID = nil
    }

    mutating func forget() {
        trackingID = -1
        startFrame()
    }
}

/// The contact that drives the UI: where it touched down and whether it has strayed too far to tap.
private struct PrimaryContact: Sendable {
    let slot: Int32
    let trackingID: Int32
    let down: Tap
    private(set) var isTap = true

    init(slot: Int32, trackingID: Int32, down: Tap) {
        self.slot = slot
        self.trackingID = trackingID
        self.down = down
    }

    mutating func follow(to point: Tap, slop: Int) {
        let dx = point.x - down.x
        let dy = point.y - down.y
        if dx * dx + dy * dy >= slop * slop { isTap = false }
    }
}
