// TEMPORARY compile stubs; removed when the helper branches merge.
import KioskUI
public final class PrinterEmulator: @unchecked Sendable {
    public init(port: Int = 0) throws { self.port = 0 }
    public let port: Int
    public var paperOut: Bool = false
    public var receipts: [PrintedReceipt] { fatalError() }
    public func waitForReceipts(count: Int, timeout: Double) -> [PrintedReceipt] { fatalError() }
    public func stop() {}
}
public struct PrintedReceipt: Sendable {
    public var bytes: [UInt8]
    public var qrPayloads: [String]
    public var wasCut: Bool
    public var text: String { fatalError() }
    public func render(paperDots: Int) throws -> Canvas { fatalError() }
}
