// TEMPORARY compile stubs; removed when the helper branches merge.
import KioskCore
public struct InputEvent: Sendable, Hashable {
    public var seconds: Int64; public var microseconds: Int64
    public var type: UInt16; public var code: UInt16; public var value: Int32
    public init(seconds: Int64 = 0, microseconds: Int64 = 0, type: UInt16, code: UInt16, value: Int32) { fatalError() }
}
public enum InputEventCodec {
    public static let recordSize: Int = 24
    public static func encode(_ events: [InputEvent]) -> [UInt8] { fatalError() }
    public static func decode(_ bytes: some Collection<UInt8>) -> (events: [InputEvent], consumed: Int) { fatalError() }
}
public final class EvdevReader {
    public init(path: String, createFIFO: Bool) throws {}
    public var fileDescriptor: Int32 { fatalError() }
    public func readAvailable() throws -> [InputEvent] { fatalError() }
    public var isAtEnd: Bool { fatalError() }
    public func close() {}
}
public struct Tap: Sendable, Hashable { public var x: Int; public var y: Int }
public struct TouchInput: Sendable {
    public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize, slop: Int = 24) {}
    public mutating func feed(_ event: InputEvent) -> Tap? { fatalError() }
}
public struct AxisScaler: Sendable { public init(xRange: AxisRange, yRange: AxisRange, screen: ScreenSize) {}
    public func toScreen(x: Int32, y: Int32) -> (x: Int, y: Int) { fatalError() }; public func toDevice(x: Int, y: Int) -> (x: Int32, y: Int32) { fatalError() } }
public enum SyntheticTouch {
    public static func tap(x: Int, y: Int, scaler: AxisScaler, trackingID: Int32) -> [InputEvent] { fatalError() }
}
public enum EscPosEncoder {
    public static func encode(_ document: TicketDocument, paper: PaperWidth) -> [UInt8] { fatalError() }
}
public protocol PrinterTransport: Sendable {
    func send(_ bytes: [UInt8]) throws
}
public struct FilePrinter: PrinterTransport { public init(path: String) {}; public func send(_ bytes: [UInt8]) throws {} }
public struct TCPPrinter: PrinterTransport { public init(host: String, port: Int, timeoutSeconds: Double = 5) {}; public func send(_ bytes: [UInt8]) throws {} }
