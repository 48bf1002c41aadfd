import Foundation
import KioskLink
import KioskProtocol
@testable import QueueServer
import Testing

/// The citizen page's refusals (issue 12): a browser gets a page in Bahasa Indonesia then English
/// with the refusal's status; an API client gets the problem+json.
@Suite("Citizen page errors")
struct CitizenErrorPageTests {
    static let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"

    @Test(arguments: StoreKind.allCases) func anUnknownTicketIsABilingualPageForABrowserAndAProblemForAnAPIClient(store: StoreKind) throws {
        let server = try TestServer(store: store)
        let transport = try server.transport()
        for path in ["/t/" + TestServer.newID(), "/t/not-a-ticket-id"] {
            let page = try transport.send(HTTPRequest(method: "GET", path: path, headers: ["Accept": Self.browser]))
            let text = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 404)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            #expect(page.headers["vary"] == "Accept")
            let indonesian = try #require(text.range(of: "Tiket tidak ditemukan"))
            let english = try #require(text.range(of: "Ticket not found"))
            #expect(indonesian.lowerBound < english.lowerBound, "Bahasa Indonesia first")
            #expect(!text.contains("/problems/"))
            for accept in ["application/json", "*/*", "text/html;q=0.5, application/problem+json", ""] {
                let api = try transport.send(HTTPRequest(method: "GET", path: path, headers: accept.isEmpty ? [:] : ["Accept": accept]))
                #expect(api.status == 404, "\(accept)")
                #expect(api.headers["content-type"] == "application/problem+json", "\(accept)")
                #expect(String(decoding: api.body, as: UTF8.self).contains("/problems/not-found"), "\(accept)")
            }
        }
        // A ticket that exists is still its page.
        let ticket = try server.client().issue(
            IssueTicketRequest(ticketId: TestServer.newID(), serviceId: "ktp-el", issuedAt: TestServer.mondayMorning))
        #expect(try transport.send(HTTPRequest(method: "GET", path: ticket.statusPath, headers: ["Accept": Self.browser])).status == 200)
        server.expectContractKept()
    }

    @Test func onlyAnAcceptThatNamesHTMLAtLeastAsHighAsJSONGetsThePage() {
        #expect(CitizenErrorPage.wantsHTML(accept: Self.browser))
        #expect(CitizenErrorPage.wantsHTML(accept: "TEXT/HTML"))
        #expect(CitizenErrorPage.wantsHTML(accept: "application/json;q=0.5, text/html"))
        #expect(!CitizenErrorPage.wantsHTML(accept: nil))
        #expect(!CitizenErrorPage.wantsHTML(accept: "*/*"))
        #expect(!CitizenErrorPage.wantsHTML(accept: "text/*"))
        #expect(!CitizenErrorPage.wantsHTML(accept: "text/html;q=0"))
        #expect(!CitizenErrorPage.wantsHTML(accept: "text/html;q=0.4, application/json"))
    }
}
