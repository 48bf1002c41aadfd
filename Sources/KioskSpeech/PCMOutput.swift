import CALSA
import CLazyLibraries

/// Why audio could not be played.
public struct AudioError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

/// A playback stream on an ALSA PCM (the headphone jack: `default`, `plughw:0,0`, or any PCM an
/// `asound.conf` defines), 16-bit mono at the speech's rate, resampled by ALSA where the card needs it.
/// libasound is loaded on first use. Not thread-safe: one thread plays.
public final class PCMOutput {
    private var pcm: OpaquePointer?
    public let device: String
    public let sampleRate: Int

    /// Opens `device` for playback at `sampleRate` Hz.
    public init(device: String, sampleRate: Int) throws(AudioError) {
        self.device = device
        self.sampleRate = sampleRate
        if let problem = kiosk_library_load(KIOSK_LIBRARY_ASOUND) {
            throw AudioError(description: "libasound cannot be loaded: \(String(cString: problem))")
        }
        var opened: OpaquePointer?
        var status = snd_pcm_open(&opened, device, SND_PCM_STREAM_PLAYBACK, 0)
        guard status >= 0, let opened else { throw Self.failure("open ALSA PCM \"\(device)\"", status) }
        pcm = opened
        guard (1...384_000).contains(sampleRate) else {
            throw AudioError(description: "sample rate \(sampleRate) Hz is out of range")
        }
        // 100 ms of latency: short enough to stop at once when the citizen moves on.
        status = snd_pcm_set_params(opened, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, UInt32(sampleRate), 1, 100_000)
        guard status >= 0 else {
            close(drain: false)
            throw Self.failure("set 16-bit mono \(sampleRate) Hz on \"\(device)\"", status)
        }
    }

    deinit { close(drain: false) }

    /// Plays `samples` (blocking until ALSA holds them all); `keepGoing` is asked between chunks
    /// of about 50 ms, and playing stops, dropping what is queued, when it says no.
    /// - Returns: true if every sample was handed to ALSA.
    @discardableResult
    public func play(_ samples: [Int16], while keepGoing: () -> Bool) throws(AudioError) -> Bool {
        guard let pcm else { throw AudioError(description: "the PCM is closed") }
        let chunk = max(1, sampleRate / 20)
        var offset = 0
        while offset < samples.count {
            guard keepGoing() else {
                snd_pcm_drop(pcm)
                return false
            }
            let count = min(chunk, samples.count - offset)
            let written = samples.withUnsafeBufferPointer {
                snd_pcm_writei(pcm, $0.baseAddress.map { $0 + offset }, snd_pcm_uframes_t(count))
            }
            if written < 0 {
                let recovered = snd_pcm_recover(pcm, Int32(clamping: written), 1)
                guard recovered >= 0 else { throw Self.failure("write to \"\(device)\"", Int32(clamping: written)) }
                continue
            }
            offset += Int(written)
        }
        return true
    }

    /// Lets what is queued finish playing (or drops it), then closes the PCM.
    public func close(drain: Bool) {
        guard let pcm else { return }
        if drain { snd_pcm_drain(pcm) } else { snd_pcm_drop(pcm) }
        snd_pcm_close(pcm)
        self.pcm = nil
    }

    private static func failure(_ what: String, _ status: Int32) -> AudioError {
        AudioError(description: "cannot \(what): \(String(cString: snd_strerror(status)))")
    }
}
