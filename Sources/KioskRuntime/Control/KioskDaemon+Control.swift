import KioskCore
import KioskDevices

/// The control socket's requests, answered inside the event loop: what touches a device or the core goes
/// through the same paths a touch, a scan or a diagnostics button takes.
extension KioskDaemon {
    /// Opens the control socket at the configured path; a kiosk without one still serves citizens.
    static func openControlSocket(_ config: KioskConfig) -> ControlSocket? {
        do {
            let socket = try ControlSocket(path: config.controlSocket)
            Log.write(.info, "control socket \(socket.path) (group \(socket.group), mode 0660)")
            return socket
        } catch {
            Log.write(.error, "control socket off, kioskctl cannot reach kioskd: \(error)")
            return nil
        }
    }

    /// Carries out `request` from `peer` and says how it went.
    func answer(_ request: ControlRequest, from peer: ControlPeer) -> ControlAnswer {
        if request != .status, request != .printerStatus, request != .logs { Log.write(.info, "\(peer): \(request.command)") }
        switch request {
        case .status: return statusAnswer()
        case .tickets(let day):
            let chosen = day ?? LocalTime(Clock.now(), zone: config.timeZone).dayKey
            do {
                return ControlAnswer(ControlFacts.tickets(try store.tickets(day: chosen), day: chosen, zone: config.timeZone))
            } catch {
                return ControlAnswer(.failed("ledger: \(error)"))
            }
        case .tap(let x, let y):
            let size = config.display.size
            guard x < size.width, y < size.height else {
                return ControlAnswer(.usage("(\(x), \(y)) is off the \(size.width)x\(size.height) screen"))
            }
            let pressed = handle(Tap(x: x, y: y), readAt: Clock.monotonicNanoseconds())
            return ControlAnswer([("x", .integer(x)), ("y", .integer(y)), ("pressed", .flag(pressed))])
        case .scan(let code):
            guard config.scanner != nil else { return ControlAnswer(.usage("the configuration has no scanner")) }
            dispatch(.scanned(Array(code.utf8)), tapAt: nil)
            return ControlAnswer([("bytes", .integer(code.utf8.count))])
        case .printerStatus:
            return ControlAnswer(
                [("printer", .text(PrinterFactory.transport(for: config.printer).name)), ("condition", .text(state.printer.rawValue)),
                 ("reason", .text(PrinterStatusWords.reason(state.printer)))]
                    + ControlFacts.paper(KioskctlPrinterCommands.paperCounter(config)))
        case .printerTest:
            guard dispatch(.technicianRequest(.printTestPage, from: "kioskctl (\(peer))"), tapAt: nil).contains(.printTestPage) else {
                return ControlAnswer(.busy("a citizen is mid-journey: try again when the kiosk is back on its first screen"))
            }
            return ControlAnswer([("testPage", .text("sent; kioskd logs \"test page: printed\" when the printer confirms it"))])
        case .paperReset:
            dispatch(.technicianRequest(.resetPaper, from: "kioskctl (\(peer))"), tapAt: nil)
            return ControlAnswer([("rollMillimetres", .integer(KioskctlPrinterCommands.paperCounter(config).rollMillimetres))])
        case .restart:
            restartRequested = true
            Log.write(.info, "restart asked by \(peer): kioskd restarts in place when no citizen is mid-journey")
            return ControlAnswer([("restart", .text("when no citizen is mid-journey"))])
        case .calibrate:
            _ = dispatch(.technicianRequest(.calibrate, from: "kioskctl (\(peer))"), tapAt: nil)
            guard state.screen == .diagnostics(.calibration) else {
                return ControlAnswer(.busy("a citizen is mid-journey: try again when the kiosk is back on its first screen"))
            }
            return ControlAnswer([("calibration", .text("on the kiosk's screen: touch the 5 targets, then Save"))])
        case .logs: return ControlAnswer(ControlFacts.logs())
        case .syncNow:
            guard config.server != nil else { return ControlAnswer(.usage("this kiosk has no queue server")) }
            guard dispatch(.technicianRequest(.syncNow, from: "kioskctl (\(peer))"), tapAt: nil).contains(.technician(.syncNow)) else {
                return ControlAnswer(.busy("a citizen is mid-journey: try again when the kiosk is back on its first screen"))
            }
            return ControlAnswer([("sync", .text("asked; kioskd logs \"synced as a technician asked\" when done"))])
        }
    }

    private func statusAnswer() -> ControlAnswer {
        let facts = DiagnosticsFactsCollector.collect(
            config: config, touch: touch, scanDesk: scanDesk, display: display.health, server: server,
            catalogue: catalogue, startedAt: startedAt)
        let now = Clock.now()
        let lockout = state.technician.lockout
        let locked = state.technician.isLocked(at: now)
        let uptime = max(0, now.millisecondsSinceEpoch &- startedAt.millisecondsSinceEpoch) / 1000
        var server: [(String, JSONValue)] = [("url", .text(config.server?.url ?? "standalone"))]
        if let fact = facts.server {
            server.append(("link", ControlFacts.device(fact)))
            server.append(("tokenRefused", .flag(fact.detail.hasPrefix("token refused"))))
        }
        return ControlAnswer([
            ("kioskId", .text(config.kioskID)), ("version", .text(facts.version)), ("uptimeSeconds", .integer(uptime)),
            ("screen", .text(Self.screenName(state.screen))), ("betweenCitizens", .flag(isBetweenCitizens)),
            ("configuration", .text(fallback ?? "as configured")),
            ("printer", .fields([("condition", .text(state.printer.rawValue)), ("reason", .text(PrinterStatusWords.reason(state.printer)))]
                + ControlFacts.paper(KioskctlPrinterCommands.paperCounter(config)))),
            ("touch", ControlFacts.device(facts.touch)), ("scanner", ControlFacts.device(facts.scanner)),
            ("display", ControlFacts.device(facts.display)), ("server", .fields(server)),
            ("pinPad", .fields([
                ("locked", .flag(locked)), ("lockedUntil", .integer(locked ? (lockout.lockedUntil?.millisecondsSinceEpoch ?? 0) / 1000 : 0)),
                ("lockouts", .integer(lockout.level)), ("wrongInARow", .integer(lockout.wrongInARow)),
                ("technician", .text(state.technician.technician ?? "")),
            ])),
            ("addresses", .list(facts.addresses.map(JSONValue.text))),
        ])
    }

    /// The screen's kind in one word, for the status answer.
    static func screenName(_ screen: Screen) -> String {
        switch screen {
        case .home: "home"
        case .agencies: "agencies"
        case .category: "category"
        case .letter: "letter"
        case .services: "services"
        case .ticket: "ticket"
        case .notice: "notice"
        case .unavailable: "unavailable"
        case .checking: "checking"
        case .booking: "booking"
        case .priorityChoice: "priority"
        case .ticketStatus: "ticket-status"
        case .survey: "survey"
        case .scanNotice: "scan-notice"
        case .outOfService: "out-of-service"
        case .diagnostics(let screen): "diagnostics-\(screen)"
        }
    }
}
