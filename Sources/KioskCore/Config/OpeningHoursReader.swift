/// Reads opening hours: `{"mon": ["08:00-15:00"], "fri": ["08:00-11:30", "13:00-15:00"]}`.
///
/// A missing day, or an empty list, means closed that day. Ranges are `HH:MM-HH:MM`, start before
/// end, within one day (`24:00` may end a range) and must not overlap.
enum OpeningHoursReader {
    static func read(_ node: ConfigNode) throws(ConfigError) -> OpeningHours {
        let object = try node.object()
        let dayKeys = Weekday.allCases.map(\.key)
        var ranges: [Weekday: [TimeRange]] = [:]
        for member in object.members {
            guard let day = Weekday.allCases.first(where: { $0.key == member.key }) else {
                let guess = dayKeys.first { member.key.lowercased().hasPrefix($0) }
                    ?? Suggestions.closest(to: member.key, among: dayKeys)
                throw object.keyError(
                    member, "unknown weekday \"\(member.key)\"",
                    fix: (guess.map { "Did you mean \"\($0)\"? " } ?? "")
                        + "Weekdays are written \(dayKeys.joined(separator: ", ")).")
            }
            let dayNode = ConfigNode(value: member.value, path: JSONPath.member(node.path, member.key), file: node.file)
            ranges[day] = try dayRanges(dayNode, on: day.key)
        }
        return OpeningHours(ranges)
    }

    /// One day's list of ranges, `["08:00-11:30", "13:00-15:00"]`, not overlapping, sorted by start;
    /// `day` names the day in messages.
    static func dayRanges(_ node: ConfigNode, on day: String) throws(ConfigError) -> [TimeRange] {
        var dayRanges: [(range: TimeRange, text: String)] = []
        for element in try node.elements() {
            let text = try element.string()
            let range = try timeRange(text, at: element)
            if let other = dayRanges.first(where: { $0.range.start < range.end && range.start < $0.range.end }) {
                throw element.error(
                    "\"\(text)\" overlaps \"\(other.text)\" on \(day)",
                    fix: "Merge them into one range, or make one end before the other starts.")
            }
            dayRanges.append((range, text))
        }
        return dayRanges.map(\.range).sorted { $0.start < $1.start }
    }

    static func timeRange(_ text: String, at node: ConfigNode) throws(ConfigError) -> TimeRange {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw node.error(
                "\"\(text)\" is not a time range", fix: "Write opening hours as \"HH:MM-HH:MM\", e.g. \"08:00-15:00\".")
        }
        let start = try time(String(parts[0]), in: text, at: node)
        let end = try time(String(parts[1]), in: text, at: node)
        if start.minutes == 24 * 60 {
            throw node.error("\"\(text)\" starts at 24:00", fix: "Start the range at 00:00 to 23:59; 24:00 may only end one.")
        }
        if end == start {
            throw node.error("\"\(text)\" is empty: it ends when it starts", fix: "Make the closing time later, or remove the range.")
        }
        if end < start {
            throw node.error(
                "\"\(text)\" ends before it starts",
                fix: "Write the opening time first; a range cannot cross midnight, so split it at 24:00 if needed.")
        }
        return TimeRange(start: start, end: end)
    }

    /// `HH:MM` with hours 00...23, or exactly `24:00`.
    private static func time(_ part: String, in text: String, at node: ConfigNode) throws(ConfigError) -> TimeOfDay {
        let chars = Array(part)
        guard chars.count == 5, chars[2] == ":", chars.enumerated().allSatisfy({ $0.offset == 2 || $0.element.isASCII && $0.element.isNumber }),
            let hour = Int(String(chars[0...1])), let minute = Int(String(chars[3...4]))
        else {
            throw node.error(
                "\"\(text)\" is not a time range", fix: "Write opening hours as \"HH:MM-HH:MM\", e.g. \"08:00-15:00\".")
        }
        if minute >= 60 {
            throw node.error("\"\(part)\" in \"\(text)\" has \(minute) minutes", fix: "Write minutes from 00 to 59.")
        }
        if hour > 24 || (hour == 24 && minute > 0) {
            throw node.error(
                "\"\(part)\" in \"\(text)\" is not a time of day", fix: "Write hours from 00 to 23; only \"24:00\" may end a range.")
        }
        return TimeOfDay(hour: hour, minute: minute)
    }
}
