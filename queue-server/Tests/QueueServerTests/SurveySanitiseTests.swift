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
}
