import KioskCore
import KioskSpeech
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

@testable import KioskUI

/// Each citizen screen's speech, rendered by espeak-ng to WAV files: every utterance (the screen's
/// introduction and every button) is heard, not silent, and spoken by the voice of its language.
@Suite struct SpeechAudioTests {
    /// Loud enough to be speech: espeak-ng's voices peak near full scale, silence is 0.
    static let minimumRMS = 500.0

    @Test(arguments: OneLanguageTests.citizenCases.filter { $0.size == Fixtures.portrait })
    func everyUtteranceIsSpokenAloudInItsLanguagesVoice(_ screen: ScreenCase) throws {
        let directory = try Self.temporaryDirectory()
        for language in [Language.indonesian, .english] {
            let state = OneLanguageTests.chosen(screen, language)
            let plan = try Fixtures.renderer(screen.size).plan(state, screen.settings, screen.now)
            let spoken = SpeechScript.utterances(
                state, buttons: plan.buttons.map(\.action), settings: screen.settings, now: screen.now)
            for (index, utterance) in spoken.enumerated() {
                let audio = try SpeechSynthesizer.speak(utterance)
                let path = "\(directory)/\(screen.name)-\(language)-\(index).wav"
                try Self.write(WAVFile.bytes(audio.samples, sampleRate: audio.sampleRate), to: path)
                let read = try #require(WAVFile.read(try Self.read(path)), "\(path) is not a WAV file")
                let seconds = Double(read.samples.count) / Double(read.sampleRate)
                #expect(seconds >= 0.2, "\(screen.name): \"\(utterance.text)\" lasts \(seconds) s")
                #expect(WAVFile.rms(read.samples) >= Self.minimumRMS, "\(screen.name): \"\(utterance.text)\" is silent")
                #expect(Self.speaks(audio, utterance.language), "\(screen.name): \"\(utterance.text)\" spoken by \(audio.voiceLanguage)")
            }
        }
    }

    @Test func eachLanguageHasItsOwnVoiceAndSilenceIsSeenAsSilence() throws {
        let words = "Pilih instansi"
        let indonesian = try SpeechSynthesizer.speak(Utterance(words, .indonesian))
        let english = try SpeechSynthesizer.speak(Utterance(words, .english))
        #expect(Self.speaks(indonesian, .indonesian) && Self.speaks(english, .english))
        #expect(!Self.speaks(indonesian, .english) && !Self.speaks(english, .indonesian))
        // The loudness check can fail: a blank utterance is silent.
        #expect(WAVFile.rms(try SpeechSynthesizer.speak(Utterance(" ", .english)).samples) < Self.minimumRMS)
    }

    /// Whether the voice that spoke `audio` is for `language` (espeak-ng's `en` voice says `en-gb`).
    static func speaks(_ audio: SpokenAudio, _ language: Language) -> Bool {
        let code = SpeechSynthesizer.voice(for: language)
        return audio.voiceLanguage == code || audio.voiceLanguage.hasPrefix(code + "-")
    }

    private static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/kiosk-speech-XXXXXX".utf8CString)
        let made = try #require(mkdtemp(&template), "mkdtemp failed")
        return String(cString: made)
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try #require(fopen(path, "wb"), "cannot write \(path)")
        defer { fclose(file) }
        #expect(fwrite(bytes, 1, bytes.count, file) == bytes.count)
    }

    private static func read(_ path: String) throws -> [UInt8] {
        let file = try #require(fopen(path, "rb"), "cannot read \(path)")
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return bytes
    }
}
