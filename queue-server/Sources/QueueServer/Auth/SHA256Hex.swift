import CCrypto

/// SHA-256 from OpenSSL's libcrypto, as lowercase hex.
///
/// Bearer tokens are 256 random bits, so a plain SHA-256 is the right way to store them: nothing
/// to brute-force, and a stolen database yields no usable token.
enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            _ = SHA256(input.baseAddress, input.count, &digest)
        }
        return hex(digest)
    }

    /// `bytes` as lowercase hex.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func of(_ text: String) -> String { of(Array(text.utf8)) }
}

/// HMAC-SHA256 from OpenSSL's libcrypto (`HMAC`), as lowercase hex: the staff session's MAC and the survey's ticket hash.
enum HMACSHA256 {
    static func hex(key: [UInt8], _ message: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBufferPointer { key in
            message.withUnsafeBufferPointer { message in
                _ = HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), message.baseAddress, message.count, &digest, &length)
            }
        }
        return SHA256Hex.hex(Array(digest.prefix(Int(length))))
    }
}

/// New bearer tokens: 32 bytes from the system's CSPRNG, hex-encoded.
enum TokenMaker {
    static func make() -> String {
        SHA256Hex.hex(randomBytes(32))
    }

    /// `count` bytes from the system's CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
