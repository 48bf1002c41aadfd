/// Reads the `scanner` object of a kiosk configuration and scanner profile files.
enum ScannerConfigReader {
    /// Keys of a profile file; the same keys may be written inline in the kiosk configuration.
    static let settingKeys = ["transport", "suffix", "gapMilliseconds", "prefix", "symbologyIdentifier", "baud"]

    /// `{"path": "/dev/input/kiosk-scanner", "profile": "…json"}` or `{"path": …, "transport": …, …}`.
    static func read(_ node: ConfigNode) throws(ConfigError) -> ScannerConfig {
        let object = try node.object().allowingOnly(["path", "profile"] + settingKeys)
        let path = try object.required("path", example: "\"/dev/input/kiosk-scanner\"").path("scanner device")
        if let profile = object.optional("profile") {
            if let inline = settingKeys.first(where: { object.optional($0) != nil }), let extra = object.optional(inline) {
                throw extra.error(
                    "\"\(inline)\" is written here and the profile is named too",
                    fix: "Either name a profile or write its keys here, not both.")
            }
            return ScannerConfig(path: path, source: .profile(path: try profile.path("scanner profile")))
        }
        return ScannerConfig(path: path, source: .inline(try settings(object)))
    }

    /// A profile file: its `name` and `usbVendor` document the model; the rest are settings.
    static func profile(_ root: ConfigNode) throws(ConfigError) -> ScannerSettings {
        let object = try root.object().allowingOnly(["name", "usbVendor"] + settingKeys)
        _ = try object.required("name", example: "\"Zebra DS2208\"").nonBlankString("scanner name")
        if let vendor = object.optional("usbVendor"), vendor.value.content != .null {
            let text = try vendor.string()
            guard text.count == 4, text.allSatisfy(\.isHexDigit) else {
                throw vendor.error("USB vendor \"\(text)\" is not four hex digits", fix: "Write it as lsusb shows it, e.g. \"05e0\", or null.")
            }
        }
        return try settings(object)
    }

    private static func settings(_ object: ConfigObject) throws(ConfigError) -> ScannerSettings {
        let transportNode = try object.required("transport", example: "\"evdev\"")
        let transportName = try transportNode.string()
        let transport: ScannerSettings.Transport
        switch transportName {
        case "evdev":
            if let baud = object.optional("baud") {
                throw baud.error("\"baud\" only applies to serial scanners", fix: "Remove it, or set \"transport\": \"serial\".")
            }
            transport = .evdev
        case "serial":
            let baudNode = try object.required("baud", example: "9600")
            let baud = try baudNode.integer(in: 1200...115_200)
            guard [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200].contains(baud) else {
                throw baudNode.error("\(baud) is not a standard serial speed", fix: "Use 9600, 19200, 38400, 57600 or 115200.")
            }
            transport = .serial(baud: baud)
        default:
            throw transportNode.error(
                "unknown scanner transport \"\(transportName)\"", fix: "Use \"evdev\" (USB keyboard wedge) or \"serial\" (USB CDC-ACM).")
        }
        let prefixNode = object.optional("prefix")
        let prefix = try prefixNode?.string() ?? ""
        if let prefixNode, prefix.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E }) {
            throw prefixNode.error("the prefix has a character a scanner cannot type", fix: "Use printable ASCII only.")
        }
        return ScannerSettings(
            transport: transport,
            suffix: try object.optional("suffix")?.choice("scanner suffix", of: ScannerSettings.Suffix.self) ?? .enter,
            gapMilliseconds: try object.optional("gapMilliseconds")?.integer(in: 10...1000) ?? 50,
            prefix: prefix,
            symbologyIdentifier: try object.optional("symbologyIdentifier")?.bool() ?? false)
    }
}
