// TEMPORARY compile stubs; removed when the helper branches merge.
import KioskCore
public struct ScreenLayout: Sendable, Equatable {
    public struct Button: Sendable, Equatable { public var frame: Rect; public var action: Action; public var enabled: Bool }
    public var buttons: [Button]
    public func action(atX x: Int, y: Int) -> Action? { fatalError() }
}
public enum LayoutMetrics {
    public static func pageCapacity(for size: ScreenSize) -> (agencies: Int, services: Int) { fatalError() }
}
public final class ScreenRenderer {
    public init(size: ScreenSize, mallName: LocalizedText, kioskID: String) throws {}
    public func layout(_ state: KioskState, settings: FlowSettings, now: Timestamp) -> ScreenLayout { fatalError() }
    public func render(_ state: KioskState, settings: FlowSettings, now: Timestamp) -> Canvas { fatalError() }
}
