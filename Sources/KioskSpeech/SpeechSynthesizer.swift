import CEspeakNG
import CLazyLibraries
import KioskCore
import Synchronization

/// Speech as 16-bit mono samples, and the espeak-ng voice that spoke it.
public struct SpokenAudio: Sendable, Equatable {
    public var samples: [Int16]
    public var sampleRate: Int
    /// The language the voice that spoke is for, as espeak-ng names it (`id`, `en`).
    public var voiceLanguage: String
}

/// Why speech could not be made.
public enum SpeechError: Error, Equatable {
    /// espeak-ng could not start (its data, Debian's `espeak-ng-data`, is missing).
    case cannotInitialize
    /// libespeak-ng itself cannot be loaded (Debian's `libespeak-ng1`), with the loader's reason.
    case cannotLoad(String)
    /// espeak-ng has no voice for this language.
    case noVoice(String)
    case synthesisFailed(Int32)
}

/// Text to speech with espeak-ng (`libespeak-ng`, Debian's `espeak-ng-data` voices): Indonesian
/// with the `id` voice, English with `en`. espeak-ng keeps one global engine, so every call is
/// serialised; synthesis is synchronous (`AUDIO_OUTPUT_SYNCHRONOUS`), never played here.
public enum SpeechSynthesizer {
    /// The espeak-ng voice name for `language`.
    public static func voice(for language: Language) -> String {
        switch language {
        case .indonesian: "id"
        case .english: "en"
        }
    }

    /// Speaks `utterance` into samples.
    public static func speak(_ utterance: Utterance) throws(SpeechError) -> SpokenAudio {
        try lock.withLock { _ throws(SpeechError) -> SpokenAudio in try speakLocked(utterance) }
    }

    /// ``speak(_:)`` under `lock`: espeak-ng's state and `collected` are one speaker's at a time.
    private static func speakLocked(_ utterance: Utterance) throws(SpeechError) -> SpokenAudio {
        if sampleRate == 0 {
            if let problem = kiosk_library_load(KIOSK_LIBRARY_ESPEAK) { throw .cannotLoad(String(cString: problem)) }
            let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, Int32(espeakINITIALIZE_DONT_EXIT))
            guard rate > 0 else { throw .cannotInitialize }
            sampleRate = Int(rate)
            espeak_SetSynthCallback(collect)
        }
        let name = voice(for: utterance.language)
        guard espeak_SetVoiceByName(name) == EE_OK, let current = espeak_GetCurrentVoice(), let languages = current.pointee.languages
        else { throw .noVoice(name) }
        // `languages` is a priority byte then a zero-terminated name, repeated: the first name.
        let voiceLanguage = String(cString: languages + 1)
        collected = []
        let bytes = Array(utterance.text.utf8CString)
        let status = bytes.withUnsafeBufferPointer {
            espeak_Synth($0.baseAddress, $0.count, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, nil)
        }
        guard status == EE_OK else { throw .synthesisFailed(status.rawValue) }
        espeak_Synchronize()
        defer { collected = [] }
        return SpokenAudio(samples: collected, sampleRate: sampleRate, voiceLanguage: voiceLanguage)
    }

    private static let lock = Mutex(())
    /// Set once espeak-ng is initialised; read and written under `lock` only.
    nonisolated(unsafe) private static var sampleRate = 0
    /// The samples of the utterance being spoken; read and written under `lock` only.
    nonisolated(unsafe) private static var collected: [Int16] = []

    /// espeak-ng's synthesis callback: appends each chunk of samples (called on the speaking thread).
    private static let collect: @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?) -> Int32 = {
        samples, count, _ in
        if let samples, count > 0 { collected += UnsafeBufferPointer(start: samples, count: Int(count)) }
        return 0
    }
}
