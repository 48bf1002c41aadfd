/// Reads the catalogue's `categories`: named groups of agencies for the first screen; see kiosk-config/README.md.
enum CategoryReader {
    static func read(_ node: ConfigNode, agencies: [Agency]) throws(ConfigError) -> [AgencyCategory] {
        var categories: [AgencyCategory] = []
        for element in try node.elements() {
            let object = try element.object().allowingOnly(["name", "agencies"])
            let name = try object.required("name", example: "{\"id\": \"Kependudukan\", \"en\": \"Civil registry\"}")
                .localizedText()
            let listNode = try object.required("agencies", example: "[\"disdukcapil\"]")
            var members: [AgencyID] = []
            for idNode in try listNode.elements() {
                let id = try idNode.string()
                guard agencies.contains(where: { $0.id.rawValue == id }) else {
                    throw idNode.error(
                        "category \"\(name.indonesian)\" names agency \"\(id)\", which is not in \"agencies\"",
                        fix: Suggestions.didYouMean(id, among: agencies.map(\.id.rawValue))
                            + "Use the id of an agency listed in \"agencies\".")
                }
                members.append(AgencyID(id))
            }
            if members.isEmpty {
                throw listNode.error(
                    "category \"\(name.indonesian)\" has no agencies", fix: "List at least one agency id, or remove the category.")
            }
            categories.append(AgencyCategory(name: name, agencies: members))
        }
        let grouped = Set(categories.flatMap(\.agencies))
        if !categories.isEmpty, let missing = agencies.first(where: { !grouped.contains($0.id) }) {
            throw node.error(
                "agency \"\(missing.id)\" is in no category, so a citizen could not find it",
                fix: "Add \"\(missing.id)\" to a category's \"agencies\".")
        }
        return categories
    }
}
