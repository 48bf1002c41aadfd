/// Where kioskd listens for kioskctl, decided the same way by both, even when the configuration does
/// not load: kioskd out of service still opens its socket there, and kioskctl still finds it.
public enum ControlSocketPath {
    /// The `controlSocket` of the kiosk.json `text` read at the absolute `path`, resolved as the
    /// configuration resolves it, when `text` is JSON with such a string (the rest of the file may be
    /// wrong); ``KioskConfig/defaultControlSocket`` otherwise (no file, not JSON, no usable path).
    public static func salvaged(kioskJSON text: String?, path: String) -> String {
        guard let text, let value = try? JSONParser.parse(text), case .string(let named)? = value["controlSocket"]?.content,
            !named.isEmpty, !named.hasPrefix("~")
        else { return KioskConfig.defaultControlSocket }
        let resolved = PathResolution.resolve(named, relativeTo: path)
        return resolved.utf8.count <= 107 ? resolved : KioskConfig.defaultControlSocket
    }
}
