import CLinux

/// The US keyboard layout, as barcode scanners in keyboard-wedge mode type: key code → the
/// character without and with Shift (linux/input-event-codes.h names the keys).
enum USKeymap {
    /// (unshifted, shifted) for each printable key.
    static let characters: [UInt16: (UInt8, UInt8)] = {
        var map: [UInt16: (UInt8, UInt8)] = [:]
        func add(_ code: Int32, _ plain: Character, _ shifted: Character) {
            map[UInt16(code)] = (plain.asciiValue!, shifted.asciiValue!)
        }
        let letters: [(Int32, Character)] = [
            (KEY_A, "a"), (KEY_B, "b"), (KEY_C, "c"), (KEY_D, "d"), (KEY_E, "e"), (KEY_F, "f"), (KEY_G, "g"),
            (KEY_H, "h"), (KEY_I, "i"), (KEY_J, "j"), (KEY_K, "k"), (KEY_L, "l"), (KEY_M, "m"), (KEY_N, "n"),
            (KEY_O, "o"), (KEY_P, "p"), (KEY_Q, "q"), (KEY_R, "r"), (KEY_S, "s"), (KEY_T, "t"), (KEY_U, "u"),
            (KEY_V, "v"), (KEY_W, "w"), (KEY_X, "x"), (KEY_Y, "y"), (KEY_Z, "z"),
        ]
        for (code, letter) in letters { add(code, letter, Character(letter.uppercased())) }
        let others: [(Int32, Character, Character)] = [
            (KEY_1, "1", "!"), (KEY_2, "2", "@"), (KEY_3, "3", "#"), (KEY_4, "4", "$"), (KEY_5, "5", "%"),
            (KEY_6, "6", "^"), (KEY_7, "7", "&"), (KEY_8, "8", "*"), (KEY_9, "9", "("), (KEY_0, "0", ")"),
            (KEY_MINUS, "-", "_"), (KEY_EQUAL, "=", "+"), (KEY_LEFTBRACE, "[", "{"), (KEY_RIGHTBRACE, "]", "}"),
            (KEY_SEMICOLON, ";", ":"), (KEY_APOSTROPHE, "'", "\""), (KEY_GRAVE, "`", "~"), (KEY_BACKSLASH, "\\", "|"),
            (KEY_COMMA, ",", "<"), (KEY_DOT, ".", ">"), (KEY_SLASH, "/", "?"), (KEY_SPACE, " ", " "),
            (KEY_KP0, "0", "0"), (KEY_KP1, "1", "1"), (KEY_KP2, "2", "2"), (KEY_KP3, "3", "3"), (KEY_KP4, "4", "4"),
            (KEY_KP5, "5", "5"), (KEY_KP6, "6", "6"), (KEY_KP7, "7", "7"), (KEY_KP8, "8", "8"), (KEY_KP9, "9", "9"),
            (KEY_KPMINUS, "-", "-"), (KEY_KPPLUS, "+", "+"), (KEY_KPDOT, ".", "."), (KEY_KPSLASH, "/", "/"),
            (KEY_KPASTERISK, "*", "*"),
        ]
        for (code, plain, shifted) in others { add(code, plain, shifted) }
        return map
    }()

    static let leftShift = UInt16(KEY_LEFTSHIFT)
    static let rightShift = UInt16(KEY_RIGHTSHIFT)
    static let capsLock = UInt16(KEY_CAPSLOCK)
    static let leftControl = UInt16(KEY_LEFTCTRL)
    static let rightControl = UInt16(KEY_RIGHTCTRL)
    static let enter = UInt16(KEY_ENTER)
    static let keypadEnter = UInt16(KEY_KPENTER)
    static let tab = UInt16(KEY_TAB)
}
