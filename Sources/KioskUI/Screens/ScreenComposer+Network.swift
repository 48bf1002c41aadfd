import KioskCore

extension ScreenComposer {
    /// The queue server link: URL, online or offline and why, last heartbeat and sync, the outbox,
    /// leased numbers left per service, the clock offset, and "sync now"; a standalone kiosk (facts without
    /// a network) says it has no server.
    mutating func composeNetwork() {
        composeTitle(DiagnosticsText.networkTitle(language))
        let back = (DiagnosticsText.backToOverview(language), Action.openDiagnostics(.overview))
        let facts = state.technician.facts
        if let facts, facts.network == nil {
            addDiagnosticRows([("", DiagnosticsText.noServer(language), Theme.title)])
            addDiagnosticButtons([back])
            return addTechnicianExit()
        }
        let network = facts?.network
        let unknown = DiagnosticsText.unknown(language), never = DiagnosticsText.never(language)
        let link = network.map {
            ($0.online ? DiagnosticsText.online(language) : DiagnosticsText.offline(language)) + " · " + $0.status
        }
        let leases = network.map { facts in
            facts.leasesLeft.isEmpty
                ? DiagnosticsText.noLeases(language)
                : facts.leasesLeft.map { "\(settings.catalogue.service($0.service)?.prefix ?? $0.service.rawValue) \($0.left)" }
                    .joined(separator: " · ")
        }
        var rows: [(String, String, Color)] = [
            (DiagnosticsText.serverURL(language), network?.serverURL ?? unknown, Theme.title),
            (DiagnosticsText.link(language), link ?? unknown, network.map { $0.online ? Theme.success : Theme.warning } ?? Theme.title),
            (DiagnosticsText.lastHeartbeat(language), network.map { $0.lastHeartbeat.map(clockText) ?? never } ?? unknown, Theme.title),
            (DiagnosticsText.lastSync(language), network.map { $0.lastSync.map(clockText) ?? never } ?? unknown, Theme.title),
            (
                DiagnosticsText.outbox(language),
                network?.outboxDepth.map { DiagnosticsText.tickets(language, ["count": String($0)]) } ?? unknown, Theme.title
            ),
            (DiagnosticsText.clockOffset(language), network?.clockOffsetMilliseconds.map(offsetText) ?? unknown, Theme.title),
            (DiagnosticsText.leasesLeft(language), leases ?? unknown, Theme.title),
        ]
        rows += noteRow(state.technician.note)
        addDiagnosticRows(rows)
        addDiagnosticButtons([(DiagnosticsText.syncNow(language), .syncNow), back], disabled: network == nil ? [.syncNow] : [])
        addTechnicianExit()
    }

    /// `time` as HH:MM:SS, with its date when it is not today.
    func clockText(_ time: Timestamp) -> String {
        let local = LocalTime(time, zone: settings.timeZone)
        let clock = "\(local.timeText):\(local.second < 10 ? "0" : "")\(local.second)"
        return local.dayKey == localTime.dayKey ? clock : local.dayKey + " " + clock
    }

    /// A clock offset in milliseconds, signed, in seconds past 10 s.
    private func offsetText(_ milliseconds: Int64) -> String {
        let sign = milliseconds < 0 ? "−" : "+"
        let magnitude = milliseconds.magnitude
        return magnitude >= 10_000 ? "\(sign)\(magnitude / 1000) s" : "\(sign)\(magnitude) ms"
    }
}
