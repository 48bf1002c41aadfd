import KioskCore

/// The frame that restores a device's state after `SYN_DROPPED`, as libevdev's sync does: each
/// slot's tracking id and position, the current slot, `ABS_X`/`ABS_Y`, `BTN_TOUCH`, and the Shift
/// and Control keys held (a keyboard-wedge scanner's modifiers, ``KeyboardWedgeDecoder``).
///
/// Only the axes the device has (its `EVIOCGBIT(EV_ABS)` bits) are asked: the kernel answers
/// `EVIOCGABS` for any axis of a device that has some absolute axis, with zeros for the ones it
/// lacks, so a single-touch panel would otherwise get a slot frame and be read as multitouch
/// from then on (issue 13, found on a real uinput panel in the VM rig).
public enum ResyncFrame {
    /// What the device says about its state now.
    public struct Answers {
        /// `EVIOCGABS`: current value and maximum of an axis, nil if the query fails.
        public var axis: (UInt16) -> (value: Int32, maximum: Int32)?
        /// `EVIOCGMTSLOTS`: one value of code `code` per slot for `count` slots.
        public var slots: (_ code: UInt16, _ count: Int) -> [Int32]
        /// `EVIOCGKEY`: whether `BTN_TOUCH` is down.
        public var touching: Bool
        /// `EVIOCGKEY`: whether a key is down now (asked for the modifiers only).
        public var keyDown: (UInt16) -> Bool

        public init(
            axis: @escaping (UInt16) -> (value: Int32, maximum: Int32)?, slots: @escaping (UInt16, Int) -> [Int32],
            touching: Bool, keyDown: @escaping (UInt16) -> Bool = { _ in false }
        ) {
            self.axis = axis
            self.slots = slots
            self.touching = touching
            self.keyDown = keyDown
        }
    }

    /// The keys whose held state outlives a frame and changes what later keys type.
    public static let modifierKeys = [USKeymap.leftShift, USKeymap.rightShift, USKeymap.leftControl, USKeymap.rightControl]

    /// The state events (without `SYN_REPORT`) for a device with `capabilities`.
    public static func events(capabilities: DeviceCapabilities, answers: Answers) -> [InputEvent] {
        let absolute = InputCode.absolute
        var events: [InputEvent] = []
        if capabilities.has(absolute, InputCode.mtSlot), let slot = answers.axis(InputCode.mtSlot) {
            let count = Int(min(max(slot.maximum, 0), TouchInput.maximumSlots - 1)) + 1
            let ids = padded(answers.slots(InputCode.mtTrackingID, count), count, with: -1)
            let xs = padded(answers.slots(InputCode.mtPositionX, count), count, with: 0)
            let ys = padded(answers.slots(InputCode.mtPositionY, count), count, with: 0)
            for index in 0..<count {
                events += [
                    .absolute(InputCode.mtSlot, Int32(index)), .absolute(InputCode.mtPositionX, xs[index]),
                    .absolute(InputCode.mtPositionY, ys[index]), .absolute(InputCode.mtTrackingID, ids[index]),
                ]
            }
            events.append(.absolute(InputCode.mtSlot, slot.value))
        }
        if capabilities.has(absolute, InputCode.absX), capabilities.has(absolute, InputCode.absY),
            let x = answers.axis(InputCode.absX), let y = answers.axis(InputCode.absY)
        {
            events += [.absolute(InputCode.absX, x.value), .absolute(InputCode.absY, y.value)]
        }
        if capabilities.has(InputCode.key, InputCode.buttonTouch) {
            events.append(.key(InputCode.buttonTouch, answers.touching ? 1 : 0))
        }
        // Issue 13: without these a Shift held across the drop was forgotten for the rest of the scan.
        for key in modifierKeys where capabilities.has(InputCode.key, key) && answers.keyDown(key) {
            events.append(.key(key, 1))
        }
        return events
    }

    private static func padded(_ values: [Int32], _ count: Int, with filler: Int32) -> [Int32] {
        Array(values.prefix(count)) + [Int32](repeating: filler, count: max(0, count - values.count))
    }
}
