import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// A named victim who is one of a counted group is one person, not one more: "a group of 15,
/// among them 가상 리순희" is 15 people in the dossier, the broker's track record and the
/// statistics; a named victim the group does not include is one more.
@Suite
struct PeopleCountTests {
    @Test func aNamedVictimCountedInTheGroupIsNotCountedAgain() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            func incident(_ inGroup: String) async throws -> UUID {
                let made = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
                {"event": {"title": "쿤밍 체포 — 가상", "startDate": "2025-03-02", "placeCode": "CN-YN-KUNMING"}, "actType": "arrest",
                 "victims": [{"name": "가상 리순희", "status": "detained"\(inGroup)}], "groups": [{"size": 15, "status": "detained"}],
                 "actors": [{"name": "가상 브로커 도", "role": "facilitator"}]}
                """))
                #expect(made.status == .created, "\(String(buffer: made.body).prefix(300))")
                let event = try jsonObject(made)["event"] as? String
                return try #require(event.flatMap(UUID.init(uuidString:)))
            }
            let among = try await incident(#", "inGroup": 0"#)
            let beside = try await incident("")
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])
            #expect(try await DossierReader.dossier(.event(among), repository: server.store, actor: analyst).incidents.first?.people == 15)
            #expect(try await DossierReader.dossier(.event(beside), repository: server.store, actor: analyst).incidents.first?.people == 16)
            let statistics = try await StatisticsReader.statistics(firstYear: 2025, lastYear: 2025, store: server.store, actor: analyst)
            #expect(statistics.documented(2025, [.arrest]) == 31, "15 and 16 people")
            // The broker was recorded anew in each incident: two records, one arrest each.
            let brokers = try await Reports.brokers(repository: server.store, actor: analyst, thresholds: RiskThresholds())
            #expect(brokers.flatMap { $0.record.arrestIncidents.map(\.people) }.sorted() == [15, 16])
            // A group that is not the incident's is refused by name.
            let wrong = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
            {"event": {"title": "가상"}, "actType": "arrest", "victims": [{"name": "가상 한", "inGroup": 3}], "groups": [{"size": 2}]}
            """))
            #expect(wrong.status == .unprocessableContent && String(buffer: wrong.body).contains("victims[0].inGroup"))
        }
    }

    @Test func aVictimsLaterStepsDoNotCountThemAgain() {
        let event = UUID(), group = UUID(), alone = UUID(), member = UUID()
        let acts = [
            Act(eventID: event, actType: .arrest, victimGroupID: group),
            Act(eventID: event, actType: .arrest, victimID: member, memberOfGroupID: group),
            // Her repatriation recorded later without the group: still one of the 15.
            Act(eventID: event, actType: .forcedRepatriation, victimID: member),
            Act(eventID: event, actType: .arrest, victimID: alone),
            Act(eventID: event, actType: .detention, victimID: alone),
            Act(eventID: event, actType: .forcedRepatriation, victimID: alone),
        ]
        #expect(PeopleCount.distinct(acts, groupSizes: [group: 15]) == 16, "15 in the group and one beside it, each once")
        #expect(PeopleCount.distinct([], groupSizes: [:]) == 0)
    }

    @Test func theIntakeFormAsksWhetherANamedVictimIsOneOfTheGroup() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let form = try await client.page("/records/event/new")
            #expect(form.contains("name=\"victims[0].inGroup\"") && form.contains("예 — 집단 1"), "the question is on every victim row")
            var fields = IncidentFormTests.complete
            fields["victims[0].inGroup"] = "0"
            let created = try await client.postForm("/records/event/new", fields)
            #expect(created.status == .seeOther, "\(String(buffer: created.body).prefix(300))")
            let acts = try await server.store.allRecords(RecordQuery(kinds: [.act]), by: .localOperator).compactMap { $0 as? Act }
            let group = try #require(acts.first { $0.victimGroupID != nil }?.victimGroupID)
            #expect(acts.filter { $0.memberOfGroupID == group }.count == 1, "the first victim is one of the group; the second is not")
        }
    }
}
