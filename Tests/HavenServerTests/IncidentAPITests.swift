import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /api/incidents`: the intake form's pass for scripts, all or nothing, with problems
/// named by their path and unknown keys refused.
@Suite
struct IncidentAPITests {
    func post(_ client: SignedInClient, _ json: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
    }

    @Test func anIncidentWithItsPeopleAndSourcesIsRecordedInOneRequest() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let created = try await post(client, """
            {"event": {"title": "쿤밍 집단 체포 — 가상", "startDate": "2024-03-02", "placeCode": "CN-YN-KUNMING"},
             "actType": "arrest",
             "groups": [{"size": 15, "women": 13, "children": 2, "status": "detained"}],
             "victims": [{"name": "가상 인솔자", "sex": "female"}],
             "actors": [{"name": "가상 공안국", "organisationKind": "public_security", "role": "perpetrator", "degree": "direct"},
                        {"name": "가상 브로커", "role": "facilitator"}],
             "sources": [{"name": "가상 단체", "kind": "ngo", "reliability": "B", "credibility": "2", "content": "가상 보고"}]}
            """)
            #expect(created.status == .created)
            let body = try #require(JSONSerialization.jsonObject(with: Data(buffer: created.body)) as? [String: Any])
            let id = try #require((body["event"] as? String).flatMap(UUID.init(uuidString:)))
            #expect(created.headers[.location] == "/api/events/\(id.uuidString.lowercased())")
            // The event, 2 acts, the group, the victim, 2 actors, 4 involvements, a source and its information.
            let expected = 13
            #expect((body["records"] as? [[String: String]])?.count == expected)
            let event = try await server.store.get(Event.self, id: id, by: .localOperator).record
            #expect(event.compartment == "alpha" && event.verification == .unverified && event.placeCode == "CN-YN-KUNMING")
            #expect(try await server.store.referencing(id, by: .localOperator).count == 4, "two acts, the group and the information point to it")
        }
    }

    @Test func aFaultyIntakeWritesNothingAndNamesItsFields() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let cases: [(String, String)] = [
                (#"{"event": {"title": "가상"}, "victims": [{"name": "가상"}]}"#, "actType"),
                (#"{"event": {"title": "가상"}, "actType": "arrest", "victims": [{"name": " "}]}"#, "victims[0].name"),
                (#"{"event": {"title": "가상"}, "actType": "arrest", "groups": [{"size": 2, "women": 3}]}"#, "groups[0].size"),
                (#"{"event": {"title": "가상"}, "actType": "arrest", "victims": [{"name": "가상", "nmae": "x"}]}"#, "victims[0].nmae"),
                (#"{"event": {"title": "가상", "id": "00000000-0000-0000-0000-000000000001"}}"#, "event.id"),
                (#"{"event": {"title": "가상", "placeCode": "XX-NOWHERE"}}"#, "placeCode"),
                (#"{"actType": "arrest"}"#, "event"),
            ]
            for (json, field) in cases {
                let refused = try await post(client, json)
                #expect(refused.status == .unprocessableContent, "\(json) answered \(refused.status)")
                #expect(String(buffer: refused.body).contains("\"field\":\"\(field)\""), "\(json) names \(field)")
            }
            let unknownCode = try await post(client, #"{"event": {"title": "가상"}, "actType": "lynching"}"#)
            #expect((400..<500).contains(unknownCode.status.code) && String(buffer: unknownCode.body).contains("actType"),
                    "an unknown act type is refused by name")
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty, "nothing was written")
            // An existing actor must be within reach and in the incident's compartment.
            let elsewhere = try await server.store.create(Person(compartment: "beta", names: [PersonName("가상 타 구획", script: .hangul, system: .unknown)]),
                                                          by: .localOperator).record
            let foreign = try await post(client, #"{"event": {"title": "가상"}, "actType": "arrest", "actors": [{"existing": {"kind": "person", "id": "\#(elsewhere.id.uuidString)"}, "role": "facilitator"}]}"#)
            #expect(foreign.status == .unprocessableContent && String(buffer: foreign.body).contains("actors[0].existing"))
            // A reviewer may not write.
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            #expect(try await post(reviewer, #"{"event": {"title": "가상"}}"#).status == .forbidden)
        }
    }
}
