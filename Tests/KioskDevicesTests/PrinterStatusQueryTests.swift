import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

@Suite("Printer real-time status")
struct PrinterStatusQueryTests {
    @Test("DLE EOT n request bytes")
    func requests() {
        #expect(PrinterStatusQuery.bytes(for: .printer) == [0x10, 0x04, 1])
        #expect(PrinterStatusQuery.bytes(for: .paperSensor) == [0x10, 0x04, 4])
    }

    @Test("answers of a ready printer say ready")
    func ready() throws {
        var status = PrinterStatus()
        for request in PrinterStatusQuery.fullCheck { #expect(PrinterStatusQuery.apply(0x12, to: request, &status)) }
        #expect(status.condition == .ready)
    }

    @Test("the answers of a printer out of paper (Epson example 1A 32 7E)")
    func paperOut() {
        var status = PrinterStatus()
        PrinterStatusQuery.apply(0x1A, to: .printer, &status)
        PrinterStatusQuery.apply(0x32, to: .offlineCause, &status)
        PrinterStatusQuery.apply(0x7E, to: .paperSensor, &status)
        #expect(status.offline && status.paperOut && status.paperNearEnd && !status.coverOpen)
        #expect(status.condition == .paperOut)
    }

    @Test(
        "single answers",
        arguments: [
            (UInt8(0x16), PrinterStatusQuery.Request.offlineCause, PrinterCondition.coverOpen),
            (0x1E, .paperSensor, .paperNearEnd),
            (0x1A, .printer, .offline),
            (0x52, .offlineCause, .offline),
            (0x1A, .errorCause, .cutterError),
            (0x32, .errorCause, .offline),
            (0x12, .errorCause, .ready),
        ])
    func single(answer: UInt8, request: PrinterStatusQuery.Request, condition: PrinterCondition) throws {
        #expect(try #require(PrinterStatusQuery.parse(answer, for: request)).condition == condition)
    }

    @Test("a byte that cannot be a status answer is refused", arguments: [UInt8(0x00), 0x13, 0x92, 0xFF, 0x41])
    func notStatus(byte: UInt8) {
        #expect(PrinterStatusQuery.parse(byte, for: .printer) == nil)
        var status = PrinterStatus()
        status.coverOpen = true
        #expect(!PrinterStatusQuery.apply(byte, to: .offlineCause, &status))
        #expect(status.condition == .coverOpen)
    }

    @Test("every byte parses or is refused without trapping")
    func allBytes() {
        for byte in UInt8.min...UInt8.max {
            for request in PrinterStatusQuery.Request.allCases {
                #expect((PrinterStatusQuery.parse(byte, for: request) != nil) == PrinterStatusQuery.isStatusByte(byte))
            }
        }
    }

    @Test("the emulator's answers read back as the state it was given")
    func emulatorAnswers() {
        for (paperOut, nearEnd, coverOpen) in [
            (false, false, false), (true, false, false), (false, true, false), (false, false, true),
        ] {
            var status = PrinterStatus()
            for request in PrinterStatusQuery.fullCheck {
                let answer = PrinterEmulator.statusAnswer(
                    request.rawValue, paperOut: paperOut, paperNearEnd: nearEnd, coverOpen: coverOpen)
                #expect(PrinterStatusQuery.apply(answer, to: request, &status))
            }
            #expect(status.paperOut == paperOut && status.coverOpen == coverOpen)
            #expect(status.offline == (paperOut || coverOpen))
            #expect(status.paperNearEnd == (nearEnd || paperOut))
        }
    }
}
