import KioskCore
import KioskDisplay
import KioskUI
import Testing

/// The DRM backend against a fake card: buffers, pitch, flips, damage in turn, hotplug, restore.
@Suite struct DRMDisplayTests {
    static let size = ScreenSize(width: 64, height: 48)
    let mode = KMSMode(width: 64, height: 48, refreshHz: 60, preferred: true, index: 0)

    /// A canvas whose every pixel differs from its neighbours and from `seed`'s other canvases.
    static func pattern(_ seed: UInt32) -> Canvas {
        Canvas(
            width: size.width, height: size.height,
            pixels: (0..<(size.width * size.height)).map { UInt32($0) &* 2_654_435_761 &+ seed & 0xFF_FFFF })
    }

    func expectBuffer(_ card: FakeKMSDevice, _ framebuffer: UInt32, equals canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
        var wrong = 0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where card.pixel(framebuffer, x: x, y: y) != canvas.pixels[y * canvas.width + x] { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) pixels differ", sourceLocation: sourceLocation)
    }

    @Test func setsTheModeOnceThenFlipsBetweenTwoBuffersAtThePitch() throws {
        let card = FakeKMSDevice(.single(modes: [mode], crtcIndex: 2), pitchPadding: 256)
        let display = try DRMDisplay(device: card, path: "/dev/dri/card0", size: Self.size, rotation: .none, mode: nil)
        #expect(card.buffers.count == 2)
        #expect(display.stride == 64 * 4 + 256)
        #expect(card.setCrtcCalls.count == 1)
        #expect(card.setCrtcCalls.first?.crtc == 23)
        #expect(card.saved == 23)
        #expect(display.health.isShowing)
        #expect(display.needsFrame)

        let first = Self.pattern(1)
        display.present(first, damage: [first.bounds])
        #expect(!display.isReady, "a flip is on its way")
        #expect(card.flips.map(\.framebuffer) == [card.buffers[1].framebuffer])
        expectBuffer(card, card.buffers[1].framebuffer, equals: first)
        // The padding at the end of each row is the driver's: never written.
        let buffer = card.buffers[1]
        for y in 0..<48 {
            for x in (64 * 4)..<buffer.pitch { #expect(buffer.pixels.load(fromByteOffset: y * buffer.pitch + x, as: UInt8.self) == 0xEE) }
        }
        card.completeFlip()
        display.handleEvents()
        #expect(display.isReady)
        #expect(display.framesShown == 1)
        #expect(card.setCrtcCalls.count == 1, "frames after the first are page flips only")
    }

    @Test func eachBufferReceivesEveryFramesDamageInTurnAndNothingElse() throws {
        let card = FakeKMSDevice(.single(modes: [mode]), pitchPadding: 64)
        let display = try DRMDisplay(device: card, path: "card", size: Self.size, rotation: .none, mode: nil)
        let a = Self.pattern(1)
        display.present(a, damage: [a.bounds])
        card.completeFlip()
        display.handleEvents()

        var b = a
        let first = Rect(x: 4, y: 4, width: 10, height: 6)
        b.fill(first, .black)
        display.present(b, damage: [first])  // buffer 0: still owes the whole first frame
        expectBuffer(card, card.buffers[0].framebuffer, equals: b)
        card.completeFlip()
        display.handleEvents()

        // Poison buffer 1 outside the damage it owes: a copy of anything more would show.
        let second = Rect(x: 30, y: 20, width: 8, height: 8)
        var c = b
        c.fill(second, Color(hex: 0x00FF00))
        let owed = [first, second]
        let buffer1 = card.buffers[1]
        for y in 0..<48 {
            for x in 0..<64 where !owed.contains(where: { $0.contains(x: x, y: y) }) {
                buffer1.pixels.storeBytes(of: 0x123456, toByteOffset: y * buffer1.pitch + x * 4, as: UInt32.self)
            }
        }
        display.present(c, damage: [second])
        #expect(card.flips.last?.framebuffer == buffer1.framebuffer)
        for y in 0..<48 {
            for x in 0..<64 {
                let expected = owed.contains(where: { $0.contains(x: x, y: y) }) ? c.pixels[y * 64 + x] : 0x123456
                #expect(card.pixel(buffer1.framebuffer, x: x, y: y) == expected)
            }
        }
    }

    @Test func aFailingPageFlipShowsTheFrameBySettingTheCrtc() throws {
        let card = FakeKMSDevice(.single(modes: [mode]))
        card.failFlips = true
        let display = try DRMDisplay(device: card, path: "card", size: Self.size, rotation: .none, mode: nil)
        let frame = Self.pattern(3)
        display.present(frame, damage: [frame.bounds])
        #expect(display.isReady, "no flip event will come")
        #expect(display.framesShown == 1)
        #expect(card.setCrtcCalls.last?.framebuffer == card.buffers[1].framebuffer)
        #expect("\(display.health)".contains("page flip failed"))
        expectBuffer(card, card.buffers[1].framebuffer, equals: frame)
        card.failFlips = false
        display.present(frame, damage: [])
        card.completeFlip()
        display.handleEvents()
        #expect(display.health == .showing("drm card Virtual-1 64x48@60 crtc 21, pitch 256"))
    }

    @Test func noConnectedScreenKeepsRunningUntilAHotplugBringsOne() throws {
        let card = FakeKMSDevice(.single(connected: false, modes: [mode]))
        let display = try DRMDisplay(device: card, path: "/dev/dri/card0", size: Self.size, rotation: .none, mode: nil)
        #expect(display.health == .noScreen("/dev/dri/card0: no connected screen on Virtual-1"))
        #expect(card.buffers.isEmpty)
        let frame = Self.pattern(4)
        display.present(frame, damage: [frame.bounds])  // nothing to show it on: no crash, no call
        #expect(card.flips.isEmpty)

        card.resources = .single(modes: [mode])
        display.reprobe()
        #expect(display.health.isShowing)
        #expect(card.setCrtcCalls.count == 1)
        #expect(display.needsFrame, "a screen that appears gets the whole frame")
        display.present(frame, damage: [])
        expectBuffer(card, card.buffers[1].framebuffer, equals: frame)

        card.resources = .single(connected: false, modes: [mode])
        display.reprobe()
        #expect(display.health == .noScreen("/dev/dri/card0: no connected screen on Virtual-1"))
        #expect(Set(card.destroyed) == Set(card.buffers.map(\.framebuffer)), "an unplugged screen's buffers are released")
    }

    @Test func theSameScreenReplugggedGetsItsModeSetAgain() throws {
        let card = FakeKMSDevice(.single(modes: [mode]))
        let display = try DRMDisplay(device: card, path: "card", size: Self.size, rotation: .none, mode: nil)
        display.reprobe()
        #expect(card.setCrtcCalls.count == 2)
        #expect(card.buffers.count == 2, "no new buffers for the same screen")
    }

    @Test func closeWaitsForTheFlipRestoresTheSavedCrtcAndReleasesEverything() throws {
        let card = FakeKMSDevice(.single(modes: [mode]))
        let display = try DRMDisplay(device: card, path: "card", size: Self.size, rotation: .none, mode: nil)
        let frame = Self.pattern(5)
        display.present(frame, damage: [frame.bounds])
        card.completeFlip()
        display.close(lastFrame: frame)
        #expect(card.restored)
        #expect(card.closed)
        #expect(Set(card.destroyed) == Set(card.buffers.map(\.framebuffer)))
    }

    @Test func suspendDropsMasterAndResumeTakesItBackWithAWholeFrame() throws {
        let card = FakeKMSDevice(.single(modes: [mode]))
        let display = try DRMDisplay(device: card, path: "card", size: Self.size, rotation: .none, mode: nil)
        let frame = Self.pattern(6)
        display.present(frame, damage: [frame.bounds])
        display.suspend()
        #expect(!card.master)
        #expect(!display.health.isShowing)
        display.present(frame, damage: [frame.bounds])
        #expect(card.flips.count == 1, "nothing is drawn while the card is given away")
        display.resume()
        #expect(card.master)
        #expect(display.health.isShowing)
        #expect(display.needsFrame)
        display.present(frame, damage: [])
        expectBuffer(card, card.flips.last!.framebuffer, equals: frame)
    }

    @Test func aConfiguredModeNotOfferedIsReportedNotFatal() throws {
        let card = FakeKMSDevice(.single(modes: [mode]))
        let display = try DRMDisplay(
            device: card, path: "card", size: Self.size, rotation: .none, mode: DisplayMode(width: 800, height: 600))
        #expect(display.health == .failed("card: Virtual-1 does not offer mode 800x600 (it offers 64x48@60)"))
    }
}
