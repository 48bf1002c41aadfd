/// The speech guidance's headphone output (`speech` in kiosk.json). Absent, the kiosk has no speech
/// guidance: a long press on the first screen does nothing and libespeak-ng and libasound are never loaded.
public struct SpeechConfig: Sendable, Equatable {
    /// The ALSA PCM of the headphone jack: `default`, `plughw:0,0`, or a PCM named in `asound.conf`.
    public var device: String
    /// The evdev device that reports the jack's plug (`SW_HEADPHONE_INSERT`), where the hardware has one:
    /// plugging headphones in turns the guidance on, pulling them out turns it off. Nil: the long press only.
    public var jack: String?

    public init(device: String = "default", jack: String? = nil) {
        self.device = device
        self.jack = jack
    }
}

extension KioskConfigReader {
    /// `{"device": "plughw:0,0", "jack": "/dev/input/by-path/…-event"}`.
    static func speech(_ node: ConfigNode) throws(ConfigError) -> SpeechConfig {
        let object = try node.object().allowingOnly(["device", "jack"])
        let jack = try object.optional("jack")?.path("headphone jack's input device")
        guard let device = object.optional("device") else { return SpeechConfig(jack: jack) }
        let name = try device.nonBlankString("ALSA device")
        // ALSA PCM names: letters, digits and the punctuation of "plughw:CARD=PCH,DEV=0" or "dmix:0".
        guard name.count <= 128, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || ":,=_-.".unicodeScalars.contains($0)) })
        else {
            throw device.error(
                "\"\(name)\" is not an ALSA device name",
                fix: "Write the PCM of the headphone jack as `aplay -L` lists it, e.g. \"default\" or \"plughw:0,0\".")
        }
        return SpeechConfig(device: name, jack: jack)
    }
}
