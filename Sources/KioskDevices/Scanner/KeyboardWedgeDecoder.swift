/// Turns the key events of a USB HID scanner in keyboard-wedge mode into scans.
///
/// Tracks Shift and Caps Lock per event (some scanners press and release Shift around every
/// character), ignores autorepeat (value 2), ends a scan at the suffix key or when the pause
/// between keys exceeds the gap, and treats Control combinations as the control bytes they are,
/// so the classifier refuses them.
///
/// `SYN_DROPPED` (the kernel's buffer overran): key events up to the next `SYN_REPORT` are
/// incomplete and dropped, Shift, Control and Caps Lock go back to released and off (a lost
/// release would otherwise leave every later code in the wrong case), and the scan the drop cut
/// is discarded whole, up to its suffix or gap. The frame after the drop is the resynchronisation
/// (``EvdevReader`` fills it with the device's state): a modifier reported held there is held;
/// other keys in it type nothing.
public struct KeyboardWedgeDecoder: Sendable {
    private let framing: ScanFraming
    private let limit: Int
    private var pending: [UInt8] = []
    private var unmapped = false
    private var shiftsDown: Set<UInt16> = []
    private var controlsDown: Set<UInt16> = []
    private var capsLock = false
    private var lastKeyMicroseconds: Int64?
    private var isDroppingUntilReport = false
    private var isResyncFrame = false
    /// The scan in progress lost keys to a `SYN_DROPPED`: its remaining keys are discarded.
    private var isDiscardingScan = false

    /// - Parameter limit: bytes kept per scan; longer scans are cut at `limit + 1` bytes.
    public init(framing: ScanFraming, limit: Int = 512) {
        self.framing = framing
        self.limit = limit
    }

    /// Feeds one event; returns the scans it completes (a gap before this key ends the previous
    /// scan; the suffix key ends this one).
    public mutating func feed(_ event: InputEvent) -> [RawScan] {
        if event.type == InputCode.synchronization {
            synchronize(event)
            return []
        }
        guard event.type == InputCode.key, event.value != 2, !isDroppingUntilReport else { return [] }  // 2 is autorepeat.
        if isResyncFrame {
            if event.value == 1 { holdModifier(event.code) }
            return []
        }
        var scans: [RawScan] = []
        let time = event.timeMicroseconds
        let gap = Saturating.multiply(Int64(framing.gapMilliseconds), 1000)
        if event.value == 1, let last = lastKeyMicroseconds, Saturating.subtract(time, last) > gap, let scan = finish() {
            scans.append(scan)
        }
        let pressed = event.value == 1
        switch event.code {
        case USKeymap.leftShift, USKeymap.rightShift:
            if pressed { shiftsDown.insert(event.code) } else { shiftsDown.remove(event.code) }
        case USKeymap.leftControl, USKeymap.rightControl:
            if pressed { controlsDown.insert(event.code) } else { controlsDown.remove(event.code) }
        case USKeymap.capsLock:
            if pressed { capsLock.toggle() }
        default:
            guard pressed else { break }
            lastKeyMicroseconds = time
            if isDiscardingScan {
                if isSuffix(event.code) { isDiscardingScan = false }
            } else if let scan = type(event.code) {
                scans.append(scan)
            }
        }
        return scans
    }

    /// `SYN_DROPPED` starts a resync; the `SYN_REPORT`s after it end the dropped events, then the
    /// resynchronisation frame.
    private mutating func synchronize(_ event: InputEvent) {
        switch event.code {
        case InputCode.synDropped:
            shiftsDown = []
            controlsDown = []
            capsLock = false
            isDiscardingScan = true
            lastKeyMicroseconds = event.timeMicroseconds  // A gap from here ends the discarding too.
            pending.removeAll(keepingCapacity: true)
            unmapped = false
            isDroppingUntilReport = true
            isResyncFrame = false
        case InputCode.synReport where isDroppingUntilReport:
            isDroppingUntilReport = false
            isResyncFrame = true
        case InputCode.synReport:
            isResyncFrame = false
        default:
            break
        }
    }

    private mutating func holdModifier(_ code: UInt16) {
        switch code {
        case USKeymap.leftShift, USKeymap.rightShift: shiftsDown.insert(code)
        case USKeymap.leftControl, USKeymap.rightControl: controlsDown.insert(code)
        default: break
        }
    }

    /// Ends the scan in progress (the gap elapsed with no suffix); nil when nothing is pending.
    public mutating func finish() -> RawScan? {
        isDiscardingScan = false
        guard !pending.isEmpty || unmapped else { return nil }
        defer {
            pending.removeAll(keepingCapacity: true)
            unmapped = false
            lastKeyMicroseconds = nil
        }
        return RawScan(bytes: framing.payload(of: pending), hadUnmappedKeys: unmapped)
    }

    /// Whether a scan is in progress (the runtime then watches the gap).
    public var isScanning: Bool { !pending.isEmpty || unmapped }

    private mutating func type(_ code: UInt16) -> RawScan? {
        if isSuffix(code) { return finish() }
        if code == USKeymap.enter || code == USKeymap.keypadEnter || code == USKeymap.tab {
            append(code == USKeymap.tab ? 0x09 : 0x0D)  // Not this scanner's suffix: a control byte.
            return nil
        }
        guard let (plain, shifted) = USKeymap.characters[code] else {
            unmapped = true
            return nil
        }
        let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(plain)
        var upper = !shiftsDown.isEmpty
        if isLetter && capsLock { upper.toggle() }
        var byte = upper ? shifted : plain
        if !controlsDown.isEmpty, isLetter || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "[") {
            byte = (isLetter ? shifted : byte) & 0x1F  // Ctrl+letter → 0x01…0x1A, Ctrl+] → GS.
        }
        append(byte)
        return nil
    }

    private mutating func append(_ byte: UInt8) {
        if pending.count <= limit { pending.append(byte) }
    }

    private func isSuffix(_ code: UInt16) -> Bool {
        switch framing.suffix {
        case .enter: code == USKeymap.enter || code == USKeymap.keypadEnter
        case .tab: code == USKeymap.tab
        case .none: false
        }
    }
}
