import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// A ministry's repeated requests to a foreign government about forced repatriations, never
/// answered (synthetic): the sweep records each non-response, dated, by Haven, in the audit log;
/// the party page and API show them; nothing in another compartment is touched.
@Suite
struct NonResponseTests {
    @Test func deadlinesPassedWithoutAnAnswerAreRecordedAndSummedByParty() async throws {
        try await TestServer.with { server in
            // The requests are recorded while their deadlines are still ahead.
            server.clock.set(try #require(ISO8601DateFormatter().date(from: "2024-03-01T09:00:00Z")))
            var ids: [UUID] = []
            for (month, compartment) in [("2024-03", "alpha"), ("2024-06", "alpha"), ("2024-09", "alpha"), ("2024-09", "beta")] {
                let intervention = Intervention(compartment: compartment, partyName: "가상국 외교부", channel: .diplomaticNote,
                                                dateSent: try FuzzyDate(parsing: month + "-01"), request: "강제송환 중지 요청 (가상)",
                                                deadline: try FuzzyDate(parsing: month + "-20"), status: .sent)
                ids.append(try await server.store.create(intervention, by: .localOperator).record.id)
            }
            let answered = Intervention(compartment: "alpha", partyName: "가상 유엔 기구", channel: .unCommunication,
                                        dateSent: try FuzzyDate(parsing: "2024-03-01"), request: "가상 진정", deadline: try FuzzyDate(parsing: "2024-04-01"),
                                        response: .acknowledged, responseDate: try FuzzyDate(parsing: "2024-03-15"), status: .answered)
            _ = try await server.store.create(answered, by: .localOperator)
            let today = try #require(ISO8601DateFormatter().date(from: "2024-10-15T09:00:00Z"))
            server.clock.set(today)
            let marked = try await NonResponseSweep.run(repository: server.store, today: today)
            #expect(Set(marked) == Set(ids), "every unanswered request past its deadline, in every compartment, is marked")
            #expect(try await NonResponseSweep.run(repository: server.store, today: today).isEmpty, "a second run marks nothing again")
            let first = try await server.store.get(Intervention.self, id: ids[0], by: .localOperator)
            #expect(first.version == 2 && first.record.response == .noResponse && first.record.responseDate?.description == "2024-10-15"
                    && first.record.status == .overdue)
            let log = try await server.store.auditLog().map(\.entry)
            #expect(log.filter { $0.action == "update" && $0.actor == "system" && $0.kind == "intervention" }.count == 4)

            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let page = try await client.page("/reports/parties")
            #expect(page.contains("<summary>가상국 외교부</summary>") && page.contains("<td>3 (무응답 3)</td>") && page.contains("<td>14</td>"))
            #expect(!page.contains(ids[3].uuidString.lowercased()), "another compartment's request is not counted")
            let api = String(buffer: try await client.execute(uri: "/api/reports/parties", method: .get).body)
            #expect(api.contains("\"noResponse\":3") && api.contains("\"medianDaysToAnswer\":14"))
            #expect(try await client.page("/records/intervention/\(ids[0].uuidString.lowercased())").contains("2024년 10월 15일"))
        }
    }

    @Test func theSweepWakesJustAfterMidnightWhenTheDayTurnsBeforeTheHour() {
        let hour = Duration.seconds(3600)
        // 23:30 UTC: the day turns in 30 minutes, before the hour is up.
        let lateEvening = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 86_400) + 84_600)
        #expect(NonResponseSweep.pause(every: hour, now: lateEvening) == .seconds(1_801))
        // 10:00 UTC: an hour, as usual.
        let morning = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 86_400) + 36_000)
        #expect(NonResponseSweep.pause(every: hour, now: morning) == hour)
    }
}
