import KioskCore
import KioskDisplay
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A screen is put on a VT only when kioskd's standard input is one; a pipe or a pseudo-terminal (the
/// demo in a terminal emulator, the tests, CI) leaves the screen as it is. The VT itself, its switches
/// and `VT_RELDISP` are exercised in the VM rig (`display-drm.vt-switch`).
@Suite struct VirtualTerminalDisplayTests {
    private func snapshot() throws -> HeadlessDisplay {
        try HeadlessDisplay(snapshotPath: "/tmp/kioskd-vt-\(getpid()).png", size: ScreenSize(width: 64, height: 48))
    }

    @Test func aPipeIsNoVirtualTerminal() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        #expect(VirtualTerminalDisplay(try snapshot(), terminal: ends[0]) == nil)
    }

    @Test func aPseudoTerminalIsNoVirtualTerminal() throws {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        #expect(master >= 0)
        defer { close(master) }
        #expect(VirtualTerminalDisplay(try snapshot(), terminal: master) == nil)
    }

    @Test func withoutAVirtualTerminalOnStandardInputTheScreenIsUnwrapped() throws {
        let screen = try snapshot()
        let chosen = VirtualTerminalDisplay.onStandardInput(screen)
        let terminal = ttyname(0).map { String(cString: $0) } ?? "none"
        let onVirtualTerminal = terminal.hasPrefix("/dev/tty") && terminal.dropFirst(8).allSatisfy(\.isNumber) && terminal.count > 8
        #expect(onVirtualTerminal || chosen === screen, "standard input \(terminal) is no VT, yet the screen was wrapped")
    }
}
