import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Testing

/// The home page is the officer's work queue: deadlines passed and coming, each with the incident
/// it concerns, and rescue requests still to verify.
@Suite
struct WorkQueueTests {
    @Test func theHomePageListsDeadlinesComingAndPassedWithTheirIncidentAndRequestsToVerify() async throws {
        try await TestServer.with { server in
            let today = Day.string(server.clock.now)
            let event = Event(compartment: "alpha", title: "가상 단둥 체포", startDate: try FuzzyDate(parsing: Day.offset(today, days: -20)))
            func intervention(_ party: String, deadlineIn days: Int) throws -> Intervention {
                Intervention(compartment: "alpha", subjectIDs: [event.id], partyName: party, channel: .letter,
                             dateSent: try FuzzyDate(parsing: Day.offset(today, days: -10)), request: "가상 요청",
                             deadline: try FuzzyDate(parsing: Day.offset(today, days: days)), status: .sent)
            }
            let request = RescueRequest(compartment: "alpha", placeCode: "KP-10-HYESAN",
                                        timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: Day.offset(today, days: -3)))])
            _ = try await server.store.importRecords([event, try intervention("가상 지난 기한", deadlineIn: -2), try intervention("가상 다가오는 기한", deadlineIn: 5),
                                                      try intervention("가상 먼 기한", deadlineIn: 60), request], by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let home = try await client.page("/")
            let overdue = try #require(home.firstMatch(of: /<section aria-labelledby="overdue">(.*?)<\/section>/)?.output.1)
            let dueSoon = try #require(home.firstMatch(of: /<section aria-labelledby="due-soon">(.*?)<\/section>/)?.output.1)
            let toVerify = try #require(home.firstMatch(of: /<section aria-labelledby="to-verify">(.*?)<\/section>/)?.output.1)
            #expect(overdue.contains("가상 지난 기한") && !overdue.contains("가상 다가오는 기한"))
            #expect(dueSoon.contains("가상 다가오는 기한") && !dueSoon.contains("가상 먼 기한") && dueSoon.contains("대상 기록: 가상 단둥 체포"),
                    "a coming deadline, with the incident it concerns")
            #expect(toVerify.contains("/records/rescue_request/\(request.id.wire)") && toVerify.contains("혜산"))
        }
    }
}
