import KioskCore
import Testing

@testable import QueueServer

/// The kiosk's survey texts (KioskCore's `Translations+Survey.swift`) and the phone form's
/// (`SurveyQuestions.swift` here) are kept apart, one per package; this checks they say the same.
@Suite struct SurveyTextAgreementTests {
    @Test func theKioskAndThePhoneFormAskTheSameQuestionsWithTheSameAnswers() throws {
        #expect(QueueServer.SurveyElement.allCases.count == KioskCore.SurveyElement.allCases.count)
        for element in QueueServer.SurveyElement.allCases {
            let kioskElement = KioskCore.SurveyElement(rawValue: element.rawValue)
            let kiosk = try #require(kioskElement)
            #expect(element.code == kiosk.code)
            #expect(element.question == Translations.surveyQuestion(kiosk), "\(element.code)")
            #expect(element.answers == Translations.surveyAnswers(kiosk), "\(element.code)")
            let name = Translations.surveyElementName(kiosk)
            #expect(element.indonesian == name.indonesian && element.english == name.english, "\(element.code)")
        }
    }
}
