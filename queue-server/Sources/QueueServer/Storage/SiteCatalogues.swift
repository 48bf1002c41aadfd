import Synchronization

/// A site's catalogue and the issuing rules it makes, parsed once per site.
struct SiteCatalogue: Sendable {
    let document: CatalogueDocument
    let rules: IssueRules
}

/// Every site's catalogue, read from the `sites` table the first time a site is asked for.
///
/// A site added (or a catalogue replaced) by another process while the server runs is taken up
/// by the server's next start; a site this server has not read yet is read on first use.
final class SiteCatalogues: Sendable {
    private let loaded = Mutex<[String: SiteCatalogue]>([:])
    private let alwaysOpen: Bool
    private let readers: ReaderPool

    init(readers: ReaderPool, alwaysOpen: Bool) {
        self.readers = readers
        self.alwaysOpen = alwaysOpen
    }

    /// The catalogue of `site`; a storage failure when the site has none (the server refuses to start then).
    func of(_ site: String) throws -> SiteCatalogue {
        if let known = loaded.withLock({ $0[site] }) { return known }
        let row = try readers.read { try $0.query("SELECT body, path FROM sites WHERE site_id = ?", [.text(site)]).first }
        guard let row, case .text(let body) = row[0], case .text(let path) = row[1] else {
            throw StorageFailure("site \(site) holds no catalogue yet: run once with --site \(site) --catalogue FILE")
        }
        let document = try CatalogueDocument(bytes: Array(body.utf8), path: path)
        let catalogue = SiteCatalogue(document: document, rules: IssueRules(catalogue: document.catalogue, alwaysOpen: alwaysOpen))
        loaded.withLock { $0[site] = catalogue }
        return catalogue
    }
}
