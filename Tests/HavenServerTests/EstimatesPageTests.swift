import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The estimates page: documented against estimated per stratum for analysts, with the reasons
/// a stratum is not estimated, and closed to roles that do not analyse.
struct EstimatesPageTests {
    @Test func analystsSeeDocumentedAgainstEstimatedPerStratum() async throws {
        try await TestServer.with { server in
            let vault = try await EstimateReaderTests.fill(server.store)
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            let page = try await analyst.page("/reports/estimates?type=arrest&by=year&method=dga")
            #expect(page.contains("<h1>추정</h1>") && page.contains("<svg") && page.contains("id=\"estimates\""))
            #expect(page.contains("<th scope=\"row\">2023</th>") && page.contains("5명으로 30명보다 적어 추정할 수 없습니다"),
                    "the small year is refused with the reason, in Korean")
            let observed = vault.expected2024.values.reduce(0, +)
            #expect(page.contains("<th scope=\"row\">2024</th>") && page.contains("<td>\(observed)</td>"))
            #expect(vault.sources.allSatisfy { !page.contains($0.name) }, "lists are named without the sources' names")
            #expect(page.contains("이름 없는 집단에 대한 행위 1건은 제외했습니다."))
            #expect(page.contains("href=\"/reports/estimates\""), "the navigation leads analysts to it")

            // Anything outside the offered choices falls back to the defaults, never an error page.
            let odd = try await analyst.execute(uri: "/reports/estimates?type=nonsense&by=month&method=guess", method: .get)
            #expect(odd.status == .ok && String(buffer: odd.body).contains("<h1>추정</h1>"))

            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            #expect(try await documenter.execute(uri: "/reports/estimates", method: .get).status == .forbidden)
            #expect(!(try await documenter.page("/reports/statistics")).contains("href=\"/reports/estimates\""))
        }
    }

    @Test func theChartCarriesEveryNumberInItsDescription() {
        let chart = EstimateChart(rows: [
            .init(label: "2024", observed: 37, estimate: 52.4, lower: 41, upper: 80),
            .init(label: "2025", observed: 12, estimate: 30, lower: 14, upper: nil),
        ], title: "가상", documented: "documented", estimated: "estimated", unbounded: "no upper bound").svg()
        #expect(chart.contains("<desc>2024: documented 37, estimated 52 (41–80); 2025: documented 12, estimated 30 (14–no upper bound)</desc>"))
        #expect(chart.contains("stroke-dasharray"), "an interval without an upper end is drawn dashed to the edge")
    }
}
