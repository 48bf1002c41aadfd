import KioskCore
import Testing

@Suite("Kiosk configuration")
struct ConfigKioskTests {
    typealias F = ConfigFixtures

    @Test func minimalConfigurationGetsDefaultsAndAbsolutePaths() throws {
        let config = try ConfigParser.kioskConfig(text: F.text(F.kioskLines), path: F.kioskPath)
        #expect(config.kioskID == "MPP-TEST-K01")
        #expect(config.mallName == LocalizedText(indonesian: "Mal Pelayanan Publik", english: "Public Service Mall"))
        #expect(config.cataloguePath == "/etc/kioskd/catalogue.json")
        #expect(config.stateDirectory == "/etc/state")
        #expect(config.timeZone == .wita)
        #expect(config.idleTimeoutSeconds == 30)
        #expect(config.idlePromptSeconds == 10)
        #expect(config.ticketScreenSeconds == 10)
        #expect(config.display == DisplayConfig(kind: .headless, size: ScreenSize(width: 1080, height: 1920)))
        #expect(config.input == InputConfig(kind: .evdev, path: "/dev/input/event0"))
        #expect(config.printer == PrinterConfig(transport: .tcp(host: "127.0.0.1", port: 9100), paper: .mm80))
    }

    @Test func shippedDemoConfigurationParsesAndPointsAtTheSampleCatalogue() throws {
        let file = try F.shippedFile("kiosk-config/demo.json")
        let config = try ConfigParser.kioskConfig(text: file.text, path: file.path)
        let root = F.repositoryRoot
        #expect(config.kioskID == "MPP-BADUNG-K01")
        #expect(config.mallName.indonesian == "Mal Pelayanan Publik Kabupaten Badung")
        #expect(config.mallName.english == "Badung Public Service Mall")
        #expect(config.cataloguePath == root + "/kiosk-config/catalogue-badung-sample.json")
        #expect(config.stateDirectory == root + "/.run/state")
        #expect(config.timeZone == KioskTimeZone(abbreviation: "WITA", offsetSeconds: 8 * 3600))
        #expect(config.display.kind == .headless)
        #expect(config.display.size == ScreenSize(width: 1080, height: 1920))
        #expect(config.display.size.isPortrait)
        #expect(config.display.snapshotPath == root + "/.run/screen.png")
        #expect(config.input.path == root + "/.run/touch.fifo")
        #expect(config.input.xRange == AxisRange(minimum: 0, maximum: 32767))
        #expect(config.input.yRange == AxisRange(minimum: 0, maximum: 32767))
        #expect(config.printer == PrinterConfig(transport: .tcp(host: "127.0.0.1", port: 9100), paper: .mm80))
        #expect(config.alwaysOpen, "the demo issues tickets at any hour")

        let catalogue = try F.shippedFile("kiosk-config/catalogue-badung-sample.json")
        #expect(catalogue.path == config.cataloguePath)
        #expect(try ConfigParser.catalogue(text: catalogue.text, path: config.cataloguePath).isSample)
    }

    @Test func shippedLandscapeConfigurationParses() throws {
        let file = try F.shippedFile("kiosk-config/demo-landscape.json")
        let config = try ConfigParser.kioskConfig(text: file.text, path: file.path)
        #expect(config.display.size == ScreenSize(width: 1920, height: 1080))
        #expect(!config.display.size.isPortrait)
    }

    @Test func shippedProductionExampleParses() throws {
        let file = try F.shippedFile("kiosk-config/production-example.json")
        let config = try ConfigParser.kioskConfig(text: file.text, path: file.path)
        #expect(config.display == DisplayConfig(kind: .drm, size: ScreenSize(width: 1080, height: 1920), device: "/dev/dri/card0"))
        #expect(config.input.path.hasPrefix("/dev/input/by-id/"))
        #expect(config.printer == PrinterConfig(transport: .usb(vendorID: 0x04B8, productID: 0x0E15), paper: .mm80))
        #expect(config.stateDirectory == "/var/lib/kioskd")
        #expect(!config.alwaysOpen, "a kiosk serving the public keeps opening hours")
        #expect(config.cataloguePath == "/etc/kioskd/catalogue.json")
        #expect(!config.mostUsedServicesFirst, "the catalogue's order unless the operator asks")
    }

