// TEMPORARY compile stubs; removed when the helper branches merge.
import KioskCore
public enum EscPosEncoder {
    public static func encode(_ document: TicketDocument, paper: PaperWidth) -> [UInt8] { fatalError() }
}
public protocol PrinterTransport: Sendable {
    func send(_ bytes: [UInt8]) throws
}
public struct FilePrinter: PrinterTransport { public init(path: String) {}; public func send(_ bytes: [UInt8]) throws {} }
public struct TCPPrinter: PrinterTransport { public init(host: String, port: Int, timeoutSeconds: Double = 5) {}; public func send(_ bytes: [UInt8]) throws {} }
