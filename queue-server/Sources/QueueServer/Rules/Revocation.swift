import KioskProtocol

/// `revoke --id ID [--site SITE]`: an id may hold tokens at several sites (staff ids are per site),
/// so revoking without a site is refused when that would reach more than one.
enum Revocation {
    /// Checks a revocation of `id` without a site, given the sites of its live tokens (nil: a city token).
    static func checkUnambiguous(_ id: String, sites: [String?]) throws {
        let distinct = Set(sites.map { $0 ?? "(city)" })
        guard distinct.count <= 1 else {
            throw Problems.invalid(
                "\(Problems.quoted(id)) holds tokens at sites \(distinct.sorted().joined(separator: ", ")): name one with --site")
        }
    }
}
