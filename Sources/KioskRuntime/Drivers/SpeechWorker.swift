import Dispatch
import KioskCore
import KioskSpeech
import Synchronization

/// Says the speech guidance's utterances on the headphone jack, off the event loop: each is synthesised
/// (espeak-ng) and played (ALSA) in order. A new ``say(_:)`` cuts the one being said short, as a screen
/// reader does when the finger moves on. Each utterance said in full is logged (`speech: said …`).
final class SpeechWorker: Sendable {
    /// What only the worker's queue touches: the lock is never contended, it proves the confinement.
    private struct Speaker {
        /// The open PCM.
        var output: PCMOutput?
        /// The last failure logged: the same one is not logged for every utterance.
        var lastProblem: String?
    }

    private let device: String
    private let queue = DispatchQueue(label: "kioskd.speech")
    /// Bumped by every ``say(_:)``: a block whose number is not the latest stops.
    private let latest = Mutex(0)
    private let speaker = Mutex(Speaker())

    /// Plays on the ALSA PCM `device`.
    init(device: String) {
        self.device = device
    }

    /// Stops what is being said and says `utterances` (nothing for an empty list).
    func say(_ utterances: [Utterance]) {
        let number = latest.withLock { value in
            value &+= 1
            return value
        }
        queue.async { [self] in speaker.withLock { speak(utterances, number, &$0) } }
    }

    /// Stops speaking and waits until the PCM is closed.
    func stop() {
        say([])
        queue.sync {}
    }

    private func isLatest(_ number: Int) -> Bool { latest.withLock { $0 == number } }

    private func speak(_ utterances: [Utterance], _ number: Int, _ speaker: inout Speaker) {
        for utterance in utterances {
            guard isLatest(number) else { return }
            do {
                let audio = try SpeechSynthesizer.speak(utterance)
                if speaker.output == nil { speaker.output = try PCMOutput(device: device, sampleRate: audio.sampleRate) }
                let whole = try speaker.output?.play(audio.samples) { isLatest(number) } ?? false
                guard whole else {
                    // Cut short: the PCM dropped what it held and must be opened again for the next words.
                    speaker.output?.close(drain: false)
                    speaker.output = nil
                    return
                }
                // Hundredths of a second, printed without Foundation's String(format:) (kioskd links no Foundation).
                let hundredths = audio.samples.count * 100 / max(1, audio.sampleRate)
                let seconds = "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
                Log.write(.info, "speech: said [\(audio.voiceLanguage)] \"\(utterance.text)\" (\(seconds) s)")
                speaker.lastProblem = nil
            } catch {
                speaker.output = nil
                let problem = "\(error)"
                if problem != speaker.lastProblem { Log.write(.error, "speech: cannot say \"\(utterance.text)\": \(problem)") }
                speaker.lastProblem = problem
                return
            }
        }
        // Nothing more to say: let the last words play out and free the device.
        if isLatest(number) {
            speaker.output?.close(drain: true)
            speaker.output = nil
        }
    }
}
