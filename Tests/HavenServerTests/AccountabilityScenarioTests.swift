import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 5's acceptance scenario, entered through the public API only and modelled on the kinds
/// of incident published reporting describes. Every name, place detail, date and figure here is
/// SYNTHETIC ("가상" marks it): a group of 15 arrested near Kunming just after crossing a river and
/// transferred to a prison in Jilin; two brokers who recruit at a fraction of the usual fee and
/// move large groups; a wave of arrests in Jilin over three months; a family in a border county
/// lured by a broker whom state security had coerced; a ministry's repeated requests to a foreign
/// government, never answered. It asserts the flags, indicators, surge and dossier that follow.
@Suite(.serialized)
struct AccountabilityScenarioTests {
    struct API {
        let client: SignedInClient

        func post(_ path: String, _ json: String) async throws -> [String: Any] {
            let response = try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
            #expect(response.status == .created, "\(path) answered \(response.status): \(String(buffer: response.body))")
            return try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }

        /// Records an incident; returns its event id and the ids of the records made, by kind.
        func incident(_ json: String) async throws -> (event: String, made: [String: [String]]) {
            let body = try await post("/api/incidents", json)
            var made: [String: [String]] = [:]
            for record in body["records"] as? [[String: String]] ?? [] { made[record["kind"]!, default: []].append(record["id"]!) }
            return (try #require(body["event"] as? String), made)
        }

        func create(_ kind: String, _ json: String) async throws -> String {
            let body = try await post("/api/\(kind)", json)
            return try #require((body["record"] as? [String: Any])?["id"] as? String).lowercased()
        }

        func get(_ path: String) async throws -> (text: String, json: [String: Any]) {
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .ok, "\(path) answered \(response.status)")
            let text = String(buffer: response.body)
            return (text, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:])
        }
    }

    @Test func theScenarioRaisesTheFlagsIndicatorsSurgeAndDossierThatFollow() async throws {
        try await TestServer.with { server in
            var api = API(client: try await server.signIn(role: .analyst, compartments: ["alpha"]))

            // Two brokers who recruit cheaply and move large groups, and the usual requests around them.
            let brokerA = try await api.create("persons", #"{"names": [{"value": "가상 브로커 갑", "script": "hangul", "system": "alias"}]}"#)
            let brokerB = try await api.create("persons", #"{"names": [{"value": "가상 브로커 을", "script": "hangul", "system": "alias"}]}"#)
            for (fee, size, date) in [(3_000, 2, "2025-01-10"), (3_200, 3, "2025-02-03"), (3_500, 2, "2025-03-15"), (2_900, 3, "2025-04-20"), (3_100, 2, "2025-05-05")] {
                _ = try await api.create("rescue-requests", """
                {"fee": {"amount": \(fee), "currency": "USD"}, "groupSize": \(size), "status": "arrived",
                 "timeline": [{"status": "received", "date": "\(date)"}, {"status": "arrived", "date": "\(date)"}]}
                """)
            }
            for (broker, sizes) in [(brokerA, [15, 13]), (brokerB, [12, 14])] {
                for (i, size) in sizes.enumerated() {
                    _ = try await api.create("rescue-requests", """
                    {"brokerID": "\(broker)", "fee": {"amount": 500, "currency": "USD"}, "groupSize": \(size), "status": "arrested",
                     "timeline": [{"status": "received", "date": "2025-0\(i + 3)-01"}, {"status": "arrested", "date": "2025-0\(i + 3)-20"}]}
                    """)
                }
            }

            // The group of 15 arrested near Kunming just after crossing a river, broker A moving them,
            // then transferred to a prison in Jilin and repatriated.
            let kunming = try await api.incident("""
            {"event": {"title": "가상: 강을 건넌 직후 쿤밍 인근에서 15명 체포", "description": "가상 서술: 일행은 강을 건넌 직후 공안에 체포되었다.",
                       "startDate": "2025-03-21", "placeCode": "CN-YN-KUNMING", "verification": "partially_verified"},
             "actType": "arrest", "groups": [{"size": 15, "women": 13, "children": 2, "status": "detained"}],
             "actors": [{"name": "가상 쿤밍시 공안국", "organisationKind": "public_security", "role": "perpetrator", "degree": "direct"},
                        {"existing": {"kind": "person", "id": "\(brokerA)"}, "role": "facilitator"}],
             "sources": [{"name": "가상 인권단체 가", "kind": "ngo", "connection": "hearsay", "reliability": "B", "credibility": "2"},
                         {"name": "가상 가족 제보자", "kind": "family", "connection": "hearsay", "reliability": "C", "credibility": "2"}]}
            """)
            let jilinPrison = try await api.incident("""
            {"event": {"title": "가상: 15명 지린 교도소 이송 후 강제송환", "startDate": "2025-04-28", "placeCode": "CN-JL"},
             "actType": "forced_repatriation", "groups": [{"size": 15, "women": 13, "children": 2, "status": "repatriated"}],
             "sources": [{"name": "가상 인권단체 가", "kind": "ngo", "reliability": "B", "credibility": "3"}]}
            """)

            // A baseline of one arrest a month in Jilin, then about 80 people arrested there over three months, broker B in some.
            for month in ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"] {
                _ = try await api.incident(#"{"event": {"title": "가상 연길 체포 \#(month)", "startDate": "\#(month)-11", "placeCode": "CN-JL-YANJI"}, "actType": "arrest", "groups": [{"size": 2}]}"#)
            }
            var waveIncidents: [String: [String]] = [:]
            var arrested = 0
            for (month, sizes) in [("2025-07", [4, 3, 5, 4, 3, 4, 3]), ("2025-08", [4, 5, 4, 3, 4, 4]), ("2025-09", [3, 4, 3, 3, 4, 3, 3, 4])] {
                for (i, size) in sizes.enumerated() {
                    arrested += size
                    let broker = i == 0 ? #", "actors": [{"existing": {"kind": "person", "id": "\#(brokerB)"}, "role": "facilitator"}]"# : ""
                    let made = try await api.incident("""
                    {"event": {"title": "가상 지린 체포 \(month) \(i)", "startDate": "\(month)-\(String(format: "%02d", i + 2))", "placeCode": "CN-JL-YANJI"},
                     "actType": "arrest", "groups": [{"size": \(size)}]\(broker)}
                    """)
                    waveIncidents[month, default: []].append(made.event)
                }
            }
            #expect((75...85).contains(arrested), "about 80 people in three months (\(arrested))")

            // The family in a border county lured by a broker whom state security had coerced.
            let trap = try await api.incident("""
            {"event": {"title": "가상: 혜산 가족 유인 사건", "startDate": "2025-02-14", "placeCode": "KP-10-HYESAN"}, "actType": "state_entrapment",
             "victims": [{"name": "가상 어머니 병"}, {"name": "가상 딸 병"}],
             "actors": [{"name": "가상 브로커 병", "role": "coerced_facilitator"}, {"name": "가상 국가보위성 분견대", "organisationKind": "state_security", "role": "perpetrator"}],
             "sources": [{"name": "가상 탈북민 증언자", "kind": "witness", "connection": "eyewitness", "reliability": "B", "credibility": "2"}]}
            """)
            // The intake makes the victims' persons first, then the actors': the broker is the last person.
            let brokerC = try #require(trap.made["person"]?.last)
            let lure = try await api.create("rescue-requests", """
            {"brokerID": "\(brokerC)", "contactInitiatedBy": "broker", "fee": {"amount": 300, "currency": "USD"}, "placeCode": "KP-10-HYESAN",
             "notes": "가상: 브로커는 한국에 있는 아버지가 요청했다고 말함", "timeline": [{"status": "received", "date": "2025-03-04"}]}
            """)

            // A ministry's repeated requests to a foreign government about the repatriations, never
            // answered, recorded as they were sent (in May 2025, before their deadlines).
            let start = server.clock.now
            server.clock.set(try #require(ISO8601DateFormatter().date(from: "2025-05-02T09:00:00Z")))
            for (sent, deadline) in [("2025-05-02", "2025-06-01"), ("2025-07-01", "2025-07-31"), ("2025-09-01", "2025-09-30")] {
                _ = try await api.create("interventions", """
                {"subjectIDs": ["\(kunming.event)", "\(jilinPrison.event)"], "partyName": "가상국 외교부", "channel": "diplomatic_note",
                 "dateSent": "\(sent)", "deadline": "\(deadline)", "status": "sent", "request": "가상: 강제송환 중지와 구금자 소재 확인을 요청함"}
                """)
            }
            // Deadlines pass: what `haven serve` does every hour.
            _ = try await NonResponseSweep.run(repository: server.store, today: try #require(ISO8601DateFormatter().date(from: "2025-10-15T00:00:00Z")))
            server.clock.set(start)
            api = API(client: try await server.signIn(role: .analyst, compartments: ["alpha"], username: "analyst.later"))

            // — The flags that follow —
            let brokers = try await api.get("/api/reports/brokers").json["subjects"] as? [[String: Any]] ?? []
            func flags(_ id: String) -> Set<String> {
                Set(brokers.first { (($0["subject"] as? [String: String])?["id"]) == id }?["flags"] as? [String] ?? [])
            }
            #expect(flags(brokerA).isSuperset(of: ["large_groups", "low_fees"]), "broker A: \(flags(brokerA))")
            #expect(flags(brokerB).isSuperset(of: ["large_groups", "low_fees", "linked_arrests"]), "broker B: \(flags(brokerB))")
            #expect(flags(brokerC) == ["entrapment"], "broker C: \(flags(brokerC))")
            let recordB = try await api.get("/api/reports/brokers/person/\(brokerB)").text
            #expect(recordB.contains("Linked to 3 arrests of 11 people in 63 days.") && recordB.contains("Moved groups of up to 14 where 3 is the norm."))
            #expect(recordB.contains("Quoted fees far below the going rate in 2 requests."))
            let recordC = try await api.get("/api/reports/brokers/person/\(brokerC)").text
            #expect(recordC.contains("Named in an entrapment report by a B2 source.") && recordC.contains(trap.event))

            // — The indicators —
            let indicators = try await api.get("/api/rescue-requests/\(lure)/indicators")
            let kinds = (indicators.json["indicators"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
            #expect(kinds == ["broker_initiated", "requester_unverified", "relationship_unverified", "chain_linked_to_entrapment", "county_entrapment_reports", "fee_far_below_rate"])
            #expect(indicators.text.contains(trap.event), "the chain and the county reports lead to the entrapment")

            // — The surge —
            let trends = try await api.get("/api/reports/trends?type=arrest&region=CN-JL&from=2025-01&to=2025-09").json
            let surges = trends["surges"] as? [[String: Any]] ?? []
            #expect(surges.first.map { $0["month"] as? String == "2025-07" && ($0["events"] as? [String])?.count == 7 } == true, "\(surges)")
            #expect(Set(surges.first?["events"] as? [String] ?? []) == Set(waveIncidents["2025-07"] ?? []))

            // — Non-responses and the dossiers —
            let parties = try await api.get("/api/reports/parties").json["parties"] as? [[String: Any]] ?? []
            let ministry = try #require(parties.first { $0["party"] as? String == "가상국 외교부" })
            #expect(ministry["sent"] as? Double == 3 && ministry["unanswered"] as? Double == 3 && ministry["noResponse"] as? Double == 3)
            let dossier = try await api.get("/dossiers/event/\(kunming.event)").text
            for text in ["가상: 강을 건넌 직후 쿤밍 인근에서 15명 체포", "체포: 15명: 여성 13, 아동 2 — 구금 중", "가상 쿤밍시 공안국 (가해자, 공안)",
                         "가상 브로커 갑 (조력자(브로커))", "독립된 출처로 교차 확인됨", "B2", "C2", "개입 요청: 3 (미답변 3)", "무응답 (2025년 10월 15일)"] {
                #expect(dossier.contains(text), "the incident's dossier holds \(text)")
            }
            let partyDossier = try await api.get("/dossiers/party?name=%EA%B0%80%EC%83%81%EA%B5%AD%20%EC%99%B8%EA%B5%90%EB%B6%80&from=2025-01&to=2025-12").text
            #expect(partyDossier.contains("가상: 15명 지린 교도소 이송 후 강제송환") && partyDossier.contains("강제송환: 15명: 여성 13, 아동 2 — 송환됨"))
            #expect(partyDossier.components(separatedBy: "<tr class=\"unanswered\">").count - 1 == 3)
        }
    }
}
