import KioskCore
import Testing

/// The udev rules in `devices/udev/` against the device profiles and the systemd unit: every profile's
/// device is matched, given to a group kioskd runs with, and of a device class the unit allows.
@Suite("udev rules")
struct UdevRulesTests {
    /// One `KEY{attribute}operator"value"` of a rule.
    struct Clause: Equatable {
        var key: String
        var attribute: String?
        var op: String
        var value: String
    }

    /// A rule line's clauses, or nil when the line is not of udev's form.
    static func clauses(of line: String) -> [Clause]? {
        var clauses: [Clause] = []
        var rest = Substring(line)
        let operators = ["==", "!=", "+=", "-=", ":=", "="]
        while !rest.isEmpty {
            guard let keyEnd = rest.firstIndex(where: { !($0.isUppercase || $0 == "_") }) else { return nil }
            let key = String(rest[..<keyEnd])
            rest = rest[keyEnd...]
            var attribute: String?
            if rest.first == "{" {
                guard let close = rest.firstIndex(of: "}") else { return nil }
                attribute = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            }
            guard !key.isEmpty, let op = operators.first(where: { rest.hasPrefix($0) }) else { return nil }
            rest = rest.dropFirst(op.count)
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
            clauses.append(Clause(key: key, attribute: attribute, op: op, value: String(rest[rest.index(after: rest.startIndex)..<close])))
            rest = rest[rest.index(after: close)...]
            if rest.isEmpty { break }
            guard rest.hasPrefix(", ") else { return nil }
            rest = rest.dropFirst(2)
        }
        return clauses.isEmpty ? nil : clauses
    }

