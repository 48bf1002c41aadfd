import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// PNG files written by libpng read back pixel for pixel; image comparison counts what differs.
@Suite struct PNGTests {
    private func temporaryDirectory() throws -> String {
        var template = Array("/tmp/kioskui-png-XXXXXX".utf8CString)
        let made = try #require(mkdtemp(&template))
        return String(cString: made)
    }

    @Test func aWrittenCanvasReadsBackIdentically() throws {
        var canvas = Canvas(width: 37, height: 23, background: Color(hex: 0x123456))
        canvas.fill(Rect(x: 5, y: 3, width: 10, height: 8), Color(hex: 0xFF8000))
        canvas.blend(x: 30, y: 20, .white, alpha: 100)
        let path = try temporaryDirectory() + "/frame.png"
        try PNGWriter.write(canvas, to: path, compressionLevel: 9)
        let read = try PNGReader.read(path: path)
        #expect(read.width == 37 && read.height == 23)
        #expect(read.pixels == canvas.pixels)
    }

    @Test func readingAMissingFileNamesIt() throws {
        let path = try temporaryDirectory() + "/absent.png"
        let error = try #require(throws: PNGError.self) { try PNGReader.read(path: path) }
        #expect(error.path == path)
    }

    @Test func readingSomethingThatIsNotAPNGFails() throws {
        let path = try temporaryDirectory() + "/text.png"
        let file = try #require(fopen(path, "w"))
        fputs("not a png at all", file)
        fclose(file)
        #expect(throws: PNGError.self) { try PNGReader.read(path: path) }
    }

    @Test func differencesWithinTheToleranceAreNotCounted() throws {
        let base = Canvas(width: 10, height: 10, background: Color(hex: 0x808080))
        var other = base
        other.fill(Rect(x: 0, y: 0, width: 10, height: 1), Color(hex: 0x848080))  // 10 pixels off by 4
        other.fill(Rect(x: 0, y: 9, width: 5, height: 1), Color(hex: 0x80FF80))  // 5 pixels off by 127
        let difference = try #require(ImageDifference.between(base, other, channelTolerance: 8))
        #expect(difference.differingPixels == 5)
        #expect(difference.largestChannelDelta == 127)
        #expect(difference.differingFraction == 0.05)
        #expect(ImageDifference.between(base, Canvas(width: 10, height: 11), channelTolerance: 8) == nil)
    }

    @Test func roundedBoxesAreFilledInsideAndSoftAtTheCorners() {
        var canvas = Canvas(width: 100, height: 60)
        canvas.fillRounded(Rect(x: 10, y: 10, width: 80, height: 40), radius: 12, .black)
        #expect(canvas.color(x: 50, y: 30) == .black)
        #expect(canvas.color(x: 10, y: 30) == .black)
        #expect(canvas.color(x: 10, y: 10) == .white, "the corner pixel is cut away")
        #expect(canvas.color(x: 9, y: 30) == .white && canvas.color(x: 90, y: 30) == .white)
    }
}
