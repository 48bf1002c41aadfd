import KioskCore
import KioskDisplay
import Testing

@Suite struct KMSPlannerTests {
    let modes = [
        KMSMode(width: 1920, height: 1080, refreshHz: 60, index: 0),
        KMSMode(width: 1080, height: 1920, refreshHz: 60, preferred: true, index: 1),
        KMSMode(width: 1080, height: 1920, refreshHz: 50, index: 2),
    ]

    @Test func takesThePreferredModeOfTheConnectedConnector() throws {
        let resources = KMSResources(
            crtcs: [21, 22],
            connectors: [
                KMSConnector(id: 30, name: "HDMI-A-1", connected: false, modes: modes, encoders: [40]),
                KMSConnector(id: 31, name: "DSI-1", connected: true, modes: modes, encoders: [41]),
            ],
            encoders: [KMSEncoder(id: 40, possibleCrtcs: 0b01), KMSEncoder(id: 41, possibleCrtcs: 0b10)])
        let choice = try KMSPlanner.choose(resources, wanted: nil).get()
        #expect(choice.connector.id == 31)
        #expect(choice.mode == modes[1])
        #expect(choice.crtc == 22, "the only CRTC encoder 41 allows is index 1")
    }

    @Test func aConfiguredModeOverridesThePreferredOne() throws {
        let resources = KMSResources.single(modes: modes)
        #expect(try KMSPlanner.choose(resources, wanted: DisplayMode(width: 1920, height: 1080)).get().mode == modes[0])
        #expect(try KMSPlanner.choose(resources, wanted: DisplayMode("1080x1920@50")).get().mode == modes[2])
        #expect(
            KMSPlanner.choose(resources, wanted: DisplayMode("800x600"))
                == .failure(.modeNotOffered(DisplayMode(width: 800, height: 600), connector: "Virtual-1", offered: modes.map(\.name))))
    }

    @Test func withoutAPreferredModeTheFirstListedIsTaken() throws {
        let plain = [KMSMode(width: 1024, height: 768, refreshHz: 60, index: 0), KMSMode(width: 800, height: 600, refreshHz: 60, index: 1)]
        #expect(try KMSPlanner.choose(.single(modes: plain), wanted: nil).get().mode == plain[0])
    }

    @Test func theCurrentEncodersCrtcIsKept() throws {
        let resources = KMSResources(
            crtcs: [21, 22, 23],
            connectors: [KMSConnector(id: 31, name: "eDP-1", connected: true, modes: modes, encoders: [41], currentEncoder: 41)],
            encoders: [KMSEncoder(id: 41, possibleCrtcs: 0b111, crtc: 23)])
        #expect(try KMSPlanner.choose(resources, wanted: nil).get().crtc == 23)
    }

    @Test func noConnectedScreenAndNoCrtcAreReported() {
        #expect(
            KMSPlanner.choose(.single(connected: false, modes: modes), wanted: nil) == .failure(.noConnectedScreen(connectors: ["Virtual-1"])))
        let noCrtc = KMSResources(
            crtcs: [21], connectors: [KMSConnector(id: 31, name: "DP-1", connected: true, modes: modes, encoders: [41])],
            encoders: [KMSEncoder(id: 41, possibleCrtcs: 0b10)])
        #expect(KMSPlanner.choose(noCrtc, wanted: nil) == .failure(.noCrtc(connector: "DP-1")))
    }

    @Test func modeNamesParse() {
        #expect(DisplayMode("1920x1080") == DisplayMode(width: 1920, height: 1080))
        #expect(DisplayMode("1080x1920@60") == DisplayMode(width: 1080, height: 1920, refreshHz: 60))
        for bad in ["", "1920", "1920x", "x1080", "1920x1080@", "1920x1080@0", "-1x5", "99999999999999999999x1", "1920×1080"] {
            #expect(DisplayMode(bad) == nil, "\(bad)")
        }
    }
}
