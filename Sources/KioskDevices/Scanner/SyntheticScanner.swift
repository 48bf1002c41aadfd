/// Key events a keyboard-wedge scanner sends for a code, for `kioskctl`, demos and tests.
public enum SyntheticScanner {
    /// The events for typing `text` (printable ASCII) on the US layout, then the suffix key.
    ///
    /// - Parameters:
    ///   - shiftPerCharacter: press and release Shift around each shifted character, as many
    ///     scanners do, instead of holding it across a run of capitals.
    ///   - startMicroseconds: timestamp of the first event; keys follow 2 ms apart.
    /// - Returns: nil when `text` has a character the layout cannot type.
    public static func type(
        _ text: String, suffix: ScanFraming.Suffix = .enter, shiftPerCharacter: Bool = true,
        startMicroseconds: Int64 = 0
    ) -> [InputEvent]? {
        var events: [InputEvent] = []
        var time = startMicroseconds
        var shiftHeld = false
        func key(_ code: UInt16, _ value: Int32) {
            events.append(InputEvent(seconds: time / 1_000_000, microseconds: time % 1_000_000, type: InputCode.key, code: code, value: value))
            events.append(InputEvent(seconds: time / 1_000_000, microseconds: time % 1_000_000, type: InputCode.synchronization, code: InputCode.synReport, value: 0))
        }
        for byte in text.utf8 {
            guard let (code, shifted) = keyFor[byte] else { return nil }
            if shifted != shiftHeld {
                key(USKeymap.leftShift, shifted ? 1 : 0)
                shiftHeld = shifted
            }
            key(code, 1)
            key(code, 0)
            if shiftPerCharacter && shiftHeld {
                key(USKeymap.leftShift, 0)
                shiftHeld = false
            }
            time += 2000
        }
        if shiftHeld { key(USKeymap.leftShift, 0) }
        switch suffix {
        case .enter: key(USKeymap.enter, 1); key(USKeymap.enter, 0)
        case .tab: key(USKeymap.tab, 1); key(USKeymap.tab, 0)
        case .none: break
        }
        return events
    }

    /// Byte → (key code, needs Shift), the inverse of ``USKeymap``, main keys preferred over the keypad.
    private static let keyFor: [UInt8: (UInt16, Bool)] = {
        var map: [UInt8: (UInt16, Bool)] = [:]
        for (code, pair) in USKeymap.characters.sorted(by: { $0.key < $1.key }) {
            if map[pair.0] == nil { map[pair.0] = (code, false) }
            if map[pair.1] == nil { map[pair.1] = (code, true) }
        }
        return map
    }()
}
