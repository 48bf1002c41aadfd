import CLinux
import KioskCore
import KioskUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// A screen on the virtual terminal kioskd owns (its standard input is a VT, as with systemd's
/// `TTYPath=`/`StandardInput=tty`): the console stops drawing there (`KD_GRAPHICS`), and a VT switch
/// goes through kioskd (`VT_SETMODE`/`VT_PROCESS`): the kernel sends `SIGUSR1` before it switches
/// away and waits until kioskd has given the card up (``suspend()``, then `VT_RELDISP`); it sends
/// `SIGUSR2` when the kiosk's VT is shown again (`VT_ACKACQ`, then ``resume()``). On close the VT is
/// left in text mode and automatic switching.
public final class VirtualTerminalDisplay: Display {
    private let screen: Display
    private let terminal: Int32

    /// Takes the VT at `terminal` (a descriptor kioskd keeps) for `screen`; nil when it is not a VT or
    /// refuses (then the screen runs without VT handling, as before).
    public init?(_ screen: Display, terminal: Int32) {
        guard clinux_vt_is_terminal(terminal) != 0,
            clinux_vt_set_process_mode(terminal, SIGUSR1, SIGUSR2) == 0
        else { return nil }
        _ = clinux_vt_set_graphics(terminal, 1)
        self.screen = screen
        self.terminal = terminal
    }

    /// The standard input when it is a VT kioskd can take, wrapping `screen`; `screen` itself otherwise.
    public static func onStandardInput(_ screen: Display) -> Display {
        VirtualTerminalDisplay(screen, terminal: 0) ?? screen
    }

    public var size: ScreenSize { screen.size }
    public var stride: Int { screen.stride }
    public var isReady: Bool { screen.isReady }
    public var needsFrame: Bool { screen.needsFrame }
    public var pollDescriptors: [Int32] { screen.pollDescriptors }
    public var health: DisplayHealth { screen.health }
    public func present(_ canvas: Canvas, damage: [Rect]) { screen.present(canvas, damage: damage) }
    public func handleEvents() { screen.handleEvents() }

    /// Gives the card up, then lets the kernel switch away.
    public func suspend() {
        screen.suspend()
        _ = clinux_vt_allow_release(terminal)
    }

    /// Acknowledges the switch back, then takes the card again.
    public func resume() {
        _ = clinux_vt_acknowledge_acquire(terminal)
        screen.resume()
    }

    public func close(lastFrame: Canvas) {
        screen.close(lastFrame: lastFrame)
        _ = clinux_vt_set_graphics(terminal, 0)
        _ = clinux_vt_set_auto_mode(terminal)
    }
}
