import Foundation

/// A citizen at the kiosk: taps imigrasi on the first screen, then paspor-baru, on a
/// touchscreen, at the button centres of the host's tap plan.
struct Citizen {
    let kiosk: GuestKiosk
    let plan: TapPlan
    /// Tickets issued so far by this kiosk (paspor-baru numbers F-001, F-002, …).
    var issued = 0

    /// The ticket a walk produced: its number and kioskd's ticket log line.
    struct Ticket {
        var number: String
        var line: String
        /// The `id=` of the log line (the QR payload).
        var id: String {
            line.split(separator: " ").first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) } ?? ""
        }
    }

    /// Walks to the next paspor-baru number and waits for kioskd's ticket line, which must say
    /// `printed=yes` (or `printed=no` or `printed=uncertain` when `printed` is false); `betweenTaps`
    /// runs after the first tap.
    mutating func takeTicket(on panel: any TouchPanel, printed: Bool, betweenTaps: () throws -> Void = {}) throws -> Ticket {
        issued += 1
        let number = "F-" + String(repeating: "0", count: max(0, 3 - String(issued).count)) + String(issued)
        let mark = kiosk.lineCount
        try walk(on: panel, betweenTaps: betweenTaps)
        let line = try kiosk.waitForLine(containing: "ticket id=", after: mark, seconds: 20).line
        guard line.contains("number=\(number) "), line.contains("service=paspor-baru"),
            // Not printed: failed (nothing sent) or uncertain (bytes left, never confirmed); never "yes".
            printed ? line.contains("printed=yes") : (line.contains("printed=no") || line.contains("printed=uncertain"))
        else {
            throw AgentError("expected \(number) of paspor-baru with printed=\(printed ? "yes" : "no or uncertain"): \(line)")
        }
        return Ticket(number: number, line: line)
    }

    /// The two taps of a walk, without waiting for anything.
    func walk(on panel: any TouchPanel, betweenTaps: () throws -> Void = {}) throws {
        for button in ["agency", "service"] {
            if button == "service" { try betweenTaps() }
            let point = try plan.point(button)
            try panel.tap(x: point.x, y: point.y, screen: plan.screen)
        }
    }

    /// Presses Done on the ticket screen and waits until kioskd has read it.
    func pressDone(on panel: any TouchPanel) throws {
        let done = try plan.point("done")
        try panel.tap(x: done.x, y: done.y, screen: plan.screen)
        try waitUntilIdle(kiosk.pid)
    }
}
