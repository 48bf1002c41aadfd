import KioskCore
import KioskUI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Each screen rendered at a fixed time must match its committed image in docs/screens/.
/// `KIOSK_UPDATE_GOLDENS=1 swift test --filter KioskUITests` rewrites the images.
@Suite struct GoldenImageTests {
    /// A pixel differs when a channel is off by more than this (FreeType versions anti-alias differently).
    static let channelTolerance = 48
    /// The share of pixels that may differ.
    static let allowedFraction = 0.002

    static let goldenDirectory: String = {
        // #filePath is <repo>/Tests/KioskUITests/GoldenImageTests.swift.
        let parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        return (parts.dropLast(3) + ["docs", "screens"]).joined(separator: "/")
    }()

    static var updating: Bool { getenv("KIOSK_UPDATE_GOLDENS").map { String(cString: $0) == "1" } ?? false }

    @Test(arguments: Fixtures.screenCases)
    func screenMatchesGolden(_ screen: ScreenCase) throws {
        let renderer = try Fixtures.renderer(screen.size)
        let canvas = renderer.render(screen.state, settings: screen.settings, now: screen.now)
        #expect(canvas.width == screen.size.width && canvas.height == screen.size.height)
        let path = Self.goldenDirectory + "/" + screen.name + ".png"
        if Self.updating {
            try PNGWriter.write(canvas, to: path, compressionLevel: 9)
            return
        }
        let golden = try PNGReader.read(path: path)
        let difference = try #require(
            ImageDifference.between(canvas, golden, channelTolerance: Self.channelTolerance),
            "\(path) is \(golden.width)×\(golden.height), the screen \(canvas.width)×\(canvas.height)")
        if difference.differingFraction > Self.allowedFraction {
            let actual = try Self.temporaryDirectory() + "/" + screen.name + ".png"
            try PNGWriter.write(canvas, to: actual)
            Issue.record(
                """
                \(screen.name): \(difference.differingPixels) of \(difference.totalPixels) pixels differ \
                (largest channel delta \(difference.largestChannelDelta)); rendered image at \(actual). \
                If the change is intended, run KIOSK_UPDATE_GOLDENS=1 swift test --filter KioskUITests.
                """)
        }
    }

    @Test func everyGoldenIsListedInTheReadme() throws {
        let readme = try #require(
            fopen(Self.goldenDirectory + "/README.md", "r"), "docs/screens/README.md is missing")
        defer { fclose(readme) }
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, readme)
            if count <= 0 { break }
            text += buffer[..<count]
        }
        let contents = String(decoding: text, as: UTF8.self)
        for screen in Fixtures.screenCases {
            #expect(contents.contains("\(screen.name).png"), "README.md does not list \(screen.name).png")
        }
    }

    private static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/kioskui-golden-XXXXXX".utf8CString)
        let made = try #require(mkdtemp(&template), "mkdtemp failed")
        return String(cString: made)
    }
}
