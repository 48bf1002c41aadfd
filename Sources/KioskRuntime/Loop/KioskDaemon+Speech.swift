import KioskCore
import KioskDevices
import KioskUI

/// The speech guidance's wiring: touches go to the core's ``SpeechGuide`` while it is on (or could turn
/// on), its commands are said by the ``SpeechWorker`` or pressed like taps.
extension KioskDaemon {
    /// Hands `gesture` to the speech guidance; true when the guidance took it (no button is pressed).
    func speak(_ gesture: Gesture) -> Bool {
        guard speech != nil else { return false }
        if !speechGuide.isOn {
            // Off, only a long press may concern it: a tap goes on to its button untouched.
            guard case .longPress(let point) = gesture, renderer.speechSpot.contains(x: point.x, y: point.y) else { return false }
            let layout = renderer.layout(state, settings: settings, now: Clock.now())
            let command = speechGuide.longPress(
                onSpot: true, state, buttons: layout.buttons.map(\.action), settings: settings, now: Clock.now())
            guard let command else { return false }
            Log.write(.info, "speech guidance on: long press at (\(point.x), \(point.y))")
            touch.debouncesTaps = false
            carryOut(command, layout)
            return true
        }
        let shown = renderer.layout(state, settings: settings, now: Clock.now())
        if case .longPress(let point) = gesture, renderer.speechSpot.contains(x: point.x, y: point.y),
            !shown.buttons.contains(where: { $0.frame.contains(x: point.x, y: point.y) }),
            let command = speechGuide.longPress(
                onSpot: true, state, buttons: shown.buttons.map(\.action), settings: settings, now: Clock.now())
        {
            // The same spot turns it off mid-journey (away from the footer's buttons, which a resting finger reads).
            Log.write(.info, "speech guidance off: long press at (\(point.x), \(point.y))")
            touch.debouncesTaps = true
            carryOut(command, shown)
            return true
        }
        dispatch(.explored, tapAt: nil)
        let layout = renderer.layout(state, settings: settings, now: Clock.now())
        for input in Self.explorerInputs(gesture, layout, longPressMilliseconds: config.input.gestures.longPressMilliseconds) {
            if let command = speechGuide.touch(input, state, settings: settings, now: Clock.now()) { carryOut(command, layout) }
        }
        return true
    }

    /// The screen changed from `previous`: says the new one while the guidance is on.
    func speakScreen(from previous: KioskState) {
        guard speech != nil, speechGuide.isOn else { return }
        let buttons = renderer.layout(state, settings: settings, now: Clock.now()).buttons.map(\.action)
        guard let command = speechGuide.screenChanged(from: previous, to: state, buttons: buttons, settings: settings, now: Clock.now())
        else { return }
        if !speechGuide.isOn {
            touch.debouncesTaps = true
            Log.write(.info, "speech guidance off: the citizen's journey ended")
        }
        carryOut(command, nil)
    }

    /// Opens the headphone jack's plug switch; a failure leaves the long press as the only way in.
    static func openJack(_ path: String) -> HeadphoneJack? {
        do {
            return try HeadphoneJack(path: path)
        } catch {
            Log.write(.warning, "headphone jack \(path) not read, the long press still starts the speech guidance: \(error)")
            return nil
        }
    }

    /// The jack reported plugs: in turns the guidance on (on the screen shown), out turns it off.
    func headphonesChanged() {
        guard let reading = jack else { return }
        let plugs: [Bool]
        do {
            plugs = try reading.drain()
        } catch {
            Log.write(.warning, "headphone jack no longer read, the long press still starts the speech guidance: \(error)")
            jack = nil
            return
        }
        guard speech != nil else { return }
        for inserted in plugs {
            let layout = renderer.layout(state, settings: settings, now: Clock.now())
            guard let command = speechGuide.headphones(
                inserted: inserted, state, buttons: layout.buttons.map(\.action), settings: settings, now: Clock.now())
            else { continue }
            Log.write(.info, inserted ? "speech guidance on: headphones plugged in" : "speech guidance off: headphones unplugged")
            touch.debouncesTaps = !speechGuide.isOn
            carryOut(command, layout)
        }
    }

    /// Time passed with no finger down: a single tap whose double-tap window passed reads its button.
    func speakQuiet(now monotonic: UInt64) {
        guard speech != nil, speechGuide.isOn else { return }
        let quiet = ExploreByTouch.Input.quiet(at: Self.timestamp(microseconds: Int64(monotonic / 1000)))
        if let command = speechGuide.touch(quiet, state, settings: settings, now: Clock.now()) { carryOut(command, nil) }
    }

    private func carryOut(_ command: SpeechGuide.Command, _ layout: ScreenLayout?) {
        switch command {
        case .say(let utterances):
            speech?.say(utterances)
        case .press(let action):
            let buttons = (layout ?? renderer.layout(state, settings: settings, now: Clock.now())).buttons
            guard let button = buttons.first(where: { $0.action == action }) else { return }
            Log.write(.info, "speech guidance: double tap pressed \(action)")
            press(button, readAt: nil)
        }
    }

    /// What the finger did, as explore by touch reads it: each position resolved to the button under it
    /// (greyed ones too: their label says why they are closed). Gesture times are monotonic microseconds.
    static func explorerInputs(_ gesture: Gesture, _ layout: ScreenLayout, longPressMilliseconds: Int) -> [ExploreByTouch.Input] {
        func under(_ point: TouchPoint) -> Action? { layout.buttons.first { $0.frame.contains(x: point.x, y: point.y) }?.action }
        func at(_ point: TouchPoint) -> Timestamp { timestamp(microseconds: point.time) }
        switch gesture {
        case .tap(let point):
            return [.down(under(point), at: at(point)), .up(at: at(point))]
        case .longPress(let point):
            // Recognised once the finger rested `longPressMilliseconds` where it touched down.
            let (rested, overflow) = at(point).millisecondsSinceEpoch.subtractingReportingOverflow(Int64(longPressMilliseconds))
            let down = Timestamp(millisecondsSinceEpoch: overflow ? .min : rested)
            return [.down(under(point), at: down), .hold(at: at(point))]
        case .held(let point, _):
            return [.up(at: at(point))]
        case .drag(.began, let point, _, _):
            return [.down(nil, at: at(point)), .move(under(point), at: at(point))]
        case .drag(.moved, let point, _, _):
            return [.move(under(point), at: at(point))]
        case .drag(.ended, let point, _, _):
            return [.move(under(point), at: at(point)), .up(at: at(point))]
        case .contactDropped(let point, _):
            return [.up(at: at(point))]
        }
    }

    private static func timestamp(microseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: microseconds / 1000) }
}
