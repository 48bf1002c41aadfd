import Foundation
import KioskCore
import KioskTestSupport
import Testing

/// The speech guidance end to end: a real kioskd whose headphone jack is an ALSA PCM of type `file` (defined in
/// the test's `~/.asoundrc`), driven through its touch FIFO. A long press on the marked spot turns it on, the first
/// screen is read, a resting finger reads the button under it, a double tap chooses it and the next screen is read;
/// the samples ALSA wrote are the speech logged, non-silent.
@Suite struct SpeechEndToEndTests {
    /// The fixture's kiosk with `"speech": {"device": "kioskjack"}` and a HOME whose `.asoundrc` makes `kioskjack`
    /// write raw 16-bit samples to `audioPath` (a numbered file beside it each time the PCM is opened again).
    struct SpeakingKiosk {
        let fixture: KioskFixture
        let audioPath: String
        let home: String

        /// With `jack`, a FIFO at `jackPath` stands in for the headphone jack's evdev device (`speech.jack`).
        init(printerPort: Int, jack: Bool = false) throws {
            fixture = try KioskFixture(printerPort: printerPort)
            audioPath = fixture.directory + "/jack.raw"
            home = fixture.directory
            let asoundrc = """
                pcm.kioskjack {
                    type file
                    slave.pcm "null"
                    file "\(audioPath)"
                    format "raw"
                    truncate false
                }
                """
            try asoundrc.write(toFile: home + "/.asoundrc", atomically: true, encoding: .utf8)
            let config = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
            let jackKey = jack ? ", \"jack\": \"\(fixture.directory)/jack.fifo\"" : ""
            if jack { try #require(mkfifo(fixture.directory + "/jack.fifo", 0o600) == 0) }
            try config.replacingOccurrences(
                of: "{\n", with: "{\n  \"speech\": {\"device\": \"kioskjack\"\(jackKey)},\n", options: [], range: config.range(of: "{\n"))
                .write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        }

        /// Writes headphones plugged in (or out) into the jack's FIFO, as the jack's evdev device reports it.
        func plug(_ inserted: Bool) throws {
            let fd = open(fixture.directory + "/jack.fifo", O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            try #require(fd >= 0, "kioskd does not hold the jack's FIFO open")
            defer { close(fd) }
            // struct input_event: a zero timeval, then EV_SW SW_HEADPHONE_INSERT, then SYN_REPORT.
            var bytes: [UInt8] = []
            for (type, code, value) in [(UInt16(5), UInt16(2), Int32(inserted ? 1 : 0)), (0, 0, 0)] {
                bytes += [UInt8](repeating: 0, count: 16)
                bytes += withUnsafeBytes(of: type.littleEndian, Array.init) + withUnsafeBytes(of: code.littleEndian, Array.init)
                bytes += withUnsafeBytes(of: value.littleEndian, Array.init)
            }
            try #require(write(fd, bytes, bytes.count) == bytes.count)
        }
    }

    /// The text of every `speech: said [voice] "text"` line, with its voice and seconds.
    static func said(_ lines: [String]) -> [(voice: String, text: String, seconds: Double)] {
        lines.compactMap { line in
            guard let start = line.range(of: "speech: said [") else { return nil }
            let rest = line[start.upperBound...]
            guard let close = rest.firstIndex(of: "]"), let open = rest.firstIndex(of: "\""), let end = rest.range(of: "\" (", options: .backwards),
                let seconds = Double(rest[end.upperBound...].prefix { $0 != " " })
            else { return nil }
            return (String(rest[..<close]), String(rest[rest.index(after: open)..<end.lowerBound]), seconds)
        }
    }

    /// The resident memory of process `pid` in KiB (`VmRSS`).
    static func residentKiB(_ pid: Int32) throws -> Int {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/status"))
        defer { try? file.close() }
        let status = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    /// The mappings of process `pid`, read to the end (/proc files report no size).
    static func maps(_ pid: Int32) throws -> String {
        let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/\(pid)/maps"))
        defer { try? file.close() }
        return String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
    }

    /// Headphones plugged into the jack turn the guidance on; a long press on the footer strip turns it off and
    /// says so; plugged in again, pulling them out turns it off.
    @Test(.timeLimit(.minutes(4)))
    func headphonesAndTheLongPressTurnTheGuidanceOnAndOff() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let speaking = try SpeakingKiosk(printerPort: printer.port, jack: true)
        let fixture = speaking.fixture
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: ["HOME": speaking.home])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        try speaking.plug(true)
        try #require(kiosk.waitForLines(containing: "speech guidance on: headphones plugged in").count == 1, "\(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: "speech: said [id] \"Pilih instansi\"").count == 1, "\(kiosk.lines)")
        // The footer strip, away from any button: the same spot that turns it on.
        try touch.hold(x: fixture.screen.width / 2, y: fixture.screen.height - 110, seconds: 1.2)
        try #require(kiosk.waitForLines(containing: "speech guidance off: long press").count == 1, "\(kiosk.lines)")
        try #require(kiosk.waitForLines(containing: "speech: said [id] \"Panduan suara mati.\"").count == 1, "\(kiosk.lines)")
        // Pulled out while off: nothing; in again: on; out: off.
        try speaking.plug(false)
        try speaking.plug(true)
        try #require(kiosk.waitForLines(containing: "speech guidance on: headphones plugged in", count: 2).count == 2, "\(kiosk.lines)")
        try speaking.plug(false)
        try #require(kiosk.waitForLines(containing: "speech guidance off: headphones unplugged").count == 1, "\(kiosk.lines)")
        #expect(kiosk.lines.filter { $0.contains("speech guidance off: headphones unplugged") }.count == 1)
        #expect(kiosk.stop() == 0)
    }

