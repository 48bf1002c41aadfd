/// How two images of the same size differ, for golden-image tests that allow small
/// anti-aliasing differences between FreeType and libpng versions.
public struct ImageDifference: Sendable, Equatable {
    /// Pixels where some channel differs by more than the tolerance.
    public var differingPixels: Int
    /// Pixels in each image.
    public var totalPixels: Int
    /// The largest difference seen in any channel of any pixel (0–255).
    public var largestChannelDelta: Int

    /// `differingPixels / totalPixels`.
    public var differingFraction: Double { Double(differingPixels) / Double(totalPixels) }

    /// Compares `a` with `b` pixel by pixel; nil when their sizes differ.
    ///
    /// - Parameter channelTolerance: a pixel counts as differing only when one of its channels
    ///   differs by more than this.
    public static func between(_ a: Canvas, _ b: Canvas, channelTolerance: Int) -> ImageDifference? {
        guard a.width == b.width, a.height == b.height else { return nil }
        var differing = 0
        var largest = 0
        a.pixels.withUnsafeBufferPointer { left in
            b.pixels.withUnsafeBufferPointer { right in
                for i in 0..<left.count where left[i] != right[i] {
                    let p = left[i]
                    let q = right[i]
                    let delta = max(
                        abs(Int(p >> 16 & 0xFF) - Int(q >> 16 & 0xFF)),
                        abs(Int(p >> 8 & 0xFF) - Int(q >> 8 & 0xFF)),
                        abs(Int(p & 0xFF) - Int(q & 0xFF)))
                    largest = max(largest, delta)
                    if delta > channelTolerance { differing += 1 }
                }
            }
        }
        return ImageDifference(differingPixels: differing, totalPixels: a.pixels.count, largestChannelDelta: largest)
    }
}