    /// Every rule of every shipped rules file, with the file's name and line for messages.
    static func shippedRules() throws -> [(place: String, clauses: [Clause])] {
        var rules: [(String, [Clause])] = []
        for name in ["70-kioskd-printer.rules", "70-kioskd-touchscreen.rules", "70-kioskd-scanner.rules"] {
            let file = try ConfigFixtures.shippedFile("devices/udev/" + name)
            for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = String(line.drop { $0 == " " })
                if text.isEmpty || text.hasPrefix("#") { continue }
                let place = "\(name):\(index + 1)"
                guard let clauses = clauses(of: text) else {
                    Issue.record("\(place) is not a udev rule: \(text)")
                    continue
                }
                rules.append((place, clauses))
            }
        }
        return rules
    }

    private static func value(_ rule: [Clause], _ key: String, _ attribute: String? = nil, op: String = "==") -> String? {
        rule.first { $0.key == key && $0.attribute == attribute && $0.op == op }?.value
    }

    @Test("each line is a rule udev can read, only for add and change, matching before assigning")
    func rulesAreWellFormed() throws {
        let rules = try Self.shippedRules()
        #expect(rules.count >= 10)
        for (place, rule) in rules {
            #expect(Self.value(rule, "ACTION") == "add|change", "\(place)")
            let firstAssignment = rule.firstIndex { $0.op != "==" && $0.op != "!=" } ?? rule.endIndex
            #expect(!rule[firstAssignment...].contains { $0.op == "==" || $0.op == "!=" }, "\(place): a match after an assignment")
        }
    }

    @Test("every printer profile with a USB id has its USB device and usblp node given to kioskd; the rest by class")
    func printersAreCovered() throws {
        let rules = try Self.shippedRules().map(\.clauses)
        for profile in PrinterProfile.all {
            guard let vendor = profile.usbVendorID, let product = profile.usbProductID else { continue }
            let (v, p) = (hex(vendor), hex(product))
            let device = rules.first {
                Self.value($0, "SUBSYSTEM") == "usb" && Self.value($0, "ATTR", "idVendor") == v
                    && Self.value($0, "ATTR", "idProduct") == p
            }
            #expect(device.flatMap { Self.value($0, "GROUP", op: "=") } == "kioskd", "\(profile.id) \(v):\(p)")
            let node = rules.first {
                Self.value($0, "SUBSYSTEM") == "usbmisc" && Self.value($0, "ATTRS", "idVendor") == v
                    && Self.value($0, "ATTRS", "idProduct") == p
            }
            #expect(node.flatMap { Self.value($0, "SYMLINK", op: "+=") } == "kiosk-printer", "\(profile.id)")
        }
        let byClass = rules.first { Self.value($0, "ENV", "ID_USB_INTERFACES") == "*:0701??:*" }
        #expect(byClass.flatMap { Self.value($0, "GROUP", op: "=") } == "kioskd")
    }

    @Test("every scanner profile is kept from ModemManager (serial) or desktops (HID) and given to kioskd")
    func scannersAreCovered() throws {
        let rules = try Self.shippedRules().map(\.clauses)
        let acm = rules.first { Self.value($0, "KERNEL") == "ttyACM[0-9]*" && Self.value($0, "ATTRS", "idVendor") == nil }
        #expect(acm.flatMap { Self.value($0, "ENV", "ID_MM_DEVICE_IGNORE", op: "=") } == "1", "every ttyACM, generic scanners too")
        #expect(acm.flatMap { Self.value($0, "GROUP", op: "=") } == "kioskd")
        for name in ["honeywell-voyager-1250g", "honeywell-voyager-1450g-serial", "newland-hr22", "zebra-ds2208"] {
            let file = try ConfigFixtures.shippedFile("devices/scanners/\(name).json")
            let profile = try ConfigParser.scannerProfile(text: file.text, path: file.path)
            guard case .string(let vendor)? = try JSONParser.parse(file.text)["usbVendor"]?.content else {
                Issue.record("\(name) names no USB vendor")
                continue
            }
            let subsystem = profile.transport == .evdev ? "input" : "tty"
            let rule = rules.first { Self.value($0, "SUBSYSTEM") == subsystem && Self.value($0, "ATTRS", "idVendor") == vendor }
            #expect(rule.flatMap { Self.value($0, "SYMLINK", op: "+=") } != nil, "\(name): \(subsystem) \(vendor)")
            if subsystem == "input" {
                #expect(rule.flatMap { Self.value($0, "ENV", "LIBINPUT_IGNORE_DEVICE", op: "=") } == "1", "\(name)")
                #expect(rule.flatMap { Self.value($0, "GROUP", op: "=") } == "kioskd", "\(name)")
            }
        }
    }

    @Test("touchscreens go to kioskd and are kept from a desktop session")
    func touchscreensAreCovered() throws {
        let rules = try Self.shippedRules().map(\.clauses)
        let touch = rules.first { Self.value($0, "ENV", "ID_INPUT_TOUCHSCREEN") == "1" }
        #expect(touch.flatMap { Self.value($0, "GROUP", op: "=") } == "kioskd")
        #expect(touch.flatMap { Self.value($0, "ENV", "LIBINPUT_IGNORE_DEVICE", op: "=") } == "1")
        #expect(touch.flatMap { Self.value($0, "TAG", op: "-=") } == "uaccess")
    }

    @Test("the unit lets kioskd open every device class the rules name, as a group it runs with")
    func unitGrantsWhatTheRulesName() throws {
        let unit = try ConfigFixtures.shippedFile("systemd/kioskd.service").text
        let lines = unit.split(separator: "\n").map(String.init)
        let allowed = Set(lines.filter { $0.hasPrefix("DeviceAllow=") }.compactMap { $0.split(separator: "=")[1].split(separator: " ").first.map(String.init) })
        let groups = Set(lines.filter { $0.hasPrefix("Group=") || $0.hasPrefix("SupplementaryGroups=") }
            .flatMap { $0.split(separator: "=")[1].split(separator: " ").map(String.init) })
        // /dev/usb/lp* (udev subsystem usbmisc) is major 180, which usbcore registers as "usb" in /proc/devices.
        let classOf = ["usb": "char-usb_device", "usbmisc": "char-usb", "tty": "char-ttyACM", "input": "char-input"]
        for (place, rule) in try Self.shippedRules() {
            if let subsystem = Self.value(rule, "SUBSYSTEM") {
                #expect(classOf[subsystem].map(allowed.contains) == true, "\(place): \(subsystem) not in DeviceAllow")
            }
            if let group = Self.value(rule, "GROUP", op: "=") {
                #expect(groups.contains(group), "\(place): kioskd does not run with group \(group)")
            }
        }
    }

    @Test("the rule reader refuses what udev would not read")
    func readerRefusesMalformedRules() {
        #expect(Self.clauses(of: #"SUBSYSTEM=="usb", GROUP="kioskd""#)?.count == 2)
        #expect(Self.clauses(of: #"SUBSYSTEM=="usb" GROUP="kioskd""#) == nil)
        #expect(Self.clauses(of: #"SUBSYSTEM=="usb", GROUP=kioskd"#) == nil)
        #expect(Self.clauses(of: #"ATTRS{idVendor=="04b8""#) == nil)
    }

    private func hex(_ id: UInt16) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
