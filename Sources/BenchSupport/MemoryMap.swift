#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("kioskd runs on Linux")
#endif

/// Where a process's resident memory is, from `/proc/PID/smaps`: one line per mapped file (the
/// executable, each shared library), the heap, the stacks and anonymous mappings by size.
public struct MemoryMap: Sendable {
    /// One part of the address space: its name, resident KiB and the private dirty part of it.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var residentKiB: Int
        public var privateDirtyKiB: Int
        /// How many mappings it is made of.
        public var mappings: Int
    }

    /// The parts, largest resident first.
    public let parts: [Part]
    public var residentKiB: Int { parts.reduce(0) { $0 + $1.residentKiB } }

    /// Reads `/proc/PID/smaps` of `pid` (`self` for this process); empty when it cannot be read.
    public init(pid: String = "self") {
        self.init(smaps: Self.read("/proc/\(pid)/smaps"))
    }

    /// Groups the text of an smaps file.
    public init(smaps text: String) {
        var byName: [String: Part] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first.contains("-"), fields.count >= 5, !first.hasSuffix(":") {
                current = Self.name(range: first, path: fields.count >= 6 ? fields[5...].joined(separator: " ") : nil)
                byName[current!, default: Part(name: current!, residentKiB: 0, privateDirtyKiB: 0, mappings: 0)].mappings += 1
            } else if let name = current, fields.count >= 2, let kib = Int(fields[1]) {
                if first == "Rss:" { byName[name]?.residentKiB += kib }
                if first == "Private_Dirty:" { byName[name]?.privateDirtyKiB += kib }
            }
        }
        parts = byName.values.filter { $0.residentKiB > 0 }.sorted { ($0.residentKiB, $0.name) > ($1.residentKiB, $1.name) }
    }

    /// A file's base name; anonymous memory by mapping size (frames and thread stacks are the megabyte ones).
    private static func name(range: Substring, path: String?) -> String {
        if let path, !path.isEmpty { return path.hasPrefix("/") ? String(path.split(separator: "/").last ?? "") : path }
        let bounds = range.split(separator: "-").compactMap { UInt64($0, radix: 16) }
        let size = bounds.count == 2 && bounds[1] > bounds[0] ? bounds[1] - bounds[0] : 0
        return size >= 1 << 20 ? "[anonymous, mappings of 1 MiB or more]" : "[anonymous, smaller mappings]"
    }

    /// The table as text: resident and private dirty KiB, then the name.
    public var text: String {
        var lines = ["resident KiB  private dirty KiB  mappings  part"]
        for part in parts {
            lines.append(
                pad(part.residentKiB, 12) + pad(part.privateDirtyKiB, 19) + pad(part.mappings, 10) + "  " + part.name)
        }
        lines.append(pad(residentKiB, 12) + pad(parts.reduce(0) { $0 + $1.privateDirtyKiB }, 19) + "            total")
        return lines.joined(separator: "\n")
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func read(_ path: String) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
