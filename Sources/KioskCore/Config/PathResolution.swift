/// Pure string logic for file paths named inside configuration files.
enum PathResolution {
    /// `path` resolved against the directory that holds `file`, with `.` and `..` removed.
    ///
    /// An absolute `path` is only normalised. The result is absolute when `file` is.
    static func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return normalise(path) }
        var directory = file
        if let slash = directory.lastIndex(of: "/") {
            directory = String(directory[...slash])
        } else {
            directory = ""
        }
        return normalise(directory + path)
    }

    /// Removes empty and `.` components and folds `..` into its parent.
    static func normalise(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if let last = components.last, last != ".." {
                    components.removeLast()
                } else if !isAbsolute {
                    components.append(component)
                }
            default: components.append(component)
            }
        }
        let joined = components.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
