/// The kiosk's palette: calm, and every text colour at least 7:1 against what it is drawn on
/// (WCAG AAA), checked by `ContrastAndTargetTests`.
enum Theme {
    static let background = Color(hex: 0xF3F5F9)
    static let header = Color(hex: 0x0B3D91)
    static let headerText = Color.white
    static let headerDetail = Color(hex: 0xDCE6F7)
    static let title = Color(hex: 0x0B1F3A)
    static let secondaryText = Color(hex: 0x3D4757)

    static let button = Color(hex: 0x0F4AA0)
    static let buttonText = Color.white
    static let buttonSecondaryText = Color(hex: 0xE6EEFB)
    /// Back, Previous, Next: white with a blue outline, so they do not compete with the choices.
    static let navigation = Color.white
    /// Dark enough to stay 7:1 on `navigationPressed` too (the label of a pressed Back, Next or
    /// ID | EN key), not only on white.
    static let navigationText = Color(hex: 0x0A3270)
    /// A button under the citizen's finger: darker, so the touch is seen before the screen changes.
    static let buttonPressed = Color(hex: 0x0B3A80)
    /// Previous and Next: light blue and borderless, unlike Back.
    static let paging = Color(hex: 0xD6E2F7)
    static let navigationPressed = Color(hex: 0xC9D7F2)
    static let disabled = Color(hex: 0xDDE1E8)
    static let disabledText = Color(hex: 0x3A424E)
    static let disabledStatus = Color(hex: 0x7A2510)

    /// Darkens the screen behind the "Still there?" prompt.
    static let scrim = Color(hex: 0x2A3445)
    static let panel = Color(hex: 0xE3ECFB)
    static let number = Color(hex: 0x0B3D91)
    static let progress = Color(hex: 0x0F4AA0)
    static let success = Color(hex: 0x0F5226)
    static let warning = Color(hex: 0x961B14)
    static let sampleBand = Color(hex: 0xF6B300)
    static let sampleText = Color(hex: 0x1A1A1A)
}
