import KioskProtocol

/// Who may answer the survey and what an answer may hold, decided before anything is stored.
enum SurveyRules {
    /// The longest suggestion kept, in characters.
    static let maxSuggestion = 500
    /// How many days after its ticket's day a survey is still taken, unless the server is told otherwise (0: the same day).
    static let defaultWindowDays = 0

    /// The answer with its suggestion sanitised, or a problem saying what is wrong: nine answers
    /// 1–4, a suggestion of at most ``maxSuggestion`` characters.
    static func validate(_ submission: SurveySubmission) throws(Problem) -> SurveySubmission {
        guard submission.answers.count == SurveyElement.count, submission.answers.allSatisfy(SurveyElement.scale.contains) else {
            throw Problems.invalid("answers must be 9 numbers, each 1 (tidak sesuai) to 4 (sangat sesuai)")
        }
        guard let text = submission.suggestion else { return submission }
        // Counted in code points, as the databases' CHECK (length(suggestion) <= 500) counts them.
        guard text.unicodeScalars.count <= maxSuggestion else {
            throw Problems.invalid("the suggestion is longer than \(maxSuggestion) characters")
        }
        var sanitised = submission
        sanitised.suggestion = sanitise(text)
        return sanitised
    }

    /// Text safe to store and show, read as a person reads it first: format characters (zero-width,
    /// soft hyphens, direction overrides) dropped, whitespace and control characters made spaces, every
    /// decimal digit (full-width, Arabic-Indic, Balinese…) its ASCII digit, at most two combining marks
    /// on a letter. Then any run of 8 or more digits, whatever separates them (anything but a letter,
    /// up to 3 in a row: a phone number or NIK typed in), becomes `***`, so nothing identifying is
    /// kept; whitespace runs become one space; nil when nothing is left.
    static func sanitise(_ text: String) -> String? {
        var plain = String.UnicodeScalarView()
        var marks = 0
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let category = properties.generalCategory
            let isMark = category == .nonspacingMark || category == .enclosingMark
            marks = isMark ? marks + 1 : 0
            if properties.isWhitespace || category == .control {
                plain.append(" ")
            } else if properties.numericType == .decimal, let value = properties.numericValue, (0...9).contains(value) {
                plain.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(value)))
            } else if ![.format, .surrogate, .privateUse, .unassigned].contains(category), marks <= 2 {
                plain.append(scalar)
            }
        }
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var runDigits = 0
        var gap = 0
        func endRun() {
            // The separators after the number's last digit are not part of it ("0812 3456 7890 ya").
            let tail = run.reversed().prefix { !("0"..."9").contains($0) }.reversed()
            if runDigits >= 8 { out += "***".unicodeScalars + tail } else { out += run }
            run = String.UnicodeScalarView()
            runDigits = 0
            gap = 0
        }
        for scalar in plain {
            if ("0"..."9").contains(scalar) {
                run.append(scalar)
                runDigits += 1
                gap = 0
            } else if runDigits > 0, gap < 3, !scalar.properties.isAlphabetic {
                run.append(scalar)  // "0812-3456 7890", "0812,3456/7890"
                gap += 1
            } else {
                endRun()
                out.append(scalar)
            }
        }
        endRun()
        let words = String(out).split(whereSeparator: { $0 == " " })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Throws unless a ticket in `state` of `ticketDay` may be surveyed on `today`: only served (done)
    /// tickets of `earliestDay` (today less the window's days) to today.
    static func checkEligible(state: TicketState, ticketDay: String, today: String, earliestDay: String) throws(Problem) {
        guard state == .done else {
            throw Problems.unprocessable(
                "survey-not-served", "Not served yet",
                "the survey is for tickets that were served; this one is \(state.rawValue) (Survei hanya untuk tiket yang sudah dilayani)")
        }
        guard ticketDay >= earliestDay, ticketDay <= today else {
            throw Problems.unprocessable(
                "survey-window-closed", "Survey window closed",
                "this ticket is of \(ticketDay); surveys are taken for tickets of \(earliestDay) to \(today) (Waktu survei untuk tiket ini sudah lewat)")
        }
    }

    /// Throws `clock-skew` unless `answered` (a kiosk's `answeredAt + clockOffsetMs`, server clock) is no
    /// further ahead of `now` than the skew allows and not before the ticket was queued (`queuedAt`).
    /// How far apart two of a kiosk's offset estimates may be (a loaded kiosk or network): 5 minutes.
    static let offsetEstimateSlackMs: Int64 = 5 * 60_000

    static func checkAnswered(_ answered: Int64, now: Int64, queuedAt: Int64, maxSkewMs: Int64) throws(Problem) {
        let (latest, overflow) = now.addingReportingOverflow(maxSkewMs)
        guard overflow || answered <= latest else {
            throw Problems.unprocessable(
                "clock-skew", "Kiosk clock too far from the server's",
                "answeredAt + clockOffsetMs is \(ClockRules.distance(answered, now) / 60_000) minutes ahead of the server's clock; the limit is \(maxSkewMs / 60_000) minutes")
        }
        // Both moments are the kiosk's clock plus its estimate of the offset, made at different times: a slow
        // round trip moves the estimate by half of it, so "before the ticket" is judged with that much slack.
        let (earliest, underflow) = queuedAt.subtractingReportingOverflow(offsetEstimateSlackMs)
        guard underflow || answered >= earliest else {
            throw Problems.unprocessable(
                "clock-skew", "Answered before the ticket was issued",
                "answeredAt + clockOffsetMs is \(ClockRules.distance(answered, queuedAt) / 60_000) minutes before the ticket was issued: check the kiosk's clock")
        }
    }

    /// Throws `survey-window-closed` when a kiosk's claimed moment is more than the window and one day
    /// before the server's clock: an outbox holds an answer overnight, but a kiosk may not date an
    /// answer back to survey a ticket long past its window (found by session 27's hostile review).
    static func checkRecent(_ answered: Int64, now: Int64, windowDays: Int) throws(Problem) {
        let days = Int64(max(0, min(windowDays, 3_650))) + 1
        let (oldest, underflow) = now.subtractingReportingOverflow(days * 86_400_000)
        guard underflow || answered >= oldest else {
            throw Problems.unprocessable(
                "survey-window-closed", "Survey window closed",
                "answeredAt + clockOffsetMs is more than \(days) days before the server's clock; such an answer is no longer taken (Waktu survei untuk tiket ini sudah lewat)")
        }
    }

    /// The problem for a second answer to one ticket (an identical replay is answered with the first instead).
    static let alreadyAnswered = Problems.conflict(
        "survey-already-answered", "Already answered",
        "this ticket's survey was already answered; thank you (Survei tiket ini sudah diisi; terima kasih)")
}
