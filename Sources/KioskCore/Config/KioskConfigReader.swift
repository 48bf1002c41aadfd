/// Reads and validates a kiosk configuration document; see kiosk-config/README.md.
enum KioskConfigReader {
    static func read(_ root: ConfigNode) throws(ConfigError) -> KioskConfig {
        let top = try root.object().allowingOnly([
            "kioskId", "mallName", "catalogue", "stateDirectory", "timeZone", "idleTimeoutSeconds",
            "idlePromptSeconds", "ticketScreenSeconds", "display", "input", "printer", "alwaysOpen", "scanner", "server",
            "diagnostics", "controlSocket", "speech", "mostUsedServicesFirst",
        ])
        var config = KioskConfig(
            kioskID: try kioskID(top.required("kioskId", example: "\"MPP-BADUNG-K01\"")),
            mallName: try top.required("mallName", example: "{\"id\": \"…\", \"en\": \"…\"}").localizedText(),
            cataloguePath: try top.required("catalogue", example: "\"catalogue.json\"").path("catalogue file"),
            display: try display(top.required("display", example: "{\"kind\": \"headless\", …}")),
            input: try input(top.required("input", example: "{\"kind\": \"evdev\", \"path\": \"/dev/input/event0\"}")),
            printer: try printer(top.required("printer", example: "{\"kind\": \"tcp\", …}")),
            stateDirectory: try top.required("stateDirectory", example: "\"/var/lib/kioskd\"").path("state directory"),
            timeZone: try top.optional("timeZone").map(timeZone) ?? .wita,
            idleTimeoutSeconds: try top.optional("idleTimeoutSeconds")?.integer(in: 5...600) ?? 30,
            ticketScreenSeconds: try top.optional("ticketScreenSeconds")?.integer(in: 2...120) ?? 10,
            alwaysOpen: try top.optional("alwaysOpen")?.bool() ?? false,
            scanner: try top.optional("scanner").map(ScannerConfigReader.read),
            server: try top.optional("server").map(ServerConfigReader.read),
            idlePromptSeconds: try top.optional("idlePromptSeconds")?.integer(in: 0...60) ?? 10)
        config.catalogueWrittenAt = try top.required("catalogue", example: "\"catalogue.json\"").value.position
        if let node = top.optional("controlSocket") {
            config.controlSocket = try node.path("control socket")
            guard config.controlSocket.utf8.count <= 107 else {
                throw node.error(
                    "the control socket's path is \(config.controlSocket.utf8.count) bytes long; a Unix socket's holds 107",
                    fix: "Use a shorter path, e.g. \"/run/kioskd/control.sock\".")
            }
        }
        config.speech = try top.optional("speech").map(speech)
        config.mostUsedServicesFirst = try top.optional("mostUsedServicesFirst")?.bool() ?? false
        config.diagnostics = try top.optional("diagnostics").map { node throws(ConfigError) in
            try diagnostics(node, screen: config.display.size)
        }
        return config
    }

    /// `{"cornerPixels": 160, "holdSeconds": 2, "secondCornerWithinSeconds": 10}`: the hidden gesture.
    private static func diagnostics(_ node: ConfigNode, screen: ScreenSize) throws(ConfigError) -> DiagnosticsSettings {
        let screenWidth = screen.width
        let object = try node.object().allowingOnly(["cornerPixels", "holdSeconds", "secondCornerWithinSeconds"])
        var settings = DiagnosticsSettings(screenWidth: screenWidth, screenHeight: screen.height)
        if let corner = try object.optional("cornerPixels")?.integer(in: 40...max(40, screenWidth / 3)) {
            settings.cornerPixels = corner
        }
        if let hold = try object.optional("holdSeconds")?.integer(in: 1...10) { settings.holdMilliseconds = hold * 1000 }
        if let window = try object.optional("secondCornerWithinSeconds")?.integer(in: 2...60) {
            settings.secondCornerWithinSeconds = window
        }
        return settings
    }

    private static func kioskID(_ node: ConfigNode) throws(ConfigError) -> String {
        let id = try node.string()
        let fix = "Use 1 to 32 letters, digits and '-', e.g. \"MPP-BADUNG-K01\"."
        guard (1...32).contains(id.count) else {
            throw node.error("kiosk id must be 1 to 32 characters long, not \(id.count)", fix: fix)
        }
        if let bad = id.unicodeScalars.first(where: { !isIDCharacter($0) }) {
            throw node.error("kiosk id \"\(id)\" contains \"\(bad)\"", fix: fix)
        }
        return id
    }

    private static func isIDCharacter(_ c: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-"
    }