    @Test func theOperatorMayPutTheDaysMostUsedServicesFirst() throws {
        let text = (F.kioskLines.dropLast() + [#"  ,"mostUsedServicesFirst": true"#, "}"]).joined(separator: "\n")
        #expect(try ConfigParser.kioskConfig(text: text, path: F.kioskPath).mostUsedServicesFirst)
        let bad = try F.kioskError((F.kioskLines.dropLast() + [#"  ,"mostUsedServicesFirst": "yes""#, "}"]).joined(separator: "\n"))
        #expect(bad.jsonPath == "$.mostUsedServicesFirst")
    }

    @Test(arguments: [
        ("/srv/kiosk/./conf/kiosk.json", "../data/./cat.json", "/srv/kiosk/data/cat.json"),
        ("/a/kiosk.json", "../../../x.json", "/x.json"),
        ("/a/kiosk.json", "/opt//b/../c.json", "/opt/c.json"),
        ("kiosk-config/demo.json", "../.run/state", ".run/state"),
        ("demo.json", "cat.json", "cat.json"),
    ])
    func relativePathsResolveAgainstTheFilesDirectory(file: String, written: String, resolved: String) throws {
        let text = F.text(F.kioskLines, replacing: 4, with: #"  "catalogue": "\#(written)","#)
        #expect(try ConfigParser.kioskConfig(text: text, path: file).cataloguePath == resolved)
    }

    @Test func unknownDeviceKindNamesTheKinds() throws {
        let line = #"  "printer": {"kind": "serial", "host": "127.0.0.1", "port": 9100}"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 8, with: line))
        #expect(
            error.description
                == #"/etc/kioskd/kiosk.json:8:23: $.printer.kind: unknown device kind "serial". Use one of: file, tcp, cups, usb."#)
        #expect(error == ConfigError(
            file: F.kioskPath, line: 8, column: 23, jsonPath: "$.printer.kind", problem: #"unknown device kind "serial""#,
            fix: "Use one of: file, tcp, cups, usb."))
    }

    @Test func unknownKeySuggestsTheKnownOne() throws {
        let line = #"  "stateDirectory": "../state", "idleTimeoutSecond": 45,"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 5, with: line))
        #expect(error.line == 5)
        #expect(error.column == 33)
        #expect(error.jsonPath == "$.idleTimeoutSecond")
        #expect(error.problem == #"unknown key "idleTimeoutSecond""#)
        #expect(error.fix == #"Did you mean "idleTimeoutSeconds"?"#)
    }

    @Test func unknownKeyWithoutCloseMatchListsTheAllowedKeys() throws {
        let line = #"  "input": {"kind": "evdev", "path": "/dev/input/event0", "sensitivity": true},"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 7, with: line))
        #expect((error.line, error.column) == (7, F.column(of: "\"sensitivity\"", in: line)))
        #expect(error.jsonPath == "$.input.sensitivity")
        #expect(
            error.fix
                == "Remove it; the keys allowed here are: kind, path, x, y, match, calibration, rotation, swapAxes, "
                + "invertX, invertY, gestures.")
    }

    @Test func keyOfAnotherKindIsExplained() throws {
        let line = #"  "display": {"kind": "headless", "device": "/dev/fb0", "width": 1080, "height": 1920},"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 6, with: line))
        #expect((error.line, error.column) == (6, F.column(of: "\"device\"", in: line)))
        #expect(error.problem == #""device" is not used by display kind "headless""#)
        #expect(error.fix.contains("kind, width, height, snapshot"))
    }

    @Test func missingFieldPointsAtItsObjectAndSaysWhatToAdd() throws {
        let line = #"  "printer": {"kind": "tcp", "port": 9100}"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 8, with: line))
        #expect((error.line, error.column) == (8, 14))
        #expect(error.jsonPath == "$.printer.host")
        #expect(error.problem == #"missing required field "host""#)
        #expect(error.fix.hasPrefix(#"Add "host": "#))
    }

    @Test("a TCP printer given by host name is refused: file, line and the fix (no DNS lookup may hold a citizen)")
    func printerHostNameIsRefused() throws {
        for host in ["printer.kantor.lan", "localhost", "EPSON-TM-T82"] {
            let line = #"  "printer": {"kind": "tcp", "host": ""# + host + #"", "port": 9100}"#
            let error = try F.kioskError(F.text(F.kioskLines, replacing: 8, with: line))
            #expect((error.file, error.line, error.column) == (F.kioskPath, 8, F.column(of: "\"\(host)\"", in: line)))
            #expect(error.jsonPath == "$.printer.host")
            #expect(error.problem == "printer host \"\(host)\" is a name, not an IP address: kioskd does not look printers up in DNS")
            #expect(error.fix.hasPrefix("Write the printer's IP address (its self-test page shows it)"))
        }
    }

    @Test("IPv4 and IPv6 printer addresses are taken as written", arguments: ["192.168.1.50", "10.0.0.7", "::1", "fe80::1%eth0", "2001:db8::9100", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8"])
    func printerAddressIsTaken(host: String) throws {
        let line = #"  "printer": {"kind": "tcp", "host": ""# + host + #"", "port": 9100}"#
        let config = try ConfigParser.kioskConfig(text: F.text(F.kioskLines, replacing: 8, with: line), path: F.kioskPath)
        #expect(config.printer.transport == .tcp(host: host, port: 9100))
    }

    @Test("what is not an address", arguments: ["256.1.1.1", "1.2.3", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "fe80::1%", "１.2.3.4", ":", "g::1"])
    func notAnAddress(text: String) {
        #expect(!IPAddressLiteral.isValid(text))
    }

    @Test func missingDeviceForDRMDisplay() throws {
        let line = #"  "display": {"kind": "drm", "width": 1080, "height": 1920},"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 6, with: line))
        #expect(error.jsonPath == "$.display.device")
        #expect(error.fix.contains("/dev/dri/card0"))
    }

    @Test func quotedNumberIsAWrongTypeWithAFix() throws {
        let line = #"  "printer": {"kind": "tcp", "host": "127.0.0.1", "port": "9100"}"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 8, with: line))
        #expect((error.line, error.column) == (8, 59))
        #expect(error.jsonPath == "$.printer.port")
        #expect(error.problem == #"expected a whole number, found a string ("9100")"#)
        #expect(error.fix == "Remove the quotes: write 9100.")
    }

    @Test func stringWhereAnObjectBelongsIsAWrongType() throws {
        let line = #"  "mallName": "Mal Pelayanan Publik","#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 3, with: line))
        #expect((error.line, error.column, error.jsonPath) == (3, 15, "$.mallName"))
        #expect(error.problem == #"expected an object, found a string ("Mal Pelayanan Publik")"#)
    }

    @Test func textThatIsNotJSONGivesLineAndColumn() throws {
        let error = try F.kioskError("kioskId = MPP-01\n")
        #expect((error.file, error.line, error.column) == (F.kioskPath, 1, 1))
        #expect(error.problem == #"not valid JSON: unknown word "kioskId""#)

        let missingComma = try F.kioskError(F.text(F.kioskLines, replacing: 4, with: #"  "catalogue": "catalogue.json""#))
        #expect(
            missingComma.description
                == "/etc/kioskd/kiosk.json:5:3: $: not valid JSON: expected ',' or '}' after an object member, found '\"'. "
                + "Add a comma between members, or close the object with '}'.")
    }

    @Test(arguments: [
        (#"  "stateDirectory": "../state", "idleTimeoutSeconds": 3,"#, "$.idleTimeoutSeconds", "from 5 to 600"),
        (#"  "stateDirectory": "../state", "ticketScreenSeconds": 121,"#, "$.ticketScreenSeconds", "from 2 to 120"),
        (#"  "stateDirectory": "../state", "idleTimeoutSeconds": 30.5,"#, "$.idleTimeoutSeconds", "whole number"),
        (#"  "stateDirectory": "../state", "idlePromptSeconds": 61,"#, "$.idlePromptSeconds", "from 0 to 60"),
        (#"  "stateDirectory": "../state", "timeZone": {"abbreviation": "WITA", "utcOffset": "+8:00"},"#, "$.timeZone.utcOffset", "+08:00"),
        (#"  "stateDirectory": "../state", "timeZone": {"abbreviation": "wita", "utcOffset": "+08:00"},"#, "$.timeZone.abbreviation", "WITA"),
        (#"  "stateDirectory": "~/state","#, "$.stateDirectory", "full path"),
    ])
    func outOfRangeSettingsAreRejected(line: String, path: String, fixMentions: String) throws {
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 5, with: line))
        #expect(error.line == 5)
        #expect(error.jsonPath == path)
        #expect(error.fix.contains(fixMentions))
    }

    @Test(arguments: ["MPP BADUNG", "", "K_01", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"])
    func invalidKioskIDsAreRejected(id: String) throws {
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 2, with: #"  "kioskId": "\#(id)","#))
        #expect((error.line, error.column, error.jsonPath) == (2, 14, "$.kioskId"))
        #expect(error.fix.contains("MPP-BADUNG-K01"))
    }

    @Test func blankTranslationIsRejected() throws {
        let line = #"  "mallName": {"id": "Mal Pelayanan Publik", "en": "  "},"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 3, with: line))
        #expect((error.line, error.column) == (3, F.column(of: #""  ""#, in: line)))
        #expect(error.jsonPath == "$.mallName.en")
        #expect(error.problem == "English text is empty")
    }

    @Test func missingTranslationIsRejected() throws {
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 3, with: #"  "mallName": {"id": "Mal"},"#))
        #expect(error.jsonPath == "$.mallName.en")
        #expect(error.problem == #"missing required field "en""#)
    }

    @Test func axisRangeMustIncrease() throws {
        let line = #"  "input": {"kind": "evdev", "path": "in.fifo", "x": {"min": 4095, "max": 0}},"#
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 7, with: line))
        #expect(error.jsonPath == "$.input.x.max")
        #expect(error.problem == "max 0 is not above min 4095")
    }

    @Test func otherPrinterKindsParse() throws {
        let cases: [(String, PrinterConfig)] = [
            (#"{"kind": "file", "path": "out/ticket.bin", "paper": "58mm"}"#, PrinterConfig(transport: .file(path: "/etc/kioskd/out/ticket.bin"), paper: .mm58)),
            (#"{"kind": "cups", "queue": "tiket"}"#, PrinterConfig(transport: .cups(queue: "tiket"), paper: .mm80)),
            (#"{"kind": "usb", "vendorId": "0416", "productId": "5011"}"#, PrinterConfig(transport: .usb(vendorID: 0x0416, productID: 0x5011), paper: .mm80)),
        ]
        for (printer, expected) in cases {
            let text = F.text(F.kioskLines, replacing: 8, with: #"  "printer": "# + printer)
            #expect(try ConfigParser.kioskConfig(text: text, path: F.kioskPath).printer == expected)
        }
    }

    @Test(arguments: [
        (#"{"kind": "usb", "vendorId": 1208, "productId": "0e15"}"#, "$.printer.vendorId", "four hex digits"),
        (#"{"kind": "usb", "vendorId": "4b8", "productId": "0e15"}"#, "$.printer.vendorId", "four hex digits"),
        (#"{"kind": "tcp", "host": "127.0.0.1", "port": 70000}"#, "$.printer.port", "from 1 to 65535"),
        (#"{"kind": "tcp", "host": "127.0.0.1:9100", "port": 9100, "queue": "x"}"#, "$.printer.queue", "takes: kind, host, port, paper"),
        (#"{"kind": "cups", "queue": "my printer"}"#, "$.printer.queue", "lpstat"),
        (#"{"kind": "file", "path": "x", "paper": "80"}"#, "$.printer.paper", "58mm, 80mm"),
    ])
    func invalidPrinterSettingsAreRejected(printer: String, path: String, fixMentions: String) throws {
        let error = try F.kioskError(F.text(F.kioskLines, replacing: 8, with: #"  "printer": "# + printer))
        #expect(error.line == 8)
        #expect(error.jsonPath == path)
        #expect(error.fix.contains(fixMentions))
    }
}

@Suite("Touch input configuration")
struct ConfigInputTests {
    typealias F = ConfigFixtures

    @Test func matchCalibrationOrientationAndGesturesAreRead() throws {
        let line = #"  "input": {"kind": "evdev", "path": "/dev/input", "match": {"name": "ILITEK", "vendorProduct": "222A:0001"}, "calibration": [1.02, 0, -0.01, 0, 0.98, 0.5e-2], "rotation": 90, "invertY": true, "gestures": {"debounceMilliseconds": 150, "tapSlopMillimetres": 3}},"#
        let config = try ConfigParser.kioskConfig(text: F.text(F.kioskLines, replacing: 7, with: line), path: F.kioskPath)
        #expect(config.input.path == "/dev/input")
        #expect(config.input.match == InputMatch(name: "ILITEK", vendorProduct: "222a:0001"))
        #expect(config.input.calibration == [1.02, 0, -0.01, 0, 0.98, 0.005])
        #expect(config.input.orientation == TouchOrientation(rotation: 90, invertY: true))
        var gestures = GestureTimings()
        gestures.debounceMilliseconds = 150
        gestures.tapSlopMillimetres = 3
        #expect(config.input.gestures == gestures)
    }

    @Test func badTouchSettingsAreExplained() throws {
        let cases: [(String, String, String)] = [
            (#""rotation": 45"#, "$.input.rotation", "rotation 45 is not a quarter turn"),
            (#""calibration": [1, 0, 0, 0, 1]"#, "$.input.calibration", "calibration has 5 numbers, not 6"),
            (#""calibration": [1, 2, 0, 2, 4, 0]"#, "$.input.calibration", "calibration squashes the panel onto a line (a·e − b·d is 0)"),
            (#""match": {"vendorProduct": "222a-0001"}"#, "$.input.match.vendorProduct", #"vendorProduct "222a-0001" is not vvvv:pppp"#),
        ]
        for (member, path, problem) in cases {
            let line = #"  "input": {"kind": "evdev", "path": "/dev/input", "# + member + "},"
            let error = try F.kioskError(F.text(F.kioskLines, replacing: 7, with: line))
            #expect(error.jsonPath == path)
            #expect(error.problem == problem)
        }
    }

    @Test func shippedTouchProfilesAreValidInputObjects() throws {
        for name in ["atmel-maxtouch", "ep0430m09", "elan-cando"] {
            let profile = try F.shippedFile("devices/touch/\(name).json")
            let line = "  \"input\": " + profile.text.split(separator: "\n").joined() + ","
            let config = try ConfigParser.kioskConfig(text: F.text(F.kioskLines, replacing: 7, with: line), path: F.kioskPath)
            #expect(config.input.path == "/dev/input", "\(name)")
        }
    }
}
