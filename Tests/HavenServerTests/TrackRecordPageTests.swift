import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Brokers' track records through the pages and the API (synthetic data): a broker who moves
/// large groups cheaply and is linked to repeated arrests is listed first with the reasons, each
/// leading to its records; a reviewer sees no names; another compartment reaches nothing.
@Suite
struct TrackRecordPageTests {
    @Test func aBrokerRecordedTwiceAndMergedIsListedOnceWithBothRecordsRequests() async throws {
        try await TestServer.with { server in
            func broker() -> Person { Person(compartment: "alpha", names: [PersonName("가상 브로커 윤", script: .hangul, system: .unknown)]) }
            let (first, second) = (broker(), broker())
            func request(_ broker: Person, _ month: String) throws -> RescueRequest {
                RescueRequest(compartment: "alpha", contactInitiatedBy: .broker, brokerID: broker.id, groupSize: 3,
                              timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: month))])
            }
            _ = try await server.store.createAll([first, second, try request(first, "2025-01"), try request(second, "2025-02")], by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            func listed() async throws -> [[String: Any]] {
                let body = try await client.execute(uri: "/api/reports/brokers", method: .get).body
                let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
                return (json["subjects"] as? [[String: Any]] ?? []).filter { $0["name"] as? String == "가상 브로커 윤" }
            }
            #expect(try await listed().count == 2, "two records before the merge")
            #expect(try await client.postForm("/duplicates/merge", ["record": second.id.uuidString, "into": first.id.uuidString]).status == .seeOther)
            let merged = try await listed()
            #expect(merged.count == 1 && merged.first?["requests"] as? Int == 2, "one broker with both records' requests: \(merged)")
            #expect((merged.first?["subject"] as? [String: Any])?["id"] as? String == first.id.uuidString.lowercased(), "listed as the main record")
            let record = try await client.page("/reports/brokers/person/\(first.id.uuidString.lowercased())")
            #expect(record.contains("구출 요청: 2"), "the main record's track record holds the merged record's request")
            let main = try await client.page("/records/person/\(first.id.uuidString.lowercased())")
            #expect(main.matches(of: /href="\/records\/rescue_request\/[0-9a-f]{8}-/).count == 2, "the main record's page lists both requests")
            let secondRequest = try await server.store.allRecords(RecordQuery(kinds: [.rescueRequest]), by: .localOperator)
                .compactMap { $0 as? RescueRequest }.first { $0.brokerID == second.id }
            let requestPage = try await client.page("/records/rescue_request/\(try #require(secondRequest).id.uuidString.lowercased())")
            #expect(requestPage.contains("href=\"/records/person/\(first.id.uuidString.lowercased())\"")
                    && !requestPage.contains("href=\"/records/person/\(second.id.uuidString.lowercased())\""),
                    "a request naming the merged record links its broker's main record")
            // Un-merging restores both.
            #expect(try await client.postForm("/duplicates/unmerge", ["record": second.id.uuidString]).status == .seeOther)
            #expect(try await listed().map { $0["requests"] as? Int } == [1, 1])
        }
    }

    @Test func anIncidentWithANamedVictimAndAGroupIsOneArrestOfAllItsPeople() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let made = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
            {"event": {"title": "쿤밍 체포 — 가상", "startDate": "2025-03-02", "placeCode": "CN-YN-KUNMING"}, "actType": "arrest",
             "victims": [{"name": "가상 피해자 한", "status": "detained"}], "groups": [{"size": 14, "status": "detained"}],
             "actors": [{"name": "가상 브로커 서", "role": "facilitator"}]}
            """))
            #expect(made.status == .created, "\(String(buffer: made.body))")
            let list = try await client.page("/reports/brokers")
            #expect(list.contains("관련 체포 (건)"), "the column names its unit")
            let row = try #require(list.firstMatch(of: /가상 브로커 서<\/a><\/th><td>\d+<\/td><td>(\d+)<\/td>/)).1
            #expect(row == "1", "one incident, not one per act")
            let path = try #require(list.firstMatch(of: /href="(\/reports\/brokers\/person\/[0-9a-f-]+)"/)).1
            let page = try await client.page(String(path))
            #expect(page.contains("관련 체포: 1건 · 15명"), "one incident of 15 people")
            let arrests = try #require(page.firstMatch(of: /<h2 id="arrests">.*?<ul class="linked">(.*?)<\/ul>/)).1
            #expect(arrests.components(separatedBy: "<li>").count - 1 == 1 && arrests.contains("2025년 3월 2일 · 15명"), "the incident is listed once: \(arrests)")
            // Names, not ids: the incident by its title, date and place; the broker by name.
            #expect(arrests.contains(">쿤밍 체포 — 가상 · 2025년 3월 2일 · 쿤밍(곤명)</a>"), "\(arrests)")
            #expect(page.firstMatch(of: /(사건|인물|구출 요청|개입 요청) [0-9a-f]{8}</) == nil, "no link names a record by an id fragment")
        }
    }

    @Test func aBrokerLinkedToRepeatedArrestsIsFlaggedWithItsReasons() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            func record(_ date: String, _ size: Int, broker: String) async throws {
                let made = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
                {"event": {"title": "쿤밍 집단 체포 \(date) — 가상", "startDate": "\(date)", "placeCode": "CN-YN-KUNMING"}, "actType": "arrest",
                 "groups": [{"size": \(size), "status": "detained"}],
                 "actors": [\(broker), {"name": "가상 공안국", "organisationKind": "public_security", "role": "perpetrator"}],
                 "sources": [{"name": "가상 단체 \(date)", "kind": "ngo", "reliability": "B", "credibility": "2"}]}
                """))
                #expect(made.status == .created, "\(String(buffer: made.body))")
            }
            try await record("2025-01-07", 15, broker: #"{"name": "가상 브로커 정", "role": "facilitator"}"#)
            let brokers = try await server.store.exportRecords(plaintext: true, by: .localOperator).compactMap { $0 as? Person }
                .filter { $0.names.first?.value == "가상 브로커 정" }
            #expect(brokers.count == 1)
            // The second incident names the broker already on record, so both gather under one record.
            try await record("2025-02-12", 12, broker: #"{"existing": {"kind": "person", "id": "\#(brokers[0].id.uuidString)"}, "role": "facilitator"}"#)
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).compactMap { $0 as? Person }.count == 1)
            let list = try await client.page("/reports/brokers")
            #expect(list.contains("가상 브로커 정") && list.contains("반복된 체포와 관련"))
            let path = "/reports/brokers/person/\(brokers[0].id.uuidString.lowercased())"
            #expect(list.contains("href=\"\(path)\""))
            let page = try await client.page(path)
            #expect(page.contains("37일 동안 27명이 체포된 2건의 체포와 관련됨.") && page.contains("판정이 아닙니다"))
            #expect(page.contains("보통 3명인데 최대 15명의 일행을 이동시킴."), "without enough requests the default norm of 3 applies")
            let api = try await client.execute(uri: "/api/reports/brokers/person/\(brokers[0].id.uuidString.lowercased())", method: .get)
            #expect(api.status == .ok && String(buffer: api.body).contains("\"kind\":\"linked_arrests\"")
                    && String(buffer: api.body).contains("Linked to 2 arrests of 27 people in 37 days."))
            // The organisation is listed too, as a perpetrator it is not a broker: it is not in the list.
            #expect(!list.contains("가상 공안국"))

            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            let redacted = try await reviewer.page(path)
            #expect(!redacted.contains("가상 브로커 정") && redacted.contains("반복된 체포와 관련"))
            let outsider = try await server.signIn(role: .analyst, compartments: ["beta"], username: "beta.analyst")
            #expect(try await outsider.execute(uri: path, method: .get).status == .notFound)
            #expect(!(try await outsider.page("/reports/brokers")).contains("가상 브로커"))
            #expect(try await client.execute(uri: "/reports/brokers/event/\(brokers[0].id.uuidString.lowercased())", method: .get).status == .notFound)
        }
    }
}

