import Foundation

/// kioskd printing over libusb to the USB printer gadget: the ticket's bytes at the gadget end,
/// paper empty reported by the gadget (idle, and mid-job), the gadget unbound during a job and bound again.
struct PrinterScenario {
    let rig: String

    func run() throws {
        let name = "printer-usb"
        let plan = try TapPlan(path: rig + "/touch-plan")
        let gadget = try PrinterGadget()
        try gadget.waitForUsblp(seconds: 15)
        let panel = try UInputDevice(.multitouch, name: "rig printer panel")
        // kioskd restarted on the same state directory between checks: back on the attract screen,
        // numbering carried on.
        func start() throws -> GuestKiosk {
            let kiosk = try GuestKiosk(
                directory: "/tmp/\(name)", catalogue: rig + "/catalogue.json", screen: plan.screen,
                printer: #"{"kind": "usb", "vendorId": "04b8", "productId": "0202", "paper": "80mm"}"#)
            // Its first status poll decides whether a citizen may start: wait for it.
            _ = try kiosk.waitForLine(containing: "printer is ready", seconds: 30)
            return kiosk
        }
        var kiosk = try start()
        var passed = true
        defer {
            kiosk.stop()
            if !passed {
                kiosk.dumpLog(prefix: "RIG-LOG \(name)")
                dumpKernelLog(prefix: "RIG-KERNEL \(name)", containing: ["usb", "gadget", "printer"])
            }
        }
        var citizen = Citizen(kiosk: kiosk, plan: plan)
        func restart() throws {
            if !passed { kiosk.dumpLog(prefix: "RIG-LOG \(name)") }
            kiosk.stop()
            kiosk = try start()
            citizen = Citizen(kiosk: kiosk, plan: plan, issued: citizen.issued)
        }

        check(&passed, "\(name).print", Date()) {
            let ready = try kiosk.waitForLine(containing: "ready:", seconds: 1).line
            guard ready.contains("printer usb 04b8:0202") else { throw AgentError("the ready line names the printer otherwise: \(ready)") }
            let mark = gadget.count
            let ticket = try citizen.takeTicket(on: panel, printed: true)
            let bytes = gadget.bytes(from: mark)
            let printed = PrintedTicket(bytes)
            guard bytes.firstRange(of: Array(ticket.number.utf8)) != nil else {
                throw AgentError("\(ticket.number) is not among the \(bytes.count) bytes at /dev/g_printer0")
            }
            guard printed.qrPayload == ticket.id else {
                throw AgentError("QR payload \(printed.qrPayload ?? "none") is not the ticket id \(ticket.id)")
            }
            guard printed.cutAfterQR else { throw AgentError("no cut (GS V) after the QR code") }
            try gadget.waitForUsblp(seconds: 5)
            try citizen.pressDone(on: panel)
            return "\(ticket.number): \(bytes.count) bytes at the gadget, QR = ticket id, cut; usblp bound again after the job"
        }
        /// kioskd's idle watch reads the port status every half second: `word` must be logged within
        /// 3 s of the change (the idle poll would take up to 15 s); the seconds it took.
        func heardWhileIdle(_ word: String, after mark: Int, from start: Date) throws -> String {
            _ = try kiosk.waitForLine(containing: "printer is \(word)", after: mark, seconds: 3)
            return String(format: "%.2f s", Date().timeIntervalSince(start))
        }
        check(&passed, "\(name).paper-out", Date()) {
            let mark = kiosk.lineCount
            let start = Date()
            try gadget.setStatus(paperEmpty: true)
            let heard = try heardWhileIdle("paper-out", after: mark, from: start)
            let walked = kiosk.lineCount
            try citizen.walk(on: panel)
            try waitUntilIdle(kiosk.pid)
            if let issued = try? kiosk.waitForLine(containing: "ticket id=", after: walked, seconds: 0) {
                throw AgentError("a number was issued while the printer had no paper: \(issued.line)")
            }
            let refill = Date()
            try gadget.setStatus(paperEmpty: false)
            let ready = try heardWhileIdle("ready", after: walked, from: refill)
            return "paper-out logged \(heard) after the gadget's port status said paper empty (LPGETSTATUS through usblp),"
                + " the walk issued no number, ready \(ready) after the refill"
        }
        check(&passed, "\(name).cover-open-idle", Date()) {
            let mark = kiosk.lineCount
            let start = Date()
            try gadget.strikeNow(.coverOpen)
            let heard = try heardWhileIdle("cover-open", after: mark, from: start)
            let closed = kiosk.lineCount
            let close = Date()
            try gadget.clearFaults()
            let ready = try heardWhileIdle("ready", after: closed, from: close)
            try gadget.waitForUsblp(seconds: 5)
            return "cover-open logged \(heard) after the port status said error (DLE EOT named the cover), ready \(ready) after it closed"
        }
        try restart()
        check(&passed, "\(name).unbind", Date()) {
            // Just restarted: kioskd's next idle status poll is 15 s away, so the next DLE EOT is the job's.
            gadget.unbindAtNextJob()
            let ticket = try citizen.takeTicket(on: panel, printed: false)
            let rebound = kiosk.lineCount
            try PrinterGadget.bind(true)
            _ = try kiosk.waitForLine(containing: "printer is ready", after: rebound, seconds: 20)
            return "\(ticket.number) recorded printed=no, the gadget unbound at the job's status query; ready again once bound"
        }
        try restart()
        var stopped: String?
        var refilled = kiosk.lineCount
        check(&passed, "\(name).paper-out-mid-job", Date()) {
            let mark = kiosk.lineCount
            gadget.faultAtNextJob(.paperEnd)
            let ticket = try citizen.takeTicket(on: panel, printed: false)
            stopped = ticket.number
            guard ticket.line.contains("printed=uncertain"), ticket.line.contains("cleared from the printer (DLE DC4 8)") else {
                throw AgentError("expected uncertain with the rest cleared: \(ticket.line)")
            }
            guard gadget.clearRequests > 0 else { throw AgentError("no DLE DC4 8 reached the gadget") }
            // The next citizen is warned: kioskd knows the printer has no paper before anyone taps.
            _ = try kiosk.waitForLine(containing: "printer is paper-out", after: mark, seconds: 10)
            refilled = kiosk.lineCount
            try gadget.setStatus(paperEmpty: false)
            return "\(ticket.number) recorded printed=uncertain, the rest cleared (DLE DC4 8 answered), paper-out logged"
        }
        /// Back from the last ticket's notice to a ready first screen, then `fault` strikes as the next
        /// job arrives: the ticket is never recorded printed, kioskd then names `condition` (the next
        /// citizen is turned away before choosing), and after the fix it finds the printer ready.
        func midJob(_ fault: PrinterGadget.Fault, condition: String) throws -> String {
            try gadget.clearFaults()  // nothing left over from a check that failed before its fix
            let back = try plan.point("notice-back")
            try panel.tap(x: back.x, y: back.y, screen: plan.screen)
            _ = try kiosk.waitForLine(containing: "printer is ready", after: refilled, seconds: 15)
            let mark = kiosk.lineCount
            gadget.faultAtNextJob(fault)
            let ticket = try citizen.takeTicket(on: panel, printed: false)
            let named = try kiosk.waitForLine(containing: "printer is \(condition)", after: mark, seconds: 10).line
            refilled = kiosk.lineCount
            try gadget.clearFaults()
            return "\(ticket.number) recorded \(ticket.line.contains("printed=no") ? "printed=no" : "printed=uncertain")"
                + " (\(ticket.line.split(separator: "reason=").last.map(String.init) ?? "")); then \(named.split(separator: " ").suffix(3).joined(separator: " "))"
        }
        // What else the gadget can express mid-job, on the same kioskd (no restart: the rig's time is short).
        for (fault, condition) in [(PrinterGadget.Fault.coverOpen, "cover-open"), (.cutterError, "cutter-error"), (.stopsReading, "not-answering")] {
            check(&passed, "\(name).\(fault.rawValue)-mid-job", Date()) {
                try midJob(fault, condition: condition)
            }
        }
        try restart()
        check(&passed, "\(name).rebind", Date()) {
            let mark = gadget.count
            let ticket = try citizen.takeTicket(on: panel, printed: true)
            let bytes = gadget.bytes(from: mark)
            guard bytes.firstRange(of: Array(ticket.number.utf8)) != nil else {
                throw AgentError("\(ticket.number) did not reach the gadget after the re-bind")
            }
            if let stopped, bytes.firstRange(of: Array(stopped.utf8)) != nil {
                throw AgentError("the stopped ticket \(stopped) was printed again")
            }
            return "\(ticket.number) printed after the gadget was bound again and the roll refilled"
        }
        /// A late `GS r` answer of an earlier job (one byte, 00: paper present) waits in the IN endpoint
        /// when a job begins; kioskd must read it away before the job, so only the job's own answer confirms it.
        func strayAnswer() throws -> String {
            // usblp reads bulk IN while /dev/usb/lp0 is open (the idle watch holds it) and would swallow the
            // byte; without it the watch asks the port status through libusb, which reads nothing on bulk IN.
            let interface = try PrinterGadget.unbindUsblp()
            defer { try? PrinterGadget.bindUsblp(interface) }
            /// A walk whose first tap makes kioskd ask `DLE EOT` (a citizen arrived); once the four are
            /// answered the stray byte goes in behind them, so the job's own read is the next on bulk IN.
            func walkWithStray(printed: Bool) throws -> (Citizen.Ticket, asked: Bool) {
                let mark = gadget.count
                let inOrder = gadget.inOrderRequests
                var (asked, strayAt) = (false, 0)
                do {
                    let ticket = try citizen.takeTicket(on: panel, printed: printed) {
                        asked = (try? waitUntil("the arrival's DLE EOT 1…4 reach the gadget", seconds: 3) {
                            gadget.statusRequests(after: mark) >= 4 ? true : nil
                        }) != nil
                        strayAt = gadget.count
                        try gadget.sendUnasked([0x00])
                    }
                    return (ticket, asked)
                } catch {
                    let now = gadget.inOrderRequests
                    throw AgentError("\(error); the gadget: arrival's DLE EOT seen \(asked), DLE EOT after the stray "
                        + "\(gadget.statusRequests(after: strayAt)), GS r seen \(now.seen - inOrder.seen) answered \(now.answered - inOrder.answered)")
                }
            }
            gadget.faultAtNextJob(.ignoresInOrder)
            let (silent, asked) = try walkWithStray(printed: false)
            guard silent.line.contains("printed=uncertain") else {
                throw AgentError("the stray answer was taken, or the job never sent: \(silent.line)")
            }
            try gadget.clearFaults()
            let mark = kiosk.lineCount
            let back = try plan.point("notice-back")
            try panel.tap(x: back.x, y: back.y, screen: plan.screen)
            _ = try kiosk.waitForLine(containing: "printer is ready", after: mark, seconds: 15)
            let (answered, _) = try walkWithStray(printed: true)
            return "\(silent.number) with a stray 00 waiting on bulk IN and GS r unanswered: printed=uncertain"
                + (asked ? "" : " (the arrival's DLE EOT not seen: the stray may have been read by a poll)")
                + "; \(answered.number) with a stray and GS r answered: printed=yes"
        }
        check(&passed, "\(name).stray-answer", Date()) {
            try citizen.pressDone(on: panel)
            return try strayAnswer()
        }
    }
}
