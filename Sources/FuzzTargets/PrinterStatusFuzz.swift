import KioskCore
import KioskDevices

/// `DLE EOT` answers, two bytes each (request, answer), folded into one status as a full check does.
enum PrinterStatusFuzz {
    static func run(_ data: [UInt8]) {
        var bytes = FuzzBytes(data)
        var status = PrinterStatus()
        while !bytes.isAtEnd {
            let requests = PrinterStatusQuery.Request.allCases
            let request = requests[Int(bytes.byte()) % requests.count]
            let answer = bytes.byte()
            let before = status
            let applied = PrinterStatusQuery.apply(answer, to: request, &status)
            precondition(applied == PrinterStatusQuery.isStatusByte(answer), "applied a non-status byte")
            precondition(applied || status == before, "a refused byte changed the status")
            precondition((PrinterStatusQuery.parse(answer, for: request) != nil) == applied, "parse and apply disagree")
        }
        _ = status.condition
    }
}
