import CQREncode

/// A QR symbol's modules, made by libqrencode.
struct QRMatrix {
    /// Modules per side.
    let size: Int
    /// Row-major, true = dark.
    let modules: [Bool]

    /// The model 2 symbol for `data` in byte mode at `level`, in the smallest version that holds it.
    init(data: [UInt8], level: QRErrorLevel) throws {
        let qrLevel: QRecLevel =
            switch level {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        let encoded = data.withUnsafeBufferPointer { QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, qrLevel) }
        guard let code = encoded else {
            throw ReceiptRenderError(reason: "libqrencode cannot encode \(data.count) bytes")
        }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        modules = (0..<size * size).map { code.pointee.data[$0] & 1 != 0 }
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
