import Foundation
import KioskLink
import Testing

/// The checker itself must catch drift, or the contract test proves nothing.
@Suite struct ContractCheckerTests {
    let ticketPath = "/v1/tickets/0b3c1c6e-5d0e-4a8e-9f6e-0d6a0c0b0a01"

    func reply(_ status: Int, _ body: String) -> HTTPReply {
        HTTPReply(status: status, headers: ["content-type": "application/json"], body: Array(body.utf8))
    }

    @Test func flagsAMissingNullAWrongTypeAnUndocumentedStatusAndAnUnknownPath() {
        let checker = ContractChecker.shared
        let request = HTTPRequest(method: "GET", path: ticketPath)
        let good = """
            {"agencyId":"a","counterId":null,"day":"2026-03-02","estimatedWaitMinutes":null,"number":"A-001","peopleAhead":0,
            "priority":false,"printUncertain":false,"priorityToCheck":false,"queuedAt":1,"sequence":1,"serviceId":"s","state":"waiting","statusPath":"/t/x",
            "ticketId":"0b3c1c6e-5d0e-4a8e-9f6e-0d6a0c0b0a01"}
            """
        #expect(checker.violations(request, reply(200, good)).isEmpty)
        let missing = good.replacingOccurrences(of: "\"estimatedWaitMinutes\":null,", with: "")
        #expect(checker.violations(request, reply(200, missing)).contains { $0.contains("estimatedWaitMinutes") })
        let wrongState = good.replacingOccurrences(of: "\"waiting\"", with: "\"lost\"")
        #expect(!checker.violations(request, reply(200, wrongState)).isEmpty)
        let wrongType = good.replacingOccurrences(of: "\"queuedAt\":1", with: "\"queuedAt\":\"1\"")
        #expect(!checker.violations(request, reply(200, wrongType)).isEmpty)
        #expect(!checker.violations(request, reply(418, good)).isEmpty)
        #expect(!checker.violations(HTTPRequest(method: "GET", path: "/v1/nowhere"), reply(200, "{}")).isEmpty)
    }
}
