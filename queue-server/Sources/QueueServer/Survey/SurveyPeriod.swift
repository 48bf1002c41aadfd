import KioskCore

/// A reporting period of the SKM: a month (`2026-03`), a quarter (`2026-Q1`), a semester (`2026-S1`)
/// or a year (`2026`), as the first and last local (WITA) day it holds.
struct SurveyPeriod: Sendable, Equatable {
    /// The period as written in the request.
    let name: String
    let first: CalendarDate
    let last: CalendarDate

    /// The period `text` names, or nil when it names none (years 2000–2999 only). Every number is ASCII
    /// digits only: `Int` would also read a sign (`2026-+1` is no month, F9).
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func number(_ digits: Substring) -> Int? { digits.utf8.allSatisfy { (0x30...0x39).contains($0) } ? Int(digits) : nil }
        guard parts.count == 1 || (parts.count == 2 && !parts[1].isEmpty), parts[0].count == 4, let year = number(parts[0][...]), (2000...2999).contains(year)
        else { return nil }
        let months: ClosedRange<Int>
        switch parts.count == 2 ? parts[1] : "" {
        case "": months = 1...12
        case let part where part.count == 2 && part.hasPrefix("Q"):
            guard let quarter = number(part.dropFirst()), (1...4).contains(quarter) else { return nil }
            months = (quarter * 3 - 2)...(quarter * 3)
        case let part where part.count == 2 && part.hasPrefix("S"):
            guard let semester = number(part.dropFirst()), (1...2).contains(semester) else { return nil }
            months = (semester * 6 - 5)...(semester * 6)
        case let part where part.count == 2:
            guard let month = number(part[...]), (1...12).contains(month) else { return nil }
            months = month...month
        default: return nil
        }
        guard let first = CalendarDate(year: year, month: months.lowerBound, day: 1),
            let next = months.upperBound == 12
                ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: months.upperBound + 1, day: 1),
            let last = next.adding(days: -1)
        else { return nil }
        name = text
        self.first = first
        self.last = last
    }

    /// The first day the period's figures are shown (``SurveyReport``): after the last day on which an answer to one of
    /// its tickets can still be taken. A ticket of the last day is answered up to `windowDays` later, and a kiosk's
    /// outbox may bring that answer a window and a day after it was given (``SurveyRules/checkRecent(_:now:windowDays:)``):
    /// the last day, plus twice the window, plus two. `windowDays` is the server's option, 0…366.
    func publishedFrom(windowDays: Int) -> CalendarDate? {
        last.adding(days: 2 * windowDays + 2)
    }
}
