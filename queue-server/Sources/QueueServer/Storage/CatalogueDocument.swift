import KioskCore

/// The catalogue as served to kiosks: the kiosk-config file's bytes, parsed once, with an ETag.
struct CatalogueDocument: Sendable {
    let bytes: [UInt8]
    let catalogue: Catalogue
    /// A strong ETag: the quoted SHA-256 of the bytes.
    let etag: String

    init(bytes: [UInt8], path: String) throws {
        self.bytes = bytes
        self.catalogue = try ConfigParser.catalogue(text: String(decoding: bytes, as: UTF8.self), path: path)
        self.etag = "\"" + SHA256Hex.of(bytes) + "\""
    }
}
