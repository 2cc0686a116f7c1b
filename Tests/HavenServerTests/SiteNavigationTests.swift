import Foundation
import HavenCore
@testable import HavenServer
import Testing

/// Every page of a set-up account carries the navigation bar, marking the page it is on, and
/// offering only what the role may open.
@Suite
struct SiteNavigationTests {
    @Test func everyPageHasTheNavigationBarMarkingWhereTheReaderIs() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: "alpha", title: "가상 탐색 사건"), by: .localOperator).record
            let analyst = try await server.signIn(role: .analyst, compartments: ["alpha"])
            for path in ["/", "/records", "/reports/trends", "/reports/statistics", "/reports/brokers", "/reports/parties", "/duplicates",
                         "/records/event/new", "/records/event/\(event.id.wire)"] {
                let page = try await analyst.page(path)
                let nav = try #require(page.firstMatch(of: /<nav class="site" aria-label="주 메뉴">(.*?)<\/nav>/)?.output.1, "\(path) has the bar")
                let current = nav.matches(of: /<a href="([^"]+)" aria-current="page">/).map { String($0.output.1) }
                #expect(current == (path.hasPrefix("/records/event/") && path != "/records/event/new" ? [] : [path]), "\(path): \(current)")
            }
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            let reviewing = try await reviewer.page("/records")
            #expect(reviewing.contains("<nav class=\"site\"") && !reviewing.contains("href=\"/records/event/new\"") && !reviewing.contains("href=\"/imports\""),
                    "a reviewer is not offered the forms or imports")
        }
    }
}
