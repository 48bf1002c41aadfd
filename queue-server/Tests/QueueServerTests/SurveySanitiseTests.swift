import KioskProtocol
import Testing

@testable import QueueServer

/// The suggestion's sanitising (``SurveyRules/sanitise(_:)``): a phone number or NIK typed in becomes
/// `***`, and the word after it stays a word of its own.
@Suite struct SurveySanitiseTests {
    @Test func theSpaceAfterAHiddenNumberIsKept() {
        #expect(SurveyRules.sanitise("Tolong hubungi 0812-3456-7890 ya") == "Tolong hubungi *** ya")
        #expect(SurveyRules.sanitise("NIK 5103.0112.3456.0001 saya") == "NIK *** saya")
        #expect(SurveyRules.sanitise("antre 1234567 menit") == "antre 1234567 menit", "seven digits stay")
        #expect(SurveyRules.sanitise("08123456789") == "***")
    }

    /// Session 27's hostile review kept these numbers whole; every one is masked now.
    @Test(arguments: [
        "3171\u{200B}0123\u{200B}4567\u{200B}8901", "3171\u{AD}0123\u{AD}4567\u{AD}8901", "3171\n0123\n4567\n8901",
        "0812\u{A0}3456\u{A0}7890", "0812\u{1}3456\u{1}7890", "0812,3456,7890", "0812/3456/7890", "0812_3456_7890",
        "０８１２３４５６７８９０", "٠٨١٢٣٤٥٦٧٨٩٠", "\u{1B50}\u{1B58}\u{1B51}\u{1B52}\u{1B53}\u{1B54}\u{1B55}\u{1B56}\u{1B57}",
        "0812 - 3456 - 7890",
    ])
    func numbersHiddenWhateverSeparatesOrSpellsTheirDigits(number: String) {
        #expect(SurveyRules.sanitise("hubungi " + number + " ya") == "hubungi *** ya")
    }

    @Test func combiningMarksAreCappedAndLengthIsCountedAsTheDatabaseCountsIt() throws {
        #expect(SurveyRules.sanitise("e" + String(repeating: "\u{301}", count: 499)) == "e\u{301}\u{301}")
        let flags = SurveySubmission(answers: Array(repeating: 4, count: 9), suggestion: String(repeating: "🇮🇩", count: 251))
        #expect(throws: Problem.self) { try SurveyRules.validate(flags) }
        let fits = SurveySubmission(answers: Array(repeating: 4, count: 9), suggestion: String(repeating: "🇮🇩", count: 250))
        #expect(try SurveyRules.validate(fits).suggestion?.unicodeScalars.count == 500)
    }
}
