import BenchSupport
import KioskCore
import KioskDevices
import KioskTestSupport

/// `kiosk-bench --transport [--rounds N] [--print-speed MM_PER_S]`: one ticket through `TCPPrinter`
/// to the emulator on loopback, from the call to the printer's in-order confirmation: connect,
/// the real-time check, the job, and `GS r`. The transport's own share of tap-to-print, without
/// kioskd's ledger and screen.
enum TransportBench {
    static func run(rounds: Int, speed: Double) throws {
        let emulator = try PrinterEmulator(millimetresPerSecond: speed)
        defer { emulator.stop() }
        let ticket = EscPosEncoder.encode(
            TicketDocument(blocks: (1...20).map { .text("Nomor antrean A-\($0)", .body) } + [.qrCode(payload: "x"), .cut]),
            profile: .named("epson-tm-t82")!)
        let printer = TCPPrinter(host: "127.0.0.1", port: emulator.port)
        var millis: [Double] = []
        for round in 0..<(rounds + 20) {
            let start = Bench.nanoseconds()
            let attempt = printer.print(ticket, within: 10)
            guard attempt.outcome == .printed else { fatalError("round \(round): \(attempt)") }
            if round >= 20 { millis.append(Double(Bench.nanoseconds() - start) / 1e6) }
        }
        print("TCPPrinter.print, \(ticket.count)-byte ticket to the emulator"
            + (speed > 0 ? " printing at \(Int(speed)) mm/s" : "") + ": median \(Bench.fixed(Bench.quantile(millis, 0.5))) ms, "
            + "p99 \(Bench.fixed(Bench.quantile(millis, 0.99))) ms over \(rounds) tickets")
    }
}
