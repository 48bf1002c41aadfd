import KioskTestSupport

/// ESC/POS bytes through the printer emulator's parser, split into two reads.
enum EscPosFuzz {
    static func run(_ bytes: [UInt8]) {
        var parser = EscPosStreamParser()
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        _ = parser.consume(Array(bytes[..<split]))
        _ = parser.consume(Array(bytes[split...]))
        _ = parser.finish()
    }
}
