import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStats
import HavenStore
import HavenTestSupport
import Testing

/// No report stops at a count: every record within reach is counted, however many. The old
/// readers stopped at 20,000 records of a kind and 50,000 acts, silently; these totals are
/// beyond both.
@Suite(.serialized, .tags(.slow), .skippedInFastRuns)
struct ReportTotalsTests {
    static let beyondKindCap = 20_001
    static let beyondActCap = 50_001

    func inBatches(_ records: [any Record], into store: SQLStore) async throws {
        for start in stride(from: 0, to: records.count, by: 5_000) {
            _ = try await store.createAll(Array(records[start..<min(start + 5_000, records.count)]), by: .localOperator)
        }
    }

    @Test func everyReportCountsEveryRecordBeyondTheOldCaps() async throws {
        try await TestServer.with { server in
            let store = server.store
            let event = try await store.create(Event(compartment: "alpha", title: "가상 대량 사건"), by: .localOperator).record
            let date = try FuzzyDate(parsing: "2024-03-15")
            // One counted person behind every act, so that statistics count people too.
            let group = try await store.create(VictimGroup(compartment: "alpha", eventID: event.id, size: 1), by: .localOperator).record
            try await inBatches((0..<Self.beyondActCap).map { _ in
                Act(compartment: "alpha", eventID: event.id, actType: .arrest, victimGroupID: group.id, date: date, placeCode: "CN-JL")
            }, into: store)
            try await inBatches((0..<Self.beyondKindCap).map { i in
                Intervention(compartment: "alpha", partyName: "가상 외교부", channel: .letter, dateSent: date, request: "가상 요청 \(i)", status: .sent)
            }, into: store)
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])

            let query = try TrendsQuery(actType: .arrest, first: Month("2024-03")!, last: Month("2024-03")!, today: Date())
            let trends = try await TrendsReader.trends(query, detector: SurgeDetector(), repository: store, actor: analyst)
            #expect(trends.byMonth[Month("2024-03")!] == Self.beyondActCap, "trends count every act")
            #expect(trends.byType[.arrest] == Self.beyondActCap)
            let statistics = try await StatisticsReader.statistics(firstYear: 2024, lastYear: 2024, store: store, actor: analyst)
            #expect(statistics.documented(2024, [.arrest]) == Self.beyondActCap, "statistics count every act")

            let parties = try await Reports.parties(repository: store, actor: analyst).parties
            #expect(parties.first { $0.party == "가상 외교부" }?.sent == Self.beyondKindCap, "every intervention is counted for its party")
            // Three reports over 70,000 records are three report entries in the access log; the
            // parties report names the 20,001 interventions it lists, 500 to an entry.
            let reports = try await store.auditLog().filter { $0.entry.actor == analyst.id }.map(\.entry.action)
            #expect(reports.filter { $0 == "report" }.count == 3 && reports.filter { $0 == "list" }.count == (Self.beyondKindCap + 499) / 500)
            // What duplicate suggestions and the forms' actor question read.
            #expect(try await TrackRecordReader.all(.intervention, repository: store, actor: analyst).count == Self.beyondKindCap)
            // Where the records read are shown, the access log names them, a page's worth to an entry.
            let named = try await store.auditLog().filter { $0.entry.actor == analyst.id && $0.entry.action == "list" }
                .map { $0.entry.detail.split(separator: " ").first { $0.hasPrefix("returned=") }.flatMap { Int($0.dropFirst(9)) } ?? 0 }
            #expect(named.allSatisfy { $0 <= RecordQuery.reportPageSize })
        }
    }
}
