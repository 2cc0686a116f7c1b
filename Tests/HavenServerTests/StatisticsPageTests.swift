import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Statistics through the pages and the API (synthetic data): persons affected by sex and age,
/// official arrivals imported from CSV with their source beside documented arrests, small cells
/// withheld below analyst and in shared exports.
@Suite
struct StatisticsPageTests {
    @Test func personsAffectedAndOfficialArrivalsAreShownAndSmallCellsWithheld() async throws {
        try await TestServer.with { server in
            let analyst = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let made = try await analyst.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
            {"event": {"title": "쿤밍 체포 — 가상", "startDate": "2024-04-02", "placeCode": "CN-YN-KUNMING"}, "actType": "arrest",
             "groups": [{"size": 15, "women": 13, "children": 2}], "victims": [{"name": "가상 남성", "sex": "male", "age": {"minimum": 30, "maximum": 39}}]}
            """))
            #expect(made.status == .created)
            // A refused import names its row and keeps what was typed; nothing changes.
            let refused = try await analyst.postForm("/reports/statistics/arrivals", ["source": "가상 부처 연례 보고 (가상)", "csv": "year,women,men\n2023,150,40\n2024,x,2"])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("3행: women은(는) 0에서 10000000 사이의 정수여야 합니다"))
            #expect(try await server.store.arrivals().figures.isEmpty)
            let imported = try await analyst.postForm("/reports/statistics/arrivals", ["source": "가상 부처 연례 보고 (가상)", "csv": "year,women,men\n2023,150,40\n2024,160,36"])
            #expect(imported.status == .ok && String(buffer: imported.body).contains("공식 통계를 가져왔습니다"))
            #expect(try await server.store.auditLog().contains { $0.entry.action == "statistics.import" })

            let page = try await analyst.page("/reports/statistics?from=2023&to=2024")
            #expect(page.contains("<th scope=\"row\">체포</th><td>13</td><td>1</td><td>2</td>"), "female 13, male 1, unknown 2")
            #expect(page.contains("<th scope=\"row\">체포</th><td>2</td><td>1</td><td>0</td><td>13</td>"), "under 18: 2, 18–59: 1, older 0, unknown 13")
            #expect(page.contains("<th scope=\"row\">2024</th><td>160</td><td>36</td><td>196</td><td>16</td><td>0</td>"))
            #expect(page.contains("가상 부처 연례 보고 (가상)") && page.contains("<svg"))
            let shared = String(buffer: try await analyst.execute(uri: "/reports/statistics.csv?from=2023&to=2024&shared=1", method: .get).body)
            #expect(shared.contains("sex,arrest,female,13\n") && shared.contains("sex,arrest,male,·\n") && shared.contains("sex,arrest,unknown,·\n"),
                    "1 and 2 are withheld for sharing")
            #expect(shared.contains("official_arrivals,,2024,196\n"))
            let full = String(buffer: try await analyst.execute(uri: "/reports/statistics.csv?from=2023&to=2024", method: .get).body)
            #expect(full.contains("sex,arrest,male,1\n"))

            let documenter = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let withheld = try await documenter.page("/reports/statistics?from=2023&to=2024")
            #expect(withheld.contains("<th scope=\"row\">체포</th><td>13</td><td>·</td><td>·</td>") && !withheld.contains("id=\"csv\""))
            #expect(try await documenter.postForm("/reports/statistics/arrivals", ["source": "x", "csv": "year,women,men\n2023,1,1"]).status == .forbidden)
            let api = String(buffer: try await documenter.execute(uri: "/api/reports/statistics?from=2023&to=2024", method: .get).body)
            #expect(api.contains("\"female\":13") && api.contains("\"male\":null") && api.contains("\"suppressedBelow\":5"))
        }
    }
}
