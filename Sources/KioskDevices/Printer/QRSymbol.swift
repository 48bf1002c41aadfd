import CQREncode

/// A QR code symbol (model 2, error level M, byte mode) drawn by libqrencode, for printers that
/// cannot draw QR codes themselves.
struct QRSymbol {
    /// Modules per side.
    let size: Int
    /// `size × size` modules, row by row, true = dark.
    let modules: [Bool]

    /// The smallest symbol holding `payload`, or nil when no QR version holds it.
    init?(_ payload: [UInt8]) {
        guard !payload.isEmpty,
            let code = payload.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) })
        else { return nil }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        modules = (0..<size * size).map { code.pointee.data[$0] & 1 != 0 }
    }

    /// The symbol as a 1-bit image, each module `moduleSize` dots square, rows padded to whole
    /// bytes, most significant bit leftmost, 1 = black.
    func bitmap(moduleSize: Int) -> (bits: [UInt8], widthBytes: Int, height: Int) {
        let side = size * moduleSize
        let widthBytes = (side + 7) / 8
        var row = [UInt8](repeating: 0, count: widthBytes)
        var bits: [UInt8] = []
        bits.reserveCapacity(widthBytes * side)
        for moduleRow in 0..<size {
            for index in row.indices { row[index] = 0 }
            for column in 0..<size where modules[moduleRow * size + column] {
                for x in column * moduleSize..<(column + 1) * moduleSize {
                    row[x >> 3] |= 0x80 >> UInt8(x & 7)
                }
            }
            for _ in 0..<moduleSize { bits += row }
        }
        return (bits, widthBytes, side)
    }
}
