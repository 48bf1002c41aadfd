import KioskCore
import Testing

private typealias F = ConfigFixtures

/// The display keys: rotation, mode and the VNC view.
@Suite struct ConfigDisplayTests {
    func config(_ display: String) throws -> KioskConfig {
        try ConfigParser.kioskConfig(text: F.text(F.kioskLines, replacing: 6, with: "  \"display\": \(display),"), path: F.kioskPath)
    }

    func error(_ display: String) throws -> ConfigError {
        try F.kioskError(F.text(F.kioskLines, replacing: 6, with: "  \"display\": \(display),"))
    }

    @Test func drmTakesRotationModeAndAVncView() throws {
        let display = try config(
            #"{"kind": "drm", "device": "/dev/dri/card0", "width": 1080, "height": 1920, "rotation": 90, "mode": "1920x1080@60", "#
                + #""vnc": {"passwordFile": "/etc/kioskd/vnc-password"}}"#
        ).display
        #expect(display.rotation == .quarter)
        #expect(display.mode == DisplayMode(width: 1920, height: 1080, refreshHz: 60))
        #expect(display.vnc == VNCConfig(interface: "127.0.0.1", port: 5900, passwordFile: "/etc/kioskd/vnc-password", allowInput: false))
        #expect(display.rotation.panelSize(for: display.size) == ScreenSize(width: 1920, height: 1080))
    }

    @Test func defaultsAreUnturnedPreferredModeAndNoVnc() throws {
        let display = try config(#"{"kind": "fbdev", "device": "/dev/fb0", "width": 1080, "height": 1920}"#).display
        #expect(display.rotation == .none && display.mode == nil && display.vnc == nil)
    }

    @Test func badValuesSayWhatToWrite() throws {
        let rotation = try error(#"{"kind": "drm", "device": "/dev/dri/card0", "width": 1080, "height": 1920, "rotation": 45}"#)
        #expect(rotation.problem == "rotation 45 is not a quarter turn")
        #expect(rotation.jsonPath == "$.display.rotation")
        let mode = try error(#"{"kind": "drm", "device": "/dev/dri/card0", "width": 1080, "height": 1920, "mode": "full-hd"}"#)
        #expect(mode.problem == #"display mode "full-hd" is not WIDTHxHEIGHT or WIDTHxHEIGHT@HZ"#)
        let fbMode = try error(#"{"kind": "fbdev", "device": "/dev/fb0", "width": 1080, "height": 1920, "mode": "1920x1080"}"#)
        #expect(fbMode.problem == #""mode" is not used by display kind "fbdev""#)
        let interface = try error(
            #"{"kind": "headless", "width": 1080, "height": 1920, "vnc": {"passwordFile": "/p", "interface": "0.0.0.0.0"}}"#)
        #expect(interface.problem == #"VNC interface "0.0.0.0.0" is not an IPv4 address"#)
        let noPassword = try error(#"{"kind": "headless", "width": 1080, "height": 1920, "vnc": {"port": 5901}}"#)
        #expect(noPassword.problem == #"missing required field "passwordFile""#)
    }

    @Test func theProductionExampleAsksForDrm() throws {
        let shipped = try F.shippedFile("kiosk-config/production-example.json")
        let config = try ConfigParser.kioskConfig(text: shipped.text, path: shipped.path)
        #expect(config.display.kind == .drm && config.display.device == "/dev/dri/card0")
    }

    @Test func thePanelSizeIsReadAndDefaultsToTheDesignPanel() throws {
        let given = try config(#"{"kind": "headless", "width": 1080, "height": 1920, "panelMillimetres": {"width": 237, "height": 421}}"#)
        #expect(given.display.panel == PanelSize(widthMillimetres: 237, heightMillimetres: 421))
        let portrait = try config(#"{"kind": "headless", "width": 1080, "height": 1920}"#)
        #expect(portrait.display.panel == PanelSize(widthMillimetres: 268.1, heightMillimetres: 476.6))
        let landscape = try config(#"{"kind": "headless", "width": 1920, "height": 1080}"#)
        #expect(landscape.display.panel == PanelSize(widthMillimetres: 476.6, heightMillimetres: 268.1))
    }

    @Test(arguments: [
        (#"{"width": 0, "height": 477}"#, "panel width 0 mm is not a kiosk panel's (50 to 2500 mm)"),
        (#"{"width": 268, "height": -477}"#, "panel height -477 mm is not a kiosk panel's (50 to 2500 mm)"),
        (#"{"width": 268000, "height": 477000}"#, "panel width 268000 mm is not a kiosk panel's (50 to 2500 mm)"),
        (#"{"width": 477, "height": 268}"#, "a 477 × 268 mm panel does not fit the 1080 × 1920 frame: its pixels would be 3.2 times as wide as tall"),
        (#"{"width": 268.5, "height": 477}"#, "expected a whole number, found 268.5"),
        (#"{"height": 477}"#, #"missing required field "width""#),
    ])
    func aNonsensePanelSizeNamesTheFileTheLineAndTheFix(_ panel: String, _ problem: String) throws {
        let error = try error(#"{"kind": "headless", "width": 1080, "height": 1920, "panelMillimetres": "# + panel + "}")
        #expect(error.problem == problem)
        #expect(error.file == F.kioskPath && error.line == 6)
        #expect(error.jsonPath.hasPrefix("$.display.panelMillimetres"))
        #expect(!error.fix.isEmpty)
    }
}
