import KioskCore

/// Turns an event stream into ``Gesture``s on the screen.
///
/// Understands multitouch protocol B (Documentation/input/multi-touch-protocol.rst: slots,
/// `ABS_MT_SLOT` sent only when it changes, tracking id −1 ends a contact), protocol A (anonymous
/// contacts, each closed by `SYN_MT_REPORT`, followed from frame to frame by nearest position) and
/// single-touch devices (`ABS_X`/`ABS_Y` + `BTN_TOUCH`). A device that sends any multitouch event
/// is read as multitouch and its single-touch emulation is ignored.
///
/// Rules, applied per frame (at each `SYN_REPORT`):
/// - The primary contact is one that touches down while no other (not ignored) contact is on the
///   screen (the lowest slot if several touch down in the same frame). Only the primary makes
///   gestures; other fingers neither make nor cancel them.
/// - A contact still on the screen when the primary lifts never becomes primary.
/// - `SYN_DROPPED`: events up to the next `SYN_REPORT` are dropped and every contact is forgotten;
///   the frame after that is the resynchronisation (``EvdevReader`` fills it with the device's
///   state, a FIFO leaves it empty), and contacts in it are ignored until they lift.
/// - A contact held past the stuck-contact limit is dropped (``advance(to:)``) and ignored until
///   it lifts, so a sticker on the glass does not block the screen.
public struct TouchInput: Sendable {
    /// Slot numbers beyond this are ignored, so a corrupt stream cannot grow the state.
    static let maximumSlots: Int32 = 64

    private var transform: TouchTransform
    private let stuckLimit: Int64
    private var recognizer: GestureRecognizer
    private var usesSlots = false
    private var slots: [Int32: ContactSlot] = [:]
    private var currentSlot: Int32 = 0
    private var singleTouch = ContactSlot()
    private var primary: (slot: Int32, trackingID: Int32)?
    private var isDroppingUntilReport = false
    private var isResyncFrame = false
    private var anonymous = AnonymousContacts()

    /// - Parameters:
    ///   - transform: device position to screen pixel (ranges, calibration, screen).
    ///   - resolution: device units per millimetre on X and Y (`EVIOCGABS`), nil or 0 when unknown.
    ///   - timings: gesture thresholds.
    public init(transform: TouchTransform, resolution: (x: Int32, y: Int32)? = nil, timings: GestureTimings = GestureTimings()) {
        self.transform = transform
        self.stuckLimit = Int64(timings.stuckContactSeconds) * 1_000_000
        self.recognizer = GestureRecognizer(timings: timings, resolution: resolution)
    }

    /// Whether a second tap on the same spot within the debounce window is ignored (true unless the
    /// speech guidance, whose double tap it would swallow, is on).
    public var debouncesTaps: Bool {
        get { recognizer.debounces }
        set { recognizer.debounces = newValue }
    }

