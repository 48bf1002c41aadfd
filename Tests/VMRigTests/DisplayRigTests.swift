import Foundation
import KioskUI
import Testing

/// kioskd on the guest's bochs DRM card (a 1080×1920 portrait mode from QEMU's EDID), seen through
/// QEMU's own `screendump` of the guest display, on the host:
/// - cold-start: kioskd spawned (exec counted) to its first DRM frame presented (its page flip queued), under
///   TCG emulation, with a generous bound;
/// - showing: the dump of the attract screen equals kioskd's PNG snapshot of the same frame, pixel
///   for pixel, and the CRTC scans out kioskd's framebuffer, not the console's;
/// - tap: a tap through a uinput panel changes the screen, and the dump follows it, again equal to the snapshot;
/// - vt-switch: kioskd owns VT 1 (its standard input; `VT_SETMODE` `VT_PROCESS`): `chvt 2` completes only
///   because kioskd gives up DRM master and releases the VT; VT 2's console is on screen (the CRTC scans
///   out the console's framebuffer, the dump is not the kiosk's frame); `chvt 1`: kioskd takes the card
///   back and the dump equals its snapshot again;
/// - sigterm: after `SIGTERM` the CRTC scans out the console's framebuffer again, and the dump shows the
///   console as it was before kioskd started.
@Test(
    .timeLimit(.minutes(8)),
    arguments: ["cold-start", "showing", "tap", "vt-switch", "sigterm", "attract-dump", "tap-dump", "vt-dumps", "restored-dump"])
func drmDisplayInTheVM(check: String) async throws {
    let outcome = try await rigBoot.value
    let name = "display-drm." + check
    if !outcome.passed(name) { Issue.record(Comment(rawValue: outcome.explain(name))) }
}

/// The host's half of the display scenario: compares the screendumps QEMU wrote with the snapshots the
/// guest copied beside them.
enum ScreendumpComparison {
    /// Results by check name (`display-drm.attract-dump`) for the files in `directory`.
    static func results(_ directory: String) -> [String: String] {
        func result(_ body: () throws -> String) -> String {
            do { return "PASS " + (try body()) } catch { return "FAIL \(error)" }
        }
        return [
            "display-drm.attract-dump": result { try sameAsSnapshot("attract", in: directory) },
            "display-drm.tap-dump": result {
                let same = try sameAsSnapshot("tapped", in: directory)
                let change = try difference(ppm(directory + "/attract.ppm"), ppm(directory + "/tapped.ppm"))
                guard change.differingPixels > 0 else { throw RigCheckError("the dump after the tap is the attract screen's") }
                return same + "; \(change.differingPixels) pixels changed from the attract dump"
            },
            "display-drm.vt-dumps": result {
                let kiosk = try ppm(directory + "/tapped.ppm")
                let away = try difference(kiosk, ppm(directory + "/vt2.ppm"))
                guard away.differingFraction > 0.5 else {
                    throw RigCheckError("on VT 2 the screen still shows the kiosk: only \(away.differingPixels) pixels differ")
                }
                return "VT 2: the console (\(away.differingPixels) pixels differ from the kiosk); " + (try sameAsSnapshot("vt1", in: directory))
            },
            "display-drm.restored-dump": result {
                let console = try ppm(directory + "/console.ppm")
                let restored = try difference(console, ppm(directory + "/restored.ppm"))
                let attract = try difference(console, ppm(directory + "/attract.ppm"))
                // The console's text may have gained a line (a kernel message) meanwhile: 1 % of its pixels.
                guard restored.differingFraction <= 0.01 else {
                    throw RigCheckError("after SIGTERM the dump is not the console: \(restored.differingPixels) pixels differ")
                }
                return "the console again (\(restored.differingPixels) pixels differ; the kiosk's screen differed in \(attract.differingPixels))"
            },
        ]
    }

    /// The dump `NAME.ppm` against the snapshot `NAME.png`: exactly equal, or what differs.
    private static func sameAsSnapshot(_ name: String, in directory: String) throws -> String {
        let dump = try ppm(directory + "/\(name).ppm")
        let snapshot = try PNGReader.read(path: directory + "/\(name).png")
        let found = try difference(dump, snapshot)
        guard found.differingPixels == 0 else {
            throw RigCheckError(
                "\(name): the screendump differs from kioskd's snapshot in \(found.differingPixels) of \(found.totalPixels) pixels"
                    + " (largest channel difference \(found.largestChannelDelta))")
        }
        return "\(name): QEMU's screendump equals kioskd's snapshot, all \(found.totalPixels) pixels (\(dump.width)x\(dump.height))"
    }

    private static func difference(_ a: Canvas, _ b: Canvas) throws -> ImageDifference {
        guard let found = ImageDifference.between(a, b, channelTolerance: 0) else {
            throw RigCheckError("sizes differ: \(a.width)x\(a.height) and \(b.width)x\(b.height)")
        }
        return found
    }

    /// A binary PPM (`P6`, maxval 255) as QEMU's `screendump` writes it.
    static func ppm(_ path: String) throws -> Canvas {
        guard let data = FileManager.default.contents(atPath: path) else { throw RigCheckError("no \(path)") }
        let bytes = [UInt8](data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] > 0x20 { index += 1 }
            fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        index += 1  // the one whitespace byte before the pixels
        guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255",
            width > 0, height > 0, bytes.count - index >= width * height * 3
        else { throw RigCheckError("\(path) is not a 255-level P6 PPM: \(fields)") }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for pixel in pixels.indices {
            let at = index + pixel * 3
            pixels[pixel] = UInt32(bytes[at]) << 16 | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2])
        }
        return Canvas(width: width, height: height, pixels: pixels)
    }
}

/// A host-side rig check that did not hold.
struct RigCheckError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