    @Test(.timeLimit(.minutes(4)))
    func aCitizenTurnsTheGuidanceOnExploresAndChoosesWithADoubleTap() throws {
        let printer = try PrinterEmulator()
        defer { printer.stop() }
        let speaking = try SpeakingKiosk(printerPort: printer.port)
        let fixture = speaking.fixture
        let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath], environment: ["HOME": speaking.home])
        defer { kiosk.stop() }
        try #require(kiosk.waitForLines(containing: "ready:").count == 1, "\(kiosk.lines)")
        let touch = try KioskTouchDriver(fixture)
        let mapsBefore = try Self.maps(kiosk.pid)
        let residentBefore = try Self.residentKiB(kiosk.pid)
        #expect(!mapsBefore.contains("libespeak-ng.so") && !mapsBefore.contains("libasound.so"))

        // A long press on an agency is not the marked spot: nothing is said.
        let agency = try touch.centre(of: .chooseAgency(AgencyID("disdukcapil")), on: .home)
        try touch.hold(x: agency.x, y: agency.y, seconds: 1.2)
        // The marked spot: the footer strip at the bottom of the first screen.
        try touch.hold(x: fixture.screen.width / 3, y: fixture.screen.height - 110, seconds: 1.2)
        try #require(kiosk.waitForLines(containing: "speech guidance on").count == 1, "\(kiosk.lines)")
        // The first screen, before a language is chosen: how the guidance works and the title in both languages,
        // then every button (each language in its own voice, the agencies in Indonesian).
        let agencies = fixture.catalogue.agencies.map { $0.shortName(.indonesian) }
        try #require(kiosk.waitForLines(containing: "speech: said [id] \"\(agencies.last!)\"").count == 1, "\(kiosk.lines)")
        let home = Self.said(kiosk.lines)
        #expect(home.map(\.text) == [
            Translations.text(.speechOn, .indonesian), Translations.text(.speechOn, .english),
            Translations.text(.chooseAgency, .indonesian), Translations.text(.chooseAgency, .english),
            "Bahasa Indonesia", "English", Translations.text(.priorityButton, .indonesian),
        ] + agencies)
        // espeak-ng's `en` voice names its language `en-gb`.
        #expect(home.map { $0.voice.prefix(2) } == ["id", "en", "id", "en", "id", "en", "id"] + agencies.map { _ in "id" })

        // A finger resting on an agency reads it (again: the first screen's buttons named it once); a double tap
        // anywhere (here on one spot, twice) chooses it.
        try touch.hold(x: agency.x, y: agency.y, seconds: 1.2)
        try #require(kiosk.waitForLines(containing: "speech: said [id] \"disdukcapil\"", count: 2).count == 2, "\(kiosk.lines)")
        let empty = (x: fixture.screen.width / 2, y: fixture.screen.height - 300)
        // Two taps on one spot: the touch debounce (off while the guidance is on) would swallow the second. Repeated
        // if a starved machine delivers them further apart than the double-tap window (then the first only reads).
        for _ in 1...3 {
            try touch.tap(x: empty.x, y: empty.y)
            try touch.tap(x: empty.x, y: empty.y)
            if kiosk.waitForLines(containing: "speech guidance: double tap pressed", timeout: 5).count == 1 { break }
        }
        try #require(kiosk.waitForLines(containing: "speech guidance: double tap pressed").count == 1, "\(kiosk.lines)")
        let services = fixture.catalogue.agency(AgencyID("disdukcapil"))!.services.map { $0.name(.indonesian) }
        try #require(kiosk.waitForLines(containing: "speech: said [id] \"\(services.last!)\"").count == 1, "\(kiosk.lines)")
        let lines = kiosk.lines
        let pressedAt = try #require(lines.firstIndex { $0.contains("speech guidance: double tap pressed") })
        // The agency's screen: its name and the title, then its buttons, the services in catalogue order among them.
        let next = Self.said(Array(lines[pressedAt...])).map(\.text)
        #expect(next.prefix(2) == ["disdukcapil", Translations.text(.chooseService, .indonesian)][...], "\(next)")
        #expect(next.filter(services.contains) == services, "\(next)")
        let all = Self.said(lines)
        let maps = try Self.maps(kiosk.pid)
        #expect(maps.contains("libespeak-ng.so") && maps.contains("libasound.so"))
        print("kioskd resident: \(residentBefore) KiB before the speech guidance, \(try Self.residentKiB(kiosk.pid)) KiB after two screens said")
        #expect(kiosk.stop() == 0)

        // What ALSA wrote: at least every utterance said in full (22,050 Hz mono 16-bit), and speech, not silence.
        // ALSA's file PCM does not append to a file that exists: each opening of the jack (one per screen said, or per
        // button read) writes the next of jack.raw, jack.raw.0001, jack.raw.0002, ….
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory).filter { $0.hasPrefix("jack.raw") }.sorted()
        #expect(files.count >= 3, "\(files)")
        let bytes = try files.flatMap { try #require(FileManager.default.contents(atPath: fixture.directory + "/" + $0)) }
        let samples = stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        let seconds = Double(samples.count) / 22_050
        let saidSeconds = all.map(\.seconds).reduce(0, +)
        #expect(seconds >= saidSeconds - 0.1 && seconds <= saidSeconds + 10, "\(seconds) s written, \(saidSeconds) s said: \(all)")
        #expect(saidSeconds >= Double(all.count) * 0.3, "\(all.count) utterances in \(saidSeconds) s")
        let rms = (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(1, samples.count))).squareRoot()
        #expect(rms > 500, "RMS \(rms)")
    }
}
