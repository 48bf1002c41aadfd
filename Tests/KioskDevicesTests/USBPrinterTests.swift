import KioskCore
import KioskDevices
import Testing

/// The build and CI machines have no USB printer: libusb starts, finds none, and the transport
/// says it is unavailable instead of failing the kiosk.
@Suite("USB transport without a printer")
struct USBPrinterTests {
    @Test("no printer connected: offline, and a job fails saying the printer is unavailable")
    func unavailable() throws {
        try #require(USBPrinter.connectedPrinters().isEmpty, "this test needs a machine with no USB printer")
        let printer = USBPrinter(vendorID: 0x04B8, productID: 0x0202)
        #expect(printer.name == "usb:04b8:0202")
        #expect(printer.condition() == .offline)
        let error = #expect(throws: PrinterError.self) { try printer.send([0x1B, 0x40]) }
        #expect(error?.reason.hasPrefix("unavailable") == true)
    }
}
