/// A tap in screen pixels, where the finger touched down.
public struct Tap: Sendable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}
