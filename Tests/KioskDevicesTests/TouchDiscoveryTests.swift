import KioskCore
import KioskDevices
import Testing

/// Discovery on capability bitmasks: the real /dev/input ioctls cannot run on a machine without
/// input devices, so the masks come from the recorded panels' evemu descriptions and from masks
/// built here.
@Suite struct TouchDiscoveryTests {
    static func description(_ name: String) throws -> EvemuRecording {
        try EvemuRecording(contentsOfFile: InputTestFiles.recording(name))
    }

    static func mask(_ codes: [UInt16]) -> [UInt8] {
        var bytes: [UInt8] = []
        for code in codes { DeviceCapabilities.set(code, in: &bytes) }
        return bytes
    }

    @Test func recordedPanelsAreProtocolBTouchscreens() throws {
        for name in ["Atmel_maXTouch_Touchscreen.desc", "EP0430M09.desc", "ELAN_CANDO_Windows7.desc"] {
            #expect(try Self.description(name).capabilities.touchscreenKind == .multitouchSlots, "\(name)")
        }
        let elan = try #require(try Self.description("ELAN_CANDO_Windows7.desc").identity)
        #expect(elan == DeviceIdentity(name: "ELAN CANDO Windows7", bus: 3, vendor: 0x04f3, product: 0x0732))
        #expect(elan.vendorProduct == "04f3:0732")
    }

    @Test func singleTouchProtocolAAndNonTouchscreensAreTold() {
        let direct = Self.mask([InputCode.propertyDirect])
        let single = DeviceCapabilities(
            bits: [InputCode.absolute: Self.mask([InputCode.absX, InputCode.absY]), InputCode.key: Self.mask([InputCode.buttonTouch])],
            properties: direct)
        #expect(single.touchscreenKind == .singleTouch)
        let protocolA = DeviceCapabilities(bits: [InputCode.absolute: Self.mask([InputCode.mtPositionX, InputCode.mtPositionY])], properties: direct)
        #expect(protocolA.touchscreenKind == .multitouchAnonymous)
        var touchpad = single
        touchpad.properties = []  // INPUT_PROP_POINTER, not DIRECT: a touchpad
        #expect(touchpad.touchscreenKind == nil)
        let noTouchKey = DeviceCapabilities(bits: [InputCode.absolute: Self.mask([InputCode.absX, InputCode.absY])], properties: direct)
        #expect(noTouchKey.touchscreenKind == nil)
    }

    @Test func selectorPinsByNameAndVendorProductInNaturalOrder() throws {
        let elan = try Self.description("ELAN_CANDO_Windows7.desc")
        let atmel = try Self.description("Atmel_maXTouch_Touchscreen.desc")
        let keyboard = TouchscreenSelector.Candidate(
            path: "/dev/input/event0", identity: DeviceIdentity(name: "AT Translated Set 2 keyboard"),
            capabilities: DeviceCapabilities(bits: [InputCode.key: Self.mask([30, 31])]))
        let candidates = [
            keyboard,
            .init(path: "/dev/input/event10", identity: elan.identity!, capabilities: elan.capabilities),
            .init(path: "/dev/input/event2", identity: atmel.identity!, capabilities: atmel.capabilities),
        ]
        #expect(TouchscreenSelector.choose(candidates, match: InputMatch())?.path == "/dev/input/event2")
        #expect(TouchscreenSelector.choose(candidates, match: InputMatch(name: "elan"))?.path == "/dev/input/event10")
        #expect(TouchscreenSelector.choose(candidates, match: InputMatch(vendorProduct: "04F3:0732"))?.path == "/dev/input/event10")
        #expect(TouchscreenSelector.choose(candidates, match: InputMatch(name: "keyboard")) == nil)
    }

    @Test func evemuHeaderWrittenIsReadBack() throws {
        let atmel = try Self.description("Atmel_maXTouch_Touchscreen.desc")
        var axes: [UInt16: AxisInfo] = [:]
        for (code, range) in atmel.axes { axes[code] = AxisInfo(range: range, resolution: code == InputCode.mtPositionX ? 12 : 0) }
        let events = [InputEvent(seconds: 3, microseconds: 42, type: 3, code: 0x35, value: -1), InputEvent(type: 0, code: 0, value: 0)]
        let text = EvemuWriter.header(identity: atmel.identity!, capabilities: atmel.capabilities, axes: axes)
            + events.map(EvemuWriter.line).joined()
        let back = try EvemuRecording(parsing: text)
        #expect(back.identity == atmel.identity)
        #expect(back.axes == atmel.axes)
        #expect(back.resolutions == [InputCode.mtPositionX: 12])
        #expect(back.capabilities.touchscreenKind == .multitouchSlots)
        #expect(back.events == events)
    }
}
