import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page, for every kind of record, carries the security headers, and no protected value
/// reaches a page title, a URL or a redirect.
@Suite
struct PageHeaderTests {
    @Test func everyPageCarriesTheSecurityHeadersAndNoProtectedValueInItsTitleOrAddress() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let created = try await client.postForm("/records/event/new", IncidentFormTests.complete)
            let incident = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let rescue = try #require(try await client.postForm("/records/rescue_request/new", [
                "requesterName": "가상 요청자", "subjects[0].name": "가상 대상", "brokerName": "가상 브로커", "status": "received",
                // The incident named a broker of that name; this is recorded as another.
                "brokerExisting": "new", "statusDate": "2025-03-04"]).headers[.location])
            let eventID = String(incident.split(separator: "/").last!)
            let intervention = try #require(try await client.postForm("/records/intervention/new", [
                "about": eventID, "partyName": "가상 외교부", "request": "가상 요청 내용", "channel": "letter", "status": "draft",
                "response": "awaiting", "priority": "normal"]).headers[.location])
            let protected = ["무산 가족 체포", "김가상", "박임시", "가상 브로커", "가상 제보자", "가상 요청자", "가상 대상", "가상 요청 내용"]
            for location in [incident, rescue, intervention] {
                #expect(!protected.contains { location.contains($0) || location.removingPercentEncoding?.contains($0) == true })
            }
            var pages = ["/", "/records", "/records?kind=event", "/records/event/new", "/records/rescue_request/new", "/records/intervention/new",
                         incident, incident + "/edit", rescue, rescue + "/edit", intervention, intervention + "/edit", "/account/password",
                         "/login", "/login?kept=1"]
            for record in try await server.store.exportRecords(plaintext: true, by: .localOperator) {
                pages.append("/records/\(type(of: record).kind.code)/\(record.id.uuidString.lowercased())")
            }
            #expect(pages.count > 25)
            for page in pages {
                let response = try await client.execute(uri: page, method: .get)
                #expect(response.status == .ok, "\(page) answered \(response.status)")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true, "\(page) has the CSP")
                #expect(response.headers[.xContentTypeOptions] == "nosniff" && response.headers[.cacheControl] == "no-store", "\(page) headers")
                #expect(response.headers[.referrerPolicy] == "no-referrer", "\(page) sends no referrer")
                let html = String(buffer: response.body)
                let title = try #require(html.firstMatch(of: /<title>([^<]*)<\/title>/)).1
                for value in protected { #expect(!title.contains(value), "\(page)'s title holds a protected value") }
                // Every link and form address on the page is free of them too.
                for address in html.matches(of: /(?:href|action)="([^"]*)"/).map({ String($0.1) }) {
                    for value in protected { #expect(!address.contains(value), "\(page) links to an address holding a protected value") }
                }
            }
        }
    }
}
