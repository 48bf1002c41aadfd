import KioskCore
import Testing

private typealias F = ConfigFixtures

/// The speech guidance: on by a long press on the marked spot of the first screen, on for one citizen's
/// journey, touches explore while it is on, and its `speech` configuration key.
@Suite struct SpeechGuideTests {
    static let agency = Action.chooseAgency(AgencyID("disdukcapil"))
    static let now = Timestamp(millisecondsSinceEpoch: 1_764_547_200_000)
    static let settings = FlowSettings(
        catalogue: Catalogue(agencies: [
            Agency(id: AgencyID("disdukcapil"), name: LocalizedText(indonesian: "Disdukcapil", english: "Civil Registry"), services: [])
        ]), timeZone: .wita, idleTimeoutSeconds: 30, ticketScreenSeconds: 10, agenciesPerPage: 10, servicesPerPage: 10)

    static func at(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: 1_000_000 + milliseconds) }

    @Test func onlyALongPressOnTheMarkedSpotOfTheFirstScreenTurnsItOn() {
        var guide = SpeechGuide()
        var elsewhere = KioskState()
        elsewhere.screen = .agencies(page: 1)
        #expect(guide.longPress(onSpot: true, elsewhere, buttons: [], settings: Self.settings, now: Self.now) == nil)
        #expect(guide.longPress(onSpot: false, KioskState(), buttons: [], settings: Self.settings, now: Self.now) == nil)
        // Off, a touch is not the guidance's: it presses as usual.
        #expect(guide.touch(.down(Self.agency, at: Self.at(0)), KioskState(), settings: Self.settings, now: Self.now) == nil)
        #expect(!guide.isOn)
        let command = guide.longPress(onSpot: true, KioskState(), buttons: [Self.agency], settings: Self.settings, now: Self.now)
        #expect(guide.isOn)
        // How it works, in both languages before a language is chosen, then the screen's own speech.
        let expected = [
            Utterance(Translations.text(.speechOn, .indonesian), .indonesian), Utterance(Translations.text(.speechOn, .english), .english),
        ] + SpeechScript.utterances(KioskState(), buttons: [Self.agency], settings: Self.settings, now: Self.now)
        #expect(command == .say(expected))
        #expect(expected.contains(Utterance("Disdukcapil", .indonesian)))
    }

    /// Mid-journey, a long press on the same spot turns it off and says so in the citizen's language; a long
    /// press off the spot does not.
    @Test func aLongPressOnTheSpotTurnsItOffMidJourney() {
        var guide = SpeechGuide()
        _ = guide.longPress(onSpot: true, KioskState(), buttons: [], settings: Self.settings, now: Self.now)
        var services = KioskState()
        services.screen = .services(AgencyID("disdukcapil"), page: 0)
        services.language = .english
        services.languageChosen = true
        #expect(guide.longPress(onSpot: false, services, buttons: [.back], settings: Self.settings, now: Self.now) == nil)
        #expect(guide.isOn)
        let off = guide.longPress(onSpot: true, services, buttons: [.back], settings: Self.settings, now: Self.now)
        #expect(off == .say([Utterance("Voice guidance off.", .english)]))
        #expect(!guide.isOn)
        // Off, touches press again, and a new screen says nothing.
        #expect(guide.touch(.down(.back, at: Self.at(0)), services, settings: Self.settings, now: Self.now) == nil)
        #expect(guide.screenChanged(from: services, to: KioskState(), buttons: [], settings: Self.settings, now: Self.now) == nil)
    }

    /// Headphones plugged in turn it on where the citizen is (not on a technician's screen); pulled out, it
    /// stops talking and turns off.
    @Test func headphonesPluggedInTurnItOnAndPulledOutTurnItOff() {
        var guide = SpeechGuide()
        var technician = KioskState()
        technician.screen = .diagnostics(.pinPad)
        #expect(guide.headphones(inserted: true, technician, buttons: [], settings: Self.settings, now: Self.now) == nil)
        #expect(guide.headphones(inserted: false, KioskState(), buttons: [], settings: Self.settings, now: Self.now) == nil)
        var services = KioskState()
        services.screen = .services(AgencyID("disdukcapil"), page: 0)
        let on = guide.headphones(inserted: true, services, buttons: [.back], settings: Self.settings, now: Self.now)
        #expect(on == .say([
            Utterance(Translations.text(.speechOn, .indonesian), .indonesian), Utterance(Translations.text(.speechOn, .english), .english),
        ] + SpeechScript.utterances(services, buttons: [.back], settings: Self.settings, now: Self.now)))
        #expect(guide.isOn)
        // A second "inserted" (a bouncing contact) says nothing more.
        #expect(guide.headphones(inserted: true, services, buttons: [.back], settings: Self.settings, now: Self.now) == nil)
        #expect(guide.headphones(inserted: false, services, buttons: [.back], settings: Self.settings, now: Self.now) == .say([]))
        #expect(!guide.isOn)
    }

    @Test func aRestingFingerReadsAButtonAndADoubleTapPressesIt() {
        var guide = SpeechGuide()
        _ = guide.longPress(onSpot: true, KioskState(), buttons: [Self.agency], settings: Self.settings, now: Self.now)
        let state = KioskState()
        var commands: [SpeechGuide.Command] = []
        for input: ExploreByTouch.Input in [
            .down(Self.agency, at: Self.at(0)), .hold(at: Self.at(200)), .up(at: Self.at(900)),
            .down(nil, at: Self.at(1000)), .up(at: Self.at(1050)), .down(nil, at: Self.at(1150)), .up(at: Self.at(1200)),
        ] {
            if let command = guide.touch(input, state, settings: Self.settings, now: Self.now) { commands.append(command) }
        }
        #expect(commands == [.say([Utterance("Disdukcapil", .indonesian)]), .press(Self.agency)])
    }

    @Test func itStaysOnThroughTheJourneyAndTurnsOffWhenTheFirstScreenComesBackAfterIt() {
        var guide = SpeechGuide()
        _ = guide.longPress(onSpot: true, KioskState(), buttons: [], settings: Self.settings, now: Self.now)
        var services = KioskState()
        services.screen = .services(AgencyID("disdukcapil"), page: 0)
        services.languageChosen = true
        let saidServices = guide.screenChanged(from: KioskState(), to: services, buttons: [.back], settings: Self.settings, now: Self.now)
        #expect(saidServices == .say(SpeechScript.utterances(services, buttons: [.back], settings: Self.settings, now: Self.now)))
        // Back to the first screen: the citizen is still there.
        var home = KioskState()
        home.languageChosen = true
        #expect(guide.screenChanged(from: services, to: home, buttons: [], settings: Self.settings, now: Self.now) != .say([]))
        #expect(guide.isOn)
        // "Still there?" is said alone when it appears; its countdown and a touch answering it say nothing.
        var prompted = services
        prompted.idlePromptLeft = 10
        #expect(guide.screenChanged(from: services, to: prompted, buttons: [.back], settings: Self.settings, now: Self.now)
            == .say(SpeechScript.idlePrompt(10, .indonesian)))
        var counting = prompted
        counting.idlePromptLeft = 9
        #expect(guide.screenChanged(from: prompted, to: counting, buttons: [.back], settings: Self.settings, now: Self.now) == nil)
        var answered = services
        answered.lastActivity = Self.now
        #expect(guide.screenChanged(from: counting, to: answered, buttons: [.back], settings: Self.settings, now: Self.now) == nil)
        #expect(guide.isOn)
        // The idle reset brings it back after the countdown: the next citizen starts without it.
        prompted.idlePromptLeft = 1
        #expect(guide.screenChanged(from: prompted, to: KioskState(), buttons: [], settings: Self.settings, now: Self.now) == .say([]))
        #expect(!guide.isOn)
        #expect(guide.screenChanged(from: services, to: KioskState(), buttons: [], settings: Self.settings, now: Self.now) == nil)
    }

    @Test func theSpeechKeyNamesTheALSADeviceAndABadOneSaysWhatToWrite() throws {
        let lines = F.kioskLines.dropLast() + [#"  ,"speech": {"device": "plughw:CARD=PCH,DEV=0"}"#, "}"]
        let config = try ConfigParser.kioskConfig(text: lines.joined(separator: "\n"), path: F.kioskPath)
        #expect(config.speech == SpeechConfig(device: "plughw:CARD=PCH,DEV=0"))
        let defaults = try ConfigParser.kioskConfig(text: (F.kioskLines.dropLast() + [#"  ,"speech": {}"#, "}"]).joined(separator: "\n"), path: F.kioskPath)
        #expect(defaults.speech == SpeechConfig(device: "default"))
        #expect(try ConfigParser.kioskConfig(text: F.text(F.kioskLines), path: F.kioskPath).speech == nil)
        let bad = try F.kioskError((F.kioskLines.dropLast() + [#"  ,"speech": {"device": "hw 0; rm"}"#, "}"]).joined(separator: "\n"))
        #expect(bad.problem == #""hw 0; rm" is not an ALSA device name"#)
        #expect(bad.line == 9 && bad.jsonPath == "$.speech.device")
        #expect(bad.fix.contains("aplay -L"))
        let jack = try ConfigParser.kioskConfig(
            text: (F.kioskLines.dropLast() + [#"  ,"speech": {"jack": "/dev/input/by-path/pci-0000:00:1f.3-event"}"#, "}"]).joined(separator: "\n"),
            path: F.kioskPath)
        #expect(jack.speech == SpeechConfig(device: "default", jack: "/dev/input/by-path/pci-0000:00:1f.3-event"))
        let emptyJack = try F.kioskError((F.kioskLines.dropLast() + [#"  ,"speech": {"jack": ""}"#, "}"]).joined(separator: "\n"))
        #expect(emptyJack.problem == "headphone jack's input device is empty" && emptyJack.jsonPath == "$.speech.jack")
    }
}
