import CPNG

/// Reads PNG files into canvases with libpng's simplified API (`png_image_*`).
public enum PNGReader {
    /// Decodes the PNG at `path` (any colour type and depth) as 8-bit RGB.
    ///
    /// - Throws: ``PNGError`` naming the file and libpng's message.
    public static func read(path: String) throws -> Canvas {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw PNGError(path: path, reason: message(of: &image))
        }
        image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR)  // PNG_FORMAT_RGB
        let width = Int(image.width)
        let height = Int(image.height)
        guard width > 0, height > 0 else {
            png_image_free(&image)
            throw PNGError(path: path, reason: "the image has no pixels")
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let finished = rgb.withUnsafeMutableBytes { buffer in
            png_image_finish_read(&image, nil, buffer.baseAddress, png_int_32(width * 3), nil)
        }
        guard finished != 0 else {
            let reason = message(of: &image)
            png_image_free(&image)
            throw PNGError(path: path, reason: reason)
        }
        var pixels = [UInt32](repeating: 0, count: width * height)
        for i in 0..<pixels.count {
            pixels[i] = UInt32(rgb[3 * i]) << 16 | UInt32(rgb[3 * i + 1]) << 8 | UInt32(rgb[3 * i + 2])
        }
        return Canvas(width: width, height: height, pixels: pixels)
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
