import KioskCore
import KioskDisplay
import KioskLink

/// Gathers what the overview shows that only the runtime knows: the drivers' states, the software
/// version, when kioskd started and the machine's addresses.
enum DiagnosticsFactsCollector {
    static func collect(
        config: KioskConfig, touch: TouchDevice, scanDesk: ScanDesk, display: DisplayHealth, server: ServerConnection?,
        catalogue: Catalogue, startedAt: Timestamp
    ) -> DiagnosticsFacts {
        let linkStatusPath = server.map { _ in LinkStatus.path(stateDirectory: config.stateDirectory) }
        let displayFact: DeviceFact
        switch display {
        case .showing(let what): displayFact = DeviceFact(level: .ok, detail: what)
        case .noScreen(let what): displayFact = DeviceFact(level: .fault, detail: what)
        case .failed(let why): displayFact = DeviceFact(level: .fault, detail: why)
        }
        var facts = DiagnosticsFacts(
            version: KioskVersion.current, startedAt: startedAt, addresses: addresses(),
            touch: DeviceFact(level: touch.isPresent ? .ok : .fault, detail: touch.isPresent ? touch.summary : "missing"),
            scanner: config.scanner != nil ? DeviceFact(level: .ok, detail: scanDesk.summary) : nil, display: displayFact,
            server: linkStatusPath.map(serverFact),
            paperLeftMillimetres: KioskctlPrinterCommands.paperCounter(config).remainingMillimetres())
        facts.canUndoCalibration = CalibrationStore.canUndo(stateDirectory: config.stateDirectory)
        facts.logLines = LogMemory.lines()
        if let server, let linkStatusPath {
            facts.network = network(server, config: config, catalogue: catalogue, statusPath: linkStatusPath)
        }
        return facts
    }

    /// The link as its thread last saw it, and the outbox and leases as sync.sqlite holds them now.
    private static func network(
        _ server: ServerConnection, config: KioskConfig, catalogue: Catalogue, statusPath: String
    ) -> NetworkFacts {
        let activity = server.supervisor.activity.withLock { $0 }
        let day = LocalTime(Timestamp(millisecondsSinceEpoch: WallClock.milliseconds()), zone: config.timeZone).dayKey
        let leases = catalogue.allServices.compactMap { service -> LeaseCount? in
            guard let left = try? server.journal.leasedNumbersLeft(service: service.id, day: day), left > 0 else { return nil }
            return LeaseCount(service: service.id, left: left)
        }
        return NetworkFacts(
            serverURL: server.url, online: activity.online, status: serverFact(statusPath).detail,
            lastHeartbeat: activity.lastHeartbeat.map(Timestamp.init(millisecondsSinceEpoch:)),
            lastSync: activity.lastSync.map(Timestamp.init(millisecondsSinceEpoch:)),
            outboxDepth: try? server.journal.outboxDepth(), leasesLeft: leases,
            clockOffsetMilliseconds: activity.clockOffsetMilliseconds)
    }

    /// The queue server link as the status file `kioskctl status` reads says it.
    private static func serverFact(_ path: String) -> DeviceFact {
        guard let line = try? Files.readText(path).split(separator: "\n").first.map(String.init) else {
            return DeviceFact(level: .warning, detail: "not reached yet")
        }
        return DeviceFact(level: line == "ok" ? .ok : .fault, detail: Log.escaped(line))
    }

    /// IPv4 and IPv6 addresses of the machine's interfaces, loopback left out (`getifaddrs`).
    static func addresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var found: [String] = []
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, entry.pointee.ifa_flags & UInt32(IFF_LOOPBACK) == 0 else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let name = String(cString: entry.pointee.ifa_name)
            found.append(name + " " + String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return found
    }
}