    /// `{"abbreviation": "WITA", "utcOffset": "+08:00"}`.
    private static func timeZone(_ node: ConfigNode) throws(ConfigError) -> KioskTimeZone {
        let object = try node.object().allowingOnly(["abbreviation", "utcOffset"])
        let abbreviationNode = try object.required("abbreviation", example: "\"WITA\"")
        let abbreviation = try abbreviationNode.string()
        guard (1...8).contains(abbreviation.count), abbreviation.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
        else {
            throw abbreviationNode.error(
                "time zone abbreviation \"\(abbreviation)\" is not 1 to 8 capital letters",
                fix: "Write it as printed on tickets, e.g. \"WIB\", \"WITA\" or \"WIT\".")
        }
        let offsetNode = try object.required("utcOffset", example: "\"+08:00\"")
        let offset = try offsetNode.string()
        guard let seconds = utcOffsetSeconds(offset) else {
            throw offsetNode.error(
                "UTC offset \"\(offset)\" is not of the form ±HH:MM",
                fix: "Write a sign, two-digit hours up to 14 and minutes, e.g. \"+08:00\" for WITA.")
        }
        return KioskTimeZone(abbreviation: abbreviation, offsetSeconds: seconds)
    }

    /// Seconds east of UTC for `+HH:MM` or `-HH:MM`, hours 0...14, minutes 0...59.
    static func utcOffsetSeconds(_ text: String) -> Int? {
        let chars = Array(text)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
            let hours = Int(String(chars[1...2])), let minutes = Int(String(chars[4...5])),
            chars[1...2].allSatisfy(\.isASCII), chars[4...5].allSatisfy(\.isASCII),
            (0...14).contains(hours), (0...59).contains(minutes)
        else { return nil }
        return (chars[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    // MARK: Devices

    private static func display(_ node: ConfigNode) throws(ConfigError) -> DisplayConfig {
        let object = try node.object()
        let kind = try object.required("kind", example: "\"headless\"").choice("device kind", of: DisplayConfig.Kind.self)
        let common = ["kind", "width", "height", "snapshot", "vnc", "panelMillimetres"]
        let keys = kind == .headless ? common : kind == .fbdev ? common + ["device", "rotation"] : common + ["device", "rotation", "mode"]
        let checked = try object.allowingOnly(
            keys, kind: .init(label: "display kind \"\(kind.rawValue)\"", otherKindsKeys: ["device", "rotation", "mode"]))
        let size = ScreenSize(
            width: try checked.required("width", example: "1080").integer(in: 240...7680),
            height: try checked.required("height", example: "1920").integer(in: 240...7680))
        let device: String? =
            kind == .headless
            ? nil
            : try checked.required("device", example: kind == .drm ? "\"/dev/dri/card0\"" : "\"/dev/fb0\"").path("display device")
        return DisplayConfig(
            kind: kind, size: size, device: device, snapshotPath: try checked.optional("snapshot")?.path("snapshot file"),
            rotation: try checked.optional("rotation").map(rotation) ?? .none,
            mode: try checked.optional("mode").map(mode), vnc: try checked.optional("vnc").map(vnc),
            panel: try checked.optional("panelMillimetres").map { (node) throws(ConfigError) in try panel(node, size: size) })
    }

    /// `{"passwordFile": "/etc/kioskd/vnc-password", "interface": "127.0.0.1", "port": 5900, "allowInput": false}`.
    private static func vnc(_ node: ConfigNode) throws(ConfigError) -> VNCConfig {
        let object = try node.object().allowingOnly(["passwordFile", "interface", "port", "allowInput"])
        let interfaceNode = object.optional("interface")
        let interface = try interfaceNode?.string() ?? "127.0.0.1"
        let octets = interface.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }) else {
            throw (interfaceNode ?? node).error(
                "VNC interface \"\(interface)\" is not an IPv4 address",
                fix: "Leave it out (127.0.0.1, reached through an SSH tunnel) or write the address of one interface, e.g. \"192.168.10.5\".")
        }
        return VNCConfig(
            interface: interface, port: try object.optional("port")?.integer(in: 1...65535) ?? 5900,
            passwordFile: try object.required("passwordFile", example: "\"/etc/kioskd/vnc-password\"").path("VNC password file"),
            allowInput: try object.optional("allowInput")?.bool() ?? false)
    }

    /// 0, 90, 180 or 270: how far the panel is mounted turned clockwise.
    private static func rotation(_ node: ConfigNode) throws(ConfigError) -> DisplayRotation {
        let degrees = try node.integer(in: 0...270)
        guard let rotation = DisplayRotation(rawValue: degrees) else {
            throw node.error(
                "rotation \(degrees) is not a quarter turn",
                fix: "Write 0, 90, 180 or 270: how far the panel is mounted turned clockwise.")
        }
        return rotation
    }

    /// `"1920x1080"` or `"1920x1080@60"`.
    private static func mode(_ node: ConfigNode) throws(ConfigError) -> DisplayMode {
        let text = try node.string()
        guard let mode = DisplayMode(text) else {
            throw node.error(
                "display mode \"\(text)\" is not WIDTHxHEIGHT or WIDTHxHEIGHT@HZ",
                fix: "Write a mode the panel lists (modetest -c, or /sys/class/drm/card0-*/modes), e.g. \"1920x1080@60\".")
        }
        return mode
    }

    /// `{"min": 0, "max": 32767}` with min below max.
    static func axisRange(_ node: ConfigNode) throws(ConfigError) -> AxisRange {
        let object = try node.object().allowingOnly(["min", "max"])
        let int32 = Int(Int32.min)...Int(Int32.max)
        let minimum = try object.required("min", example: "0").integer(in: int32)
        let maximumNode = try object.required("max", example: "32767")
        let maximum = try maximumNode.integer(in: int32)
        guard minimum < maximum else {
            throw maximumNode.error(
                "max \(maximum) is not above min \(minimum)",
                fix: "Write the lowest and highest values the touch controller reports, min first.")
        }
        return AxisRange(minimum: Int32(minimum), maximum: Int32(maximum))
    }

    private enum PrinterKind: String, CaseIterable {
        case file, tcp, cups, usb
        var keys: [String] {
            switch self {
            case .file: ["path"]
            case .tcp: ["host", "port"]
            case .cups: ["queue"]
            case .usb: ["vendorId", "productId"]
            }
        }
    }

    private static func printer(_ node: ConfigNode) throws(ConfigError) -> PrinterConfig {
        let object = try node.object()
        let kind = try object.required("kind", example: "\"tcp\"").choice("device kind", of: PrinterKind.self)
        let allKeys = Set(PrinterKind.allCases.flatMap(\.keys))
        let checked = try object.allowingOnly(
            ["kind"] + kind.keys + ["paper", "profile", "allowScreenOnlyTickets", "rollLengthMeters"],
            kind: .init(label: "printer kind \"\(kind.rawValue)\"", otherKindsKeys: allKeys))
        let transport: PrinterConfig.Transport
        switch kind {
        case .file:
            transport = .file(path: try checked.required("path", example: "\"/dev/usb/lp0\"").path("printer file"))
        case .tcp:
            let hostNode = try checked.required("host", example: "\"192.168.1.50\"")
            let host = try hostNode.nonBlankString("printer host")
            if host.contains(where: \.isWhitespace) || host.contains("/") || host.hasPrefix("[") {
                throw hostNode.error(
                    "printer host \"\(host)\" is not an IP address",
                    fix: "Write only the IP address, e.g. \"192.168.1.50\"; the port goes in \"port\".")
            }
            guard IPAddressLiteral.isValid(host) else {
                throw hostNode.error(
                    "printer host \"\(host)\" is a name, not an IP address: kioskd does not look printers up in DNS",
                    fix: "Write the printer's IP address (its self-test page shows it), e.g. \"192.168.1.50\", and give "
                        + "the printer a fixed address (its own setting or a DHCP reservation): a DNS server that stalls "
                        + "would hold every citizen at the printer.")
            }
            transport = .tcp(host: host, port: try checked.required("port", example: "9100").integer(in: 1...65535))
        case .cups:
            let queueNode = try checked.required("queue", example: "\"ticket-printer\"")
            let queue = try queueNode.nonBlankString("CUPS queue name")
            if queue.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "#" }) {
                throw queueNode.error(
                    "CUPS queue name \"\(queue)\" contains a space, '/' or '#'",
                    fix: "Write the queue name as lpstat -p lists it.")
            }
            transport = .cups(queue: queue)
        case .usb:
            transport = .usb(
                vendorID: try usbID(checked.required("vendorId", example: "\"04b8\"")),
                productID: try usbID(checked.required("productId", example: "\"0e15\"")))
        }
        let profile = try checked.optional("profile").map(printerProfile)
        let paperNode = checked.optional("paper")
        let paper = try paperNode?.choice("paper width", of: PaperWidth.self) ?? profile?.paper ?? .mm80
        if let profile, let paperNode, profile.paper != paper {
            throw paperNode.error(
                "printer profile \"\(profile.id)\" prints on \(profile.paper.rawValue) paper, not \(paper.rawValue)",
                fix: "Leave \"paper\" out (the profile knows it) or name the profile of the printer installed.")
        }
        return PrinterConfig(
            transport: transport, paper: paper, profile: profile,
            allowScreenOnlyTickets: try checked.optional("allowScreenOnlyTickets")?.bool() ?? false,
            rollLengthMeters: try checked.optional("rollLengthMeters")?.integer(in: 5...1000) ?? 80)
    }

    private static func printerProfile(_ node: ConfigNode) throws(ConfigError) -> PrinterProfile {
        let id = try node.string()
        guard let profile = PrinterProfile.named(id) else {
            throw node.error(
                "unknown printer profile \"\(id)\"",
                fix: "Use one of " + PrinterProfile.all.map { "\"\($0.id)\"" }.joined(separator: ", ")
                    + " (devices/printers/profiles.json).")
        }
        return profile
    }

    /// Four hex digits as lsusb shows them, e.g. `"04b8"`.
    private static func usbID(_ node: ConfigNode) throws(ConfigError) -> UInt16 {
        let fix = "Write the id as four hex digits in quotes, as lsusb shows it, e.g. \"04b8\"."
        guard case .string(let text) = node.value.content else {
            throw node.error("expected a string, found \(node.shown)", fix: fix)
        }
        guard text.count == 4, text.allSatisfy(\.isHexDigit), let id = UInt16(text, radix: 16), id != 0 else {
            throw node.error("USB id \"\(text)\" is not four hex digits", fix: fix)
        }
        return id
    }
}
