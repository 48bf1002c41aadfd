import Foundation
import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// Resident memory of `pid` in KiB, from /proc.
private func residentKiB(_ pid: Int32) -> Int {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

/// 10,000 events a second into a real kioskd for three seconds: its memory stays flat and a
/// citizen's tap right after the storm is served at once (no backlog).
@Test(.timeLimit(.minutes(4)))
func aStormOfTouchEventsLeavesNoBacklogAndNoGrowth() throws {
    let printer = try PrinterEmulator()
    defer { printer.stop() }
    let fixture = try KioskFixture(printerPort: printer.port)
    let kiosk = try KioskProcess(arguments: ["--config", fixture.configPath])
    defer { kiosk.stop() }
    try #require(kiosk.waitForLines(containing: "ready:").count == 1)
    let touch = try KioskTouchDriver(fixture)
    try touch.tap(x: 540, y: 960)  // Wakes the kiosk and opens the FIFO's writer side below.
    usleep(300_000)
    let before = residentKiB(kiosk.pid)

    let fifo = try #require(FileHandle(forWritingAtPath: fixture.fifoPath))
    defer { try? fifo.close() }
    let down: [InputEvent] = [
        .absolute(InputCode.mtSlot, 0), .absolute(InputCode.mtTrackingID, 9), .absolute(InputCode.mtPositionX, 100),
        .absolute(InputCode.mtPositionY, 100), .key(InputCode.buttonTouch, 1), .synReport,
    ]
    fifo.write(Data(InputEventCodec.encode(down)))
    var sent = 0
    for tick in 0..<300 {  // 3 s in 10 ms steps, 100 events a step.
        var burst: [InputEvent] = []
        for step in 0..<50 {
            burst.append(.absolute(InputCode.mtPositionY, Int32(100 + (tick * 50 + step) % 30000)))
            burst.append(.synReport)
        }
        fifo.write(Data(InputEventCodec.encode(burst)))
        sent += burst.count
        usleep(10_000)
    }
    fifo.write(Data(InputEventCodec.encode([.absolute(InputCode.mtTrackingID, -1), .key(InputCode.buttonTouch, 0), .synReport])))
    #expect(sent == 30_000)
    usleep(200_000)
    let growth = residentKiB(kiosk.pid) - before
    #expect(growth < 2048, "resident memory grew by \(growth) KiB during the storm")

    let started = Date()
    try touch.press(.chooseAgency(AgencyID("imigrasi")), on: .home)
    try touch.press(.chooseService(ServiceID("paspor-baru")), on: .services(AgencyID("imigrasi"), page: 0))
    #expect(printer.waitForReceipts(count: 1, timeout: 10).count == 1, "the taps after the storm were served")
    #expect(Date().timeIntervalSince(started) < 2, "no backlog of storm events delayed them")
}
