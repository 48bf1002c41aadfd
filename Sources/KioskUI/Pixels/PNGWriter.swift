import CPNG

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// An error writing or reading a PNG file, naming the file.
public struct PNGError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "PNG \(path): \(reason)" }

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Writes canvases as PNG files with libpng.
public enum PNGWriter {
    /// Writes `canvas` to `path` as 8-bit RGB, atomically (a temporary file renamed into place),
    /// so a reader never sees half a frame.
    ///
    /// - Parameter compressionLevel: zlib level 0–9; low levels are much faster for live frames.
    public static func write(_ canvas: Canvas, to path: String, compressionLevel: Int32 = 1) throws {
        let temporary = path + ".tmp"
        guard let file = fopen(temporary, "wb") else {
            throw PNGError(path: path, reason: String(cString: strerror(errno)))
        }
        guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, nil, nil) else {
            fclose(file)
            throw PNGError(path: path, reason: "libpng could not start")
        }
        var info = png_create_info_struct(png)
        var pngOptional: png_structp? = png
        defer { png_destroy_write_struct(&pngOptional, &info) }

        png_init_io(png, file)
        png_set_compression_level(png, compressionLevel)
        png_set_filter(png, 0, PNG_FILTER_SUB)
        png_set_IHDR(
            png, info, png_uint_32(canvas.width), png_uint_32(canvas.height), 8, PNG_COLOR_TYPE_RGB,
            PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
        png_write_info(png, info)
        // One row at a time: a frame is never copied whole, which keeps memory flat.
        var row = [UInt8](repeating: 0, count: canvas.width * 3)
        row.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<canvas.height {
                canvas.copyRGBRow(y, into: buffer)
                png_write_row(png, buffer.baseAddress)
            }
        }
        png_write_end(png, nil)
        let flushed = fflush(file) == 0
        let closed = fclose(file) == 0
        guard flushed, closed, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw PNGError(path: path, reason: reason)
        }
    }
}
