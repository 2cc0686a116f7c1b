import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A reviewer reads records with their protected fields withheld, cannot find them through
/// what those fields contain, and every such read is in the access log as redacted, with the
/// address it came from.
@Suite(.serialized)
struct RedactionTests {
    static let name = "한검토"

    func person() -> Person {
        Person(compartment: Compartment.default, names: [PersonName(Self.name, script: .hangul, system: .southKorean)])
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test func aReviewerSeesCodedFieldsAndTheNamesOfTheProtectedFieldsWithheld() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            let id = person.id.uuidString.lowercased()

            for uri in ["/api/persons/\(id)", "/api/persons", "/api/search?kind=person", "/api/persons/\(id)/history"] {
                let response = try await reviewer.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let body = String(buffer: response.body)
                #expect(!body.contains(Self.name), "\(uri) shows a protected name to a reviewer")
                #expect(body.lowercased().contains(id), "\(uri) does not show the record at all")
                #expect(body.contains("\"redacted\":["), "\(uri) does not say which fields it withheld: \(body)")
            }
            let single = try json(try await reviewer.execute(uri: "/api/persons/\(id)", method: .get))
            let record = try #require(single["record"] as? [String: Any])
            #expect(record["names"] == nil)
            #expect((single["redacted"] as? [String])?.contains("names") == true)
            #expect(record["compartment"] as? String == Compartment.default)
        }
    }

    @Test func theSameRecordIsWholeForADocumenterAndForAReviewerGrantedProtectedFields() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let (_, secret) = try await server.makeAccount("granted", role: .reviewer, compartments: [Compartment.default],
                                                           protectedFieldsGranted: true)
            let granted = try await server.signIn("granted", secret: secret)
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            for client in [granted, documenter] {
                let body = String(buffer: try await client.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get).body)
                #expect(body.contains(Self.name))
                #expect(!body.contains("\"redacted\""))
            }
            // The posted search finds the same, with the text in the body rather than the URL.
            let posted = try await documenter.execute(uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                                                      body: ByteBuffer(string: #"{"q":"한검","kind":"person","limit":10}"#))
            #expect(posted.status == .ok && String(buffer: posted.body).lowercased().contains(person.id.uuidString.lowercased()))
            let badLimit = try await documenter.execute(uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: #"{"q":"한검","limit":[1]}"#))
            #expect(badLimit.status == .unprocessableContent && String(buffer: badLimit.body).contains("limit"))
            // The grant opens text search and lookup too.
            let search = try await granted.execute(uri: "/api/search?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(search.status == .ok)
            #expect(String(buffer: search.body).lowercased().contains(person.id.uuidString.lowercased()))
        }
    }

    @Test func aReviewerCannotProbeProtectedValuesBySearchOrLookup() async throws {
        try await TestServer.with { server in
            _ = try await server.store.create(person(), by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            // 한검 percent-encoded: a two-syllable probe for the name.
            let search = try await reviewer.execute(uri: "/api/search?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(search.status == .forbidden)
            #expect(String(buffer: search.body).contains("redacted"))
            let list = try await reviewer.execute(uri: "/api/persons?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(list.status == .forbidden)
            let lookup = try await reviewer.execute(
                uri: "/api/lookup", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"kind":"person","field":"name","value":"\#(Self.name)"}"#))
            #expect(lookup.status == .forbidden)
        }
    }

    @Test func redactedReadsAreLoggedAsRedactedWithTheirOrigin() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            _ = try await reviewer.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get)
            _ = try await documenter.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get)
            let reads = try await server.store.auditLog().map(\.entry).filter {
                $0.action == "read" && $0.recordID == person.id.uuidString.lowercased()
            }
            #expect(reads.count == 2)
            #expect(reads[0].detail.contains("redacted"))
            #expect(!reads[1].detail.contains("redacted"))
            #expect(reads.allSatisfy { $0.detail.contains("from=") })
            #expect(reads[0].actor != reads[1].actor)
        }
    }
}