/// A party sent many requests is summed over all of them, while its page lists the latest few
/// and names only those in the access log.
@Suite
struct PartyRequestsPagingTests {
    @Test func aPartyWithManyRequestsListsTheLatestAndCountsThemAll() async throws {
        try await TestServer.with { server in
            var interventions: [any Record] = []
            for day in 1...25 {
                interventions.append(Intervention(compartment: "alpha", partyName: "가상 외교부", channel: .diplomaticNote,
                                                  dateSent: try FuzzyDate(parsing: String(format: "2025-03-%02d", day)), request: "가상 요청",
                                                  status: .sent))
            }
            _ = try await server.store.importRecords(interventions, by: .localOperator)
            let latest = try #require(interventions.last as? Intervention)
            let earliest = try #require(interventions.first as? Intervention)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let before = try await server.store.auditLog().count
            let page = try await client.page("/reports/parties")
            #expect(page.contains("<td>25</td>"), "the counts cover every request")
            let listed = page.matches(of: /href="\/records\/intervention\/[0-9a-f-]{36}"/).count
            #expect(listed == PartyResponsesPage.shownPerParty)
            #expect(page.contains("href=\"/records/intervention/\(latest.id.wire)\"") && !page.contains(earliest.id.wire), "the latest first")
            #expect(page.contains("요청 25건 가운데 최근 20건입니다"))
            let entries = try await server.store.auditLog().dropFirst(before).map(\.entry)
            let shown = entries.filter { $0.detail.contains("shown-by=report") }.map(\.detail).joined()
            #expect(shown.contains(latest.id.wire) && !shown.contains(earliest.id.wire), "only the requests listed are logged as shown")
        }
    }
}
