import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStats
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Trends over synthetic arrests: a wave in Jilin stands out from its own baseline and leads to
/// its incidents; the CSV holds the chart's figures; small counts are withheld below analyst.
@Suite
struct TrendsTests {
    func arrests(in place: String, month: String, count: Int, compartment: String = "alpha") throws -> [any Record] {
        var records: [any Record] = []
        for i in 0..<count {
            let date = try FuzzyDate(parsing: "\(month)-\(String(format: "%02d", i % 28 + 1))")
            let event = Event(compartment: compartment, title: "가상 체포 \(month) \(i)", startDate: date, placeCode: place)
            let group = VictimGroup(compartment: compartment, eventID: event.id, size: 3)
            records += [event, group, Act(compartment: compartment, eventID: event.id, actType: .arrest, victimGroupID: group.id, date: date, placeCode: place)]
        }
        return records
    }

    @Test(arguments: [("/reports/trends?from=2025-13&to=2025-06", "2025-13", "from"), ("/reports/trends?from=2025-06&to=2024-01", "2024-01", "from"),
                      ("/reports/statistics?from=1850&to=2024", "1850", "from"), ("/reports/statistics?from=2024&to=x", "x", "to")])
    func aFilterThatCannotBeReadKeepsThePageTheFormAndSaysWhyInKorean(path: String, typed: String, field: String) async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let response = try await client.execute(uri: path, method: .get)
            let page = String(buffer: response.body)
            #expect(response.status == .badRequest)
            #expect(page.contains("<html lang=\"ko\">") && page.contains("로그아웃"), "the page keeps its header")
            #expect(page.contains("role=\"alert\"") && page.contains("href=\"#\(field)\""), "the problem is at the top, linking to its field")
            #expect(page.contains("value=\"\(typed)\""), "what was typed is kept")
            #expect(page.contains("aria-invalid=\"true\""))
            #expect(!page.contains("must be") && !page.contains("must run"), "no English on the Korean page")
            #expect(page.contains("<svg") || page.contains("<table"), "the default view is shown meanwhile")
        }
    }

    @Test func theTrendsPageOpensOnTheLatestTwoYearsThatHaveData() async throws {
        try await TestServer.with { server in
            // Records that end in May 2022, read in January 2027 (the test clock).
            _ = try await server.store.importRecords(try arrests(in: "CN-JL-YANJI", month: "2022-05", count: 3), by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let page = try await client.page("/reports/trends")
            #expect(page.contains("value=\"2020-06\"") && page.contains("value=\"2022-05\""), "the form shows the 24 months up to the latest act")
            #expect(page.contains("2022년 5월"), "and its chart")
            // A range asked for is shown as asked, empty or not.
            let asked = try await client.page("/reports/trends?from=2026-01&to=2026-12")
            #expect(asked.contains("value=\"2026-01\"") && asked.contains("value=\"2026-12\""))
        }
    }

    @Test func aWaveOfArrestsStandsOutFromItsRegionsBaselineAndLeadsToItsIncidents() async throws {
        try await TestServer.with { server in
            var records: [any Record] = []
            for month in ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"] {
                records += try arrests(in: "CN-JL-YANJI", month: month, count: 1)
                records += try arrests(in: "CN-LN-DANDONG", month: month, count: 2)
            }
            records += try arrests(in: "CN-JL-YANJI", month: "2025-07", count: 7)
            records += try arrests(in: "CN-JL-TUMEN", month: "2025-08", count: 6)
            records += try arrests(in: "CN-JL-YANJI", month: "2025-09", count: 8)
            records += try arrests(in: "CN-JL-YANJI", month: "2025-07", count: 30, compartment: "beta")
            _ = try await server.store.importRecords(records, by: .localOperator)
            let analyst = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let page = try await analyst.page("/reports/trends?type=arrest&from=2025-01&to=2025-09")
            #expect(page.contains("<svg") && page.contains("7월: 7") && page.contains("9월: 8"), "the chart's description lists every month")
            // In plain words, the figures one click away.
            let july = try Regex("평소 한 달 약 1.0건이던 곳에서 7건이 기록됨. 우연히 이만큼 많아질 가능성: 약 1[12],\\d{3}번에 한 번.")
            let september = try Regex("평소 한 달 약 2.8건이던 곳에서 8건이 기록됨. 우연히 이만큼 많아질 가능성: 약 11\\d번에 한 번.")
            #expect(page.contains("지린성(길림성) · 2025년 7월") && page.contains(july)
                    && page.contains("기준 평균 월 1.00건, p = 8.3e-05"))
            #expect(page.contains("지린성(길림성) · 2025년 9월") && page.contains(september)
                    && page.contains("p = 8.7e-03"))
            #expect(page.contains("<details class=\"hint\"><summary>수치 보기</summary>") && !page.contains("푸아송 분포에서"), "the jargon is behind a click")
            #expect(!page.contains("2025년 8월</strong>"), "August (6 against a baseline of 2) is not significant at 0.01")
            #expect(!page.contains("랴오닝성(요녕성) ·"), "Liaoning's steady two a month never surges")
            #expect(page.contains("/reports/trends/events?region=CN-JL&amp;month=2025-07&amp;type=arrest"))
            let behind = try await analyst.page("/reports/trends/events?region=CN-JL&month=2025-07&type=arrest")
            #expect(behind.matches(of: /<li><a href="\/records\/event\/[0-9a-f]{8}-/).count == 7, "the seven incidents of alpha, not beta's")
            let csv = String(buffer: try await analyst.execute(uri: "/reports/trends.csv?type=arrest&from=2025-01&to=2025-09", method: .get).body)
            #expect(csv.hasPrefix("month,region,act_type,acts\n") && csv.contains("2025-07,CN-JL,arrest,7\n") && csv.contains("2025-01,CN-JL,arrest,1\n"))
            let api = String(buffer: try await analyst.execute(uri: "/api/reports/trends?type=arrest&from=2025-01&to=2025-09", method: .get).body)
            #expect(api.contains("\"region\":\"CN-JL\"") && api.contains("\"month\":\"2025-07\"") && api.contains("\"alpha\":0.01"))

            // A documenter sees small counts withheld, in the page and the CSV.
            let documenter = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let withheld = try await documenter.page("/reports/trends?type=arrest&region=CN-JL&from=2025-01&to=2025-09")
            #expect(withheld.contains("1월: ·") && withheld.contains("7월: 7") && withheld.contains("가렸습니다"))
            let withheldCSV = String(buffer: try await documenter.execute(uri: "/reports/trends.csv?type=arrest&region=CN-JL&from=2025-01&to=2025-09", method: .get).body)
            #expect(withheldCSV.contains("2025-01,CN-JL,arrest,·\n") && withheldCSV.contains("2025-07,CN-JL,arrest,7\n"))
            // Filters that do not parse are named.
            #expect(try await analyst.execute(uri: "/reports/trends?from=2025-13", method: .get).status == .badRequest)
            #expect(try await analyst.execute(uri: "/reports/trends?type=lynching", method: .get).status == .badRequest)
        }
    }

    /// An organisation imports its history: a region's records begin in the middle of the period.
    /// Its first months are "not enough history", not surges; a region documented before the
    /// period's baseline window is tested as before.
    @Test func aRegionWhoseRecordsBeginInThePeriodIsNotASurgeWhereTheyBegin() async throws {
        try await TestServer.with { server in
            var records: [any Record] = []
            for month in ["2025-04", "2025-05", "2025-06"] { records += try arrests(in: "KP-09-MUSAN", month: month, count: 8) }
            // Ryanggang: one arrest long before the window, then a wave inside it.
            records += try arrests(in: "KP-10-HYESAN", month: "2023-01", count: 1)
            records += try arrests(in: "KP-10-HYESAN", month: "2025-05", count: 9)
            _ = try await server.store.createAll(records, by: .localOperator)
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])
            let query = try TrendsQuery(actType: .arrest, first: Month("2025-01")!, last: Month("2025-06")!, today: Date())
            let trends = try await TrendsReader.trends(query, detector: SurgeDetector(), repository: server.store, actor: analyst)
            #expect(!trends.surges.contains { $0.region == "KP-09" }, "Musan's records begin in April: not a surge")
            #expect(trends.notEnoughHistory["KP-09"] == Month("2025-10"), "tested from a full window after April")
            #expect(trends.surges.contains { $0.region == "KP-10" && $0.month == Month("2025-05") }, "Hyesan was documented before: its wave is found")
            #expect(trends.notEnoughHistory["KP-10"] == nil)

            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let page = try await client.page("/reports/trends?type=arrest&from=2025-01&to=2025-06")
            #expect(page.contains("기록 기간이 짧아 검정하지 않음"))
        }
    }
}
