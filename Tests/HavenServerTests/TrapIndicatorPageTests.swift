import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// A family in a border county lured by a broker whom state security had coerced (synthetic):
/// the rescue request's page and API show every indicator with the records behind it, and
/// recording a check of the checklist is kept with its date and removes what it answers.
@Suite
struct TrapIndicatorPageTests {
    @Test func aLuringBrokersRequestShowsItsIndicatorsAndTheChecklistIsRecorded() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            // An earlier entrapment in Hyesan: state security coerced a broker into luring a family.
            let earlier = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: """
            {"event": {"title": "혜산 함정 사건 — 가상", "startDate": "2025-01-15", "placeCode": "KP-10-HYESAN"}, "actType": "state_entrapment",
             "victims": [{"name": "가상 가족 1"}], "actors": [{"name": "가상 브로커 박", "role": "coerced_facilitator"},
             {"name": "가상 보위부", "organisationKind": "state_security", "role": "perpetrator"}],
             "sources": [{"name": "가상 탈북민 단체", "kind": "ngo", "reliability": "B", "credibility": "2"}]}
            """))
            #expect(earlier.status == .created)
            let made = try await server.store.exportRecords(plaintext: true, by: .localOperator)
            let broker = try #require(made.compactMap { $0 as? Person }.first { $0.names.first?.value == "가상 브로커 박" })
            let event = try #require(made.compactMap { $0 as? Event }.first)
            // Going rates from three other requests, and the suspicious one.
            for fee in [3_000, 2_800, 3_200] {
                _ = try await server.store.create(RescueRequest(compartment: "alpha", fee: Money(amount: Double(fee), currency: "USD"),
                                                                timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-02"))]),
                                                  by: .localOperator)
            }
            let lure = try await server.store.create(RescueRequest(
                compartment: "alpha", contactInitiatedBy: .broker, brokerID: broker.id, fee: Money(amount: 300, currency: "USD"),
                placeCode: "KP-10-HYESAN", timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-04"))],
                notes: "아버지가 한국에서 요청했다고 브로커가 말함 (가상)"), by: .localOperator).record
            let path = "/records/rescue_request/\(lure.id.uuidString.lowercased())"

            let api = try await client.execute(uri: "/api/rescue-requests/\(lure.id.uuidString.lowercased())/indicators", method: .get)
            #expect(api.status == .ok)
            let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let kinds = (json["indicators"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds == ["broker_initiated", "requester_unverified", "relationship_unverified", "chain_linked_to_entrapment", "county_entrapment_reports", "fee_far_below_rate"])
            #expect(String(buffer: api.body).contains(event.id.uuidString.lowercased()), "the indicators name the entrapment incident")

            let page = try await client.page(path)
            #expect(page.contains("함정 징후") && page.contains("판정이 아닙니다"))
            #expect(page.contains("기록상 브로커가 함정 사건 1건과 관련되어 있습니다.") && page.contains("href=\"/records/event/\(event.id.uuidString.lowercased())\""))
            #expect(page.contains("비슷한 요청 3건의 중앙값(3000 USD)의 10%입니다"))
            let version = try #require(page.firstMatch(of: /name="version" value="(\d+)"/)).1
            let ticked = try await client.postForm(path + "/checks", ["version": String(version), "check.independent_channel": "on",
                                                                     "check.broker_record": "on"])
            #expect(ticked.status == .seeOther)
            let stored = try await server.store.get(RescueRequest.self, id: lure.id, by: .localOperator).record
            #expect(stored.checked(.independentChannel) && stored.checked(.brokerRecord) && !stored.checked(.familyConfirmed))
            #expect(stored.checks?.first { $0.item == .independentChannel }?.date != nil, "a check is dated")
            let after = try await client.page(path)
            #expect(!after.contains("<strong>요청자와 가족의 관계가 독립된 경로로 확인되지 않음</strong>") && after.contains("id=\"check.independent_channel\" name=\"check.independent_channel\" checked"))
            // Each indicator names the check that answers it and where that check stands.
            #expect(after.contains("<strong>요청자의 신원이 확인되지 않음</strong>") && after.contains("답하는 확인 항목: 요청자의 신원을 확인함 — 아직 하지 않음"),
                    "the identity indicator stays until its own check is done")
            #expect(after.contains("data-answered-by=\"broker_record\">답하는 확인 항목: 브로커의 이력을 확인함 — 검토함. 근거는 기록에 남아 있습니다"),
                    "a reviewed broker stays flagged, shown as reviewed")
            #expect(after.contains("해당 징후: 요청자와 가족의 관계가 독립된 경로로 확인되지 않음"), "the checklist says which indicator each check answers")
            let identity = try #require(after.firstMatch(of: /name="version" value="(\d+)"/)).1
            _ = try await client.postForm(path + "/checks", ["version": String(identity), "check.independent_channel": "on",
                                                            "check.broker_record": "on", "check.requester_identity": "on"])
            let cleared = try await client.page(path)
            #expect(!cleared.contains("<strong>요청자의 신원이 확인되지 않음</strong>") && cleared.contains("기록상 브로커가 함정 사건 1건과 관련되어 있습니다."))
            // A stale checklist overwrites nothing.
            #expect(try await client.postForm(path + "/checks", ["version": String(version)]).status == .conflict)
            #expect(try await server.store.get(RescueRequest.self, id: lure.id, by: .localOperator).record.checked(.requesterIdentity))
            // A reviewer sees the indicators and the checklist, without a form to change it.
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            let seen = try await reviewer.page(path)
            #expect(seen.contains("함정 징후") && !seen.contains("/checks\""))
            #expect(try await reviewer.postForm(path + "/checks", ["version": "2"]).status == .forbidden)
        }
    }
}
