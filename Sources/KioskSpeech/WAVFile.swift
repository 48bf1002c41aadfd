/// 16-bit PCM mono WAV (RIFF) files, written and read back, for speech rendered in tests and
/// for the headphone output's cache.
public enum WAVFile {
    /// The bytes of a WAV file holding `samples` at `sampleRate` Hz.
    public static func bytes(_ samples: [Int16], sampleRate: Int) -> [UInt8] {
        let dataBytes = UInt32(clamping: samples.count * 2)
        var out: [UInt8] = []
        out.reserveCapacity(44 + samples.count * 2)
        func u32(_ value: UInt32) { out += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)] }
        func u16(_ value: UInt16) { out += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        let rate = UInt32(clamping: sampleRate)
        out += Array("RIFF".utf8)
        u32(36 &+ dataBytes)
        out += Array("WAVEfmt ".utf8)
        u32(16)
        u16(1)  // PCM
        u16(1)  // mono
        u32(rate)
        u32(rate &* 2)  // bytes per second
        u16(2)  // block align
        u16(16)  // bits per sample
        out += Array("data".utf8)
        u32(dataBytes)
        for sample in samples { u16(UInt16(bitPattern: sample)) }
        return out
    }

    /// The samples and rate of a 16-bit PCM mono WAV file as ``bytes(_:sampleRate:)`` writes it; nil otherwise.
    public static func read(_ bytes: [UInt8]) -> (samples: [Int16], sampleRate: Int)? {
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count >= 44, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<16]) == Array("WAVEfmt ".utf8),
            u16(20) == 1, u16(22) == 1, u16(34) == 16, Array(bytes[36..<40]) == Array("data".utf8)
        else { return nil }
        let count = min(u32(40), bytes.count - 44) / 2
        let samples = (0..<count).map { Int16(bitPattern: UInt16(u16(44 + 2 * $0))) }
        return (samples, u32(24))
    }

    /// Root mean square of `samples`, 0 for none: how loud the speech is.
    public static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot()
    }
}
