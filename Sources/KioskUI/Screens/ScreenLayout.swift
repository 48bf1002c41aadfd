import KioskCore

/// Buttons and their actions for one screen; hit-testing.
public struct ScreenLayout: Sendable, Equatable {
    /// A touch target: where it is, what pressing it does, and whether it takes presses.
    public struct Button: Sendable, Equatable {
        /// Where the button is drawn and touched, in screen pixels.
        public var frame: Rect
        /// What pressing it asks the flow to do.
        public var action: Action
        /// False for a button drawn greyed out (a closed or full service): touching it does nothing.
        public var enabled: Bool

        public init(frame: Rect, action: Action, enabled: Bool = true) {
            self.frame = frame
            self.action = action
            self.enabled = enabled
        }
    }

    /// Every button on the screen, enabled or not, in drawing order.
    public var buttons: [Button]

    public init(buttons: [Button]) { self.buttons = buttons }

    /// The action of the enabled button under (x, y), if any.
    public func action(atX x: Int, y: Int) -> Action? {
        buttons.first { $0.enabled && $0.frame.contains(x: x, y: y) }?.action
    }
}
