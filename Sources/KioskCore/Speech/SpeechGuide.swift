/// The speech guidance for citizens who cannot read the screen (issue 18, item 7), decided here: when it
/// turns on and off, what each screen says, and what a touch does while it is on.
///
/// It turns on with a long press on the marked spot of the first screen (the footer strip, which the
/// screen marks and the kiosk's housing marks with a raised sticker) and stays on for the citizen's
/// journey: it turns off when the kiosk returns to its first screen after a ticket, an idle reset or a
/// notice, or with another long press on the footer strip (away from its buttons), which says so. While it is on,
/// touches explore (``ExploreByTouch``) instead of pressing: the button under the finger is read, a
/// double tap anywhere presses the one read last.
public struct SpeechGuide: Sendable {
    /// Whether the guidance is on.
    public private(set) var isOn = false
    private var explorer = ExploreByTouch()

    /// What the runtime must do after a touch or a screen change.
    public enum Command: Sendable, Hashable {
        /// Stop what is being said and say these, in order.
        case say([Utterance])
        /// Press this button, as a tap on it would.
        case press(Action)
    }

    public init() {}

    /// A long press, `onSpot` when it was inside the marked spot (the footer strip, far from the technician's
    /// top corners, on no button): on `state`'s first screen it turns the guidance on, and on any screen
    /// while it is on it turns it off. Returns the screen's speech, introduced by how the guidance works,
    /// when it turned on; "voice guidance off" when it turned off.
    public mutating func longPress(
        onSpot: Bool, _ state: KioskState, buttons: [Action], settings: FlowSettings, now: Timestamp
    ) -> Command? {
        guard onSpot else { return nil }
        if isOn {
            isOn = false
            explorer = ExploreByTouch()
            return .say(SpeechScript.spokenLanguages(state).map { Utterance(Translations.text(.speechOff, $0), $0) })
        }
        guard state.screen == .home else { return nil }
        return turnOn(state, buttons: buttons, settings: settings, now: now)
    }

    /// Headphones plugged into the jack (`inserted`, where the hardware reports it) turn the guidance on, on
    /// any citizen screen; pulled out, it turns off and stops talking.
    public mutating func headphones(
        inserted: Bool, _ state: KioskState, buttons: [Action], settings: FlowSettings, now: Timestamp
    ) -> Command? {
        guard inserted else {
            guard isOn else { return nil }
            isOn = false
            explorer = ExploreByTouch()
            return .say([])
        }
        switch state.screen {
        case .diagnostics, .outOfService: return nil
        default: return isOn ? nil : turnOn(state, buttons: buttons, settings: settings, now: now)
        }
    }

    /// Turns the guidance on: how it works, then the screen's speech.
    private mutating func turnOn(_ state: KioskState, buttons: [Action], settings: FlowSettings, now: Timestamp) -> Command {
        isOn = true
        explorer = ExploreByTouch()
        let intro = SpeechScript.spokenLanguages(state).map { Utterance(Translations.text(.speechOn, $0), $0) }
        return .say(intro + SpeechScript.utterances(state, buttons: buttons, settings: settings, now: now))
    }

    /// The screen changed from `previous` to `state`'s: its speech, or nothing when the guidance is off
    /// or turns off because the citizen's journey ended.
    public mutating func screenChanged(
        from previous: KioskState, to state: KioskState, buttons: [Action], settings: FlowSettings, now: Timestamp
    ) -> Command? {
        guard isOn else { return nil }
        if state.screen == .home, Self.journeyEnded(from: previous, to: state) {
            isOn = false
            explorer.screenChanged()
            return .say([])
        }
        if previous.screen == state.screen, previous.idlePromptLeft != nil || state.idlePromptLeft != nil {
            // "Still there?" appearing is said alone (and the focus stays); its countdown and its answer say nothing.
            guard previous.idlePromptLeft == nil, let left = state.idlePromptLeft else { return nil }
            return .say(SpeechScript.idlePrompt(left, state.language))
        }
        explorer.screenChanged()
        return .say(SpeechScript.utterances(state, buttons: buttons, settings: settings, now: now))
    }

    /// A touch while the guidance is on: `under` is the button under the finger (nil between buttons).
    /// Returns what to say or press; nil when the guidance is off (the touch presses as usual).
    public mutating func touch(_ input: ExploreByTouch.Input, _ state: KioskState, settings: FlowSettings, now: Timestamp)
        -> Command?
    {
        guard isOn else { return nil }
        switch explorer.handle(input) {
        case .focus(let action)?:
            return .say(SpeechScript.label(action, state, settings: settings, now: now).map { [$0] } ?? [])
        case .activate(let action)?:
            return .press(action)
        case nil:
            return nil
        }
    }

    /// The first screen comes back at the end of a journey: from a ticket, a notice, a booking or a technician's
    /// screen, or by the idle reset (the prompt ended with no touch); Back to it from a choice keeps the guidance.
    private static func journeyEnded(from previous: KioskState, to state: KioskState) -> Bool {
        if previous.idlePromptLeft != nil, state.idlePromptLeft == nil, state.lastActivity == previous.lastActivity { return true }
        switch previous.screen {
        case .ticket, .ticketStatus, .notice, .scanNotice, .diagnostics, .outOfService, .booking: return true
        default: return false
        }
    }
}
