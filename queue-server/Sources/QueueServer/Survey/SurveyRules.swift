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
        guard text.count <= maxSuggestion else { throw Problems.invalid("the suggestion is longer than \(maxSuggestion) characters") }
        var sanitised = submission
        sanitised.suggestion = sanitise(text)
        return sanitised
    }

    /// Text safe to store and show: control and direction-override characters removed, whitespace
    /// runs made one space, and runs of 8 or more digits (a phone number or NIK typed in) replaced by
    /// `***`, so nothing identifying is kept; nil when nothing is left.
    static func sanitise(_ text: String) -> String? {
        var out = ""
        var run = ""
        var runDigits = 0
        func endRun() {
            // The separators after the number's last digit are not part of it ("0812 3456 7890 ya").
            let tail = String(run.unicodeScalars.reversed().prefix { !("0"..."9").contains($0) }.reversed().map(Character.init))
            out += runDigits >= 8 ? "***" + tail : run
            run = ""
            runDigits = 0
        }
        for scalar in text.unicodeScalars {
            if ("0"..."9").contains(scalar) || (runDigits > 0 && [" ", "-", "."].contains(scalar)) {
                // Separators inside a phone number ("0812-3456 7890") keep the run going.
                run.unicodeScalars.append(scalar)
                if ("0"..."9").contains(scalar) { runDigits += 1 }
                continue
            }
            endRun()
            let properties = scalar.properties
            if properties.isWhitespace || properties.generalCategory == .control {
                out += " "
            } else if ![.format, .surrogate, .privateUse, .unassigned].contains(properties.generalCategory) {
                out.unicodeScalars.append(scalar)  // zero-width and direction-override characters (format) are dropped
            }
        }
        endRun()
        let words = out.split(whereSeparator: { $0 == " " })
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

    /// The problem for a second answer to one ticket (an identical replay is answered with the first instead).
    static let alreadyAnswered = Problems.conflict(
        "survey-already-answered", "Already answered",
        "this ticket's survey was already answered; thank you (Survei tiket ini sudah diisi; terima kasih)")
}