    /// An uncalibrated panel with a tap slop of `slop` screen pixels and no resolution.
    public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize, slop: Int = 24) {
        var timings = GestureTimings()
        timings.tapSlopPixels = slop
        self.init(transform: TouchTransform(xRange: xRange, yRange: yRange, screen: screen), timings: timings)
    }

    /// Reads positions through `matrix` from the next event on (a calibration the technician saved):
    /// the same axis ranges and screen. Contacts already down keep going.
    /// - Precondition: `matrix` is invertible.
    public mutating func recalibrate(_ matrix: CalibrationMatrix) {
        let scaler = transform.scaler
        transform = TouchTransform(xRange: scaler.xRange, yRange: scaler.yRange, screen: scaler.screen, matrix: matrix)
    }

    /// The calibration positions are read through.
    public var calibration: CalibrationMatrix { transform.matrix }

    /// Starts from the device's state when it is opened (``EvdevReader/currentState()``): the kernel
    /// sends a value only when it changes, so a reader starting blank would take the first touch at
    /// an unchanged coordinate as 0 (issue 13: seen when kioskd restarts on a real panel). Read as a
    /// resync frame: contacts already down are ignored until they lift.
    /// - Parameter time: now, in microseconds.
    public mutating func start(from state: [InputEvent], at time: Int64) {
        for event in [InputEvent.synDropped, .synReport] + state + [.synReport] { _ = feed(event, at: time) }
    }

    /// Takes the next event; returns the gesture this event completes, if any.
    /// - Parameter time: when the event happened, in microseconds; nil takes the event's own timestamp.
    public mutating func feed(_ event: InputEvent, at time: Int64? = nil) -> Gesture? {
        if isDroppingUntilReport {
            if event.type == InputCode.synchronization && event.code == InputCode.synReport {
                isDroppingUntilReport = false
                isResyncFrame = true
            }
            return nil
        }
        switch (event.type, event.code) {
        case (InputCode.synchronization, InputCode.synReport):
            return endFrame(at: time ?? event.timeMicroseconds)
        case (InputCode.synchronization, InputCode.synDropped):
            forgetContacts()
            isDroppingUntilReport = true
        case (InputCode.synchronization, InputCode.synMTReport):
            usesSlots = true
            anonymous.closeContact()
        case (InputCode.absolute, InputCode.mtSlot):
            usesSlots = true
            currentSlot = (0..<Self.maximumSlots).contains(event.value) ? event.value : -1
        case (InputCode.absolute, InputCode.mtTrackingID):
            usesSlots = true
            guard currentSlot >= 0 else { break }
            slots[currentSlot, default: ContactSlot()].setTrackingID(event.value)
        case (InputCode.absolute, InputCode.mtPositionX):
            anonymous.x = event.value
            if currentSlot >= 0 && !anonymous.isInUse { slots[currentSlot, default: ContactSlot()].x = event.value }
        case (InputCode.absolute, InputCode.mtPositionY):
            anonymous.y = event.value
            if currentSlot >= 0 && !anonymous.isInUse { slots[currentSlot, default: ContactSlot()].y = event.value }
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

    /// Lets time pass with no events: a still finger becomes a long press, and a contact held past
    /// the stuck-contact limit is dropped (reported so the runtime can log it).
    /// - Parameter time: now, in the same clock as `feed`'s times.
    public mutating func advance(to time: Int64) -> [Gesture] {
        var gestures: [Gesture] = []
        if let longPress = recognizer.advance(to: time) { gestures.append(longPress) }
        for (key, contact) in contacts where contact.isActive && !contact.isIgnored && Saturating.subtract(time, contact.since) >= stuckLimit {
            if usesSlots { slots[key]?.isIgnored = true } else { singleTouch.isIgnored = true }
            if let primary, primary.slot == key {
                self.primary = nil
                recognizer.cancel()
            }
            let point = screenPosition(contact.x, contact.y).screen
            gestures.append(
                .contactDropped(
                    TouchPoint(x: point.x, y: point.y, time: time), heldMilliseconds: Int(Saturating.subtract(time, contact.since) / 1000)))
        }
        return gestures
    }

    /// Contacts on the glass now, ignored ones included.
    public var activeContactCount: Int { contacts.values.filter(\.isActive).count }

    private var contacts: [Int32: ContactSlot] { usesSlots ? slots : [0: singleTouch] }

    /// Applies one complete frame: follows or lifts the primary contact, or picks a new one.
    private mutating func endFrame(at time: Int64) -> Gesture? {
        if anonymous.isInUse { anonymous.assign(to: &slots) }
        for key in slots.keys where slots[key]!.begunThisFrame { slots[key]!.since = time }
        if singleTouch.begunThisFrame { singleTouch.since = time }
        let contacts = self.contacts
        var gesture: Gesture?
        if let current = primary, let slot = contacts[current.slot] {
            if slot.endedTrackingID == current.trackingID {
                gesture = recognizer.touchUp(screenPosition(slot.endedPosition.x, slot.endedPosition.y), at: time)
                primary = nil
            } else if slot.trackingID == current.trackingID {
                gesture = recognizer.touchMoved(screenPosition(slot.x, slot.y), at: time)
            } else {
                recognizer.cancel()
                primary = nil
            }
        }
        if isResyncFrame {
            isResyncFrame = false
            for key in slots.keys where slots[key]!.isActive { slots[key]!.isIgnored = true }
            if singleTouch.isActive { singleTouch.isIgnored = true }
        } else if primary == nil {
            let active = contacts.filter { $0.value.isActive && !$0.value.isIgnored }
            if let first = active.min(by: { $0.key < $1.key }), active.allSatisfy({ $0.value.begunThisFrame }) {
                primary = (first.key, first.value.trackingID)
                recognizer.touchDown(screenPosition(first.value.x, first.value.y), at: time)
            }
        }
        for key in slots.keys { slots[key]!.startFrame() }
        singleTouch.startFrame()
        return gesture
    }

    private mutating func forgetContacts() {
        for key in slots.keys { slots[key]!.forget() }
        singleTouch.forget()
        anonymous = AnonymousContacts()
        primary = nil
        recognizer.cancel()
    }

    private func screenPosition(_ x: Int32, _ y: Int32) -> GestureRecognizer.Position {
        let screen = transform.toScreen(x: x, y: y)
        return GestureRecognizer.Position(device: (x, y), screen: screen)
    }
}

/// One multitouch slot (or the single-touch contact) as the frame so far has left it.
struct ContactSlot: Sendable {
    /// The contact in the slot, or −1 when empty. Single-touch uses 0 while `BTN_TOUCH` is down.
    var trackingID: Int32 = -1
    /// Last reported position; the kernel sends a position only when it changes, even across contacts.
    var x: Int32 = 0
    var y: Int32 = 0
    var begunThisFrame = false
    /// When the contact touched down (microseconds).
    var since: Int64 = 0
    /// A contact that never drives the UI: restored after `SYN_DROPPED`, or dropped as stuck.
    var isIgnored = false
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
        isIgnored = false
    }

    mutating func startFrame() {
        begunThisFrame = false
        endedTrackingID = nil
    }

    mutating func forget() {
        trackingID = -1
        isIgnored = false
        startFrame()
    }
}
