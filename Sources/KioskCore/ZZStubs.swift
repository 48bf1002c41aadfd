// TEMPORARY compile stubs; removed when the helper branches merge.
public enum ConfigParser {
    public static func kioskConfig(text: String, path: String) throws -> KioskConfig { fatalError() }
    public static func catalogue(text: String, path: String) throws -> Catalogue { fatalError() }
}
public struct ConfigError: Error {}
