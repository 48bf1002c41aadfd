/// How a technician gets into diagnostics and how long it stays open; see kiosk-config/README.md.
public struct DiagnosticsSettings: Sendable, Equatable {
    /// The screen's width in pixels: the hidden gesture's second corner is at its right edge.
    public var screenWidth: Int
    /// The screen's height in pixels: the touch screens place their targets by it.
    public var screenHeight: Int
    /// The side of each corner square of the hidden gesture, in screen pixels.
    public var cornerPixels: Int
    /// Each corner must be held at least this long.
    public var holdMilliseconds: Int
    /// The top-right hold must begin within this many seconds of the top-left one's end.
    public var secondCornerWithinSeconds: Int
    /// Wrong PINs in a row that lock the PIN pad.
    public var wrongPINsBeforeLockout: Int
    /// The first lockout's length; each further lockout doubles it (at most a day).
    public var lockoutSeconds: Int
    /// Diagnostics (and the PIN pad) close by themselves after this long without a touch.
    public var idleExitSeconds: Int

    public init(
        screenWidth: Int, screenHeight: Int = 1920, cornerPixels: Int = 160, holdMilliseconds: Int = 2000, secondCornerWithinSeconds: Int = 10,
        wrongPINsBeforeLockout: Int = 5, lockoutSeconds: Int = 300, idleExitSeconds: Int = 120
    ) {
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
        self.cornerPixels = cornerPixels
        self.holdMilliseconds = holdMilliseconds
        self.secondCornerWithinSeconds = secondCornerWithinSeconds
        self.wrongPINsBeforeLockout = wrongPINsBeforeLockout
        self.lockoutSeconds = lockoutSeconds
        self.idleExitSeconds = idleExitSeconds
    }

    /// The longest lockout: doubling stops here.
    public static let longestLockoutSeconds = 86_400

    /// The length of lockout number `count` (1 for the first): `lockoutSeconds` doubled per lockout
    /// after the first, never more than ``longestLockoutSeconds``.
    public func lockoutLength(_ count: Int) -> Int {
        var seconds = max(1, lockoutSeconds)
        for _ in 1..<max(1, min(count, 32)) {
            seconds = min(Self.longestLockoutSeconds, seconds.multipliedReportingOverflow(by: 2).partialValue)
        }
        return min(Self.longestLockoutSeconds, seconds)
    }
}
