import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The access log as an administrator queries it: by record (a person's included), by actor,
/// by action and by period, with names of actors resolved and never a protected value.
@Suite
struct AccessLogTests {
    static let name = "접근기록카나리아"

    func items(_ response: TestResponse) throws -> [[String: Any]] {
        let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        return try #require(json["items"] as? [[String: Any]])
    }

    @Test func anAdministratorSeesWhoReadAPersonAndFromWhereWithoutTheName() async throws {
        try await TestServer.with { server in
            let person = Person(compartment: Compartment.default, names: [PersonName(Self.name, script: .hangul, system: .southKorean)])
            let other = Person(compartment: Compartment.default, names: [PersonName("다른사람", script: .hangul, system: .southKorean)])
            _ = try await server.store.create(person, by: .localOperator)
            _ = try await server.store.create(other, by: .localOperator)
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default], username: "doc.kim")
            let id = person.id.uuidString.lowercased()
            #expect(try await documenter.execute(uri: "/api/persons/\(id)", method: .get).status == .ok)
            #expect(try await documenter.execute(uri: "/api/persons/\(other.id.uuidString)", method: .get).status == .ok)
            // 접근 percent-encoded: a search that returns the person.
            #expect(try await documenter.execute(uri: "/api/search?q=%EC%A0%91%EA%B7%BC", method: .get).status == .ok)

            let admin = try await server.signIn(role: .administrator, compartments: [], username: "admin.lee")
            let response = try await admin.execute(uri: "/api/audit?record=\(id)", method: .get)
            #expect(response.status == .ok)
            #expect(!String(buffer: response.body).contains(Self.name))
            let entries = try items(response)
            let actions = entries.compactMap { $0["action"] as? String }
            // Newest first: the search, the read, the creation.
            #expect(actions == ["search", "read", "create"])
            let read = try #require(entries.first { $0["action"] as? String == "read" })
            #expect(read["actorName"] as? String == "doc.kim")
            #expect((read["detail"] as? String)?.contains("from=") == true)
            #expect(entries.allSatisfy { ($0["recordId"] as? String) == id || ($0["detail"] as? String)?.contains(id) == true })

            // By actor and action: the documenter's reads only, both of them.
            let reads = try items(try await admin.execute(uri: "/api/audit?actor=doc.kim&action=read", method: .get))
            #expect(reads.count == 2)
            #expect(Set(reads.compactMap { $0["recordId"] as? String }) == [id, other.id.uuidString.lowercased()])
            // Sign-ins are there too, by prefix.
            let logins = try items(try await admin.execute(uri: "/api/audit?action=login", method: .get))
            #expect(logins.filter { $0["action"] as? String == "login.success" }.count == 2)
            // A period before anything happened is empty; one that covers today is not.
            #expect(try items(try await admin.execute(uri: "/api/audit?until=2000-01-01", method: .get)).isEmpty)
            let today = String(ISO8601DateFormatter().string(from: server.clock.now).prefix(10))
            #expect(try items(try await admin.execute(uri: "/api/audit?since=\(today)&until=\(today)&record=\(id)", method: .get)).count == 3)

            // Looking into the log is itself on the record.
            let queries = try await server.store.auditLog().map(\.entry).filter { $0.action == "audit.query" }
            #expect(queries.count == 5)
            #expect(queries.first?.detail.contains("record=\(id)") == true)
        }
    }

    @Test func badFiltersAreRefusedByName() async throws {
        try await TestServer.with { server in
            let admin = try await server.signIn(role: .administrator, compartments: [])
            for (query, field) in [("record=kim", "record"), ("since=yesterday", "since"), ("limit=0", "limit"),
                                   ("action=%3Bdrop", "action"), ("who=me", "who")] {
                let response = try await admin.execute(uri: "/api/audit?\(query)", method: .get)
                #expect(response.status == .badRequest, "\(query)")
                #expect(String(buffer: response.body).contains(field), "\(query)")
            }
            #expect(try await admin.execute(uri: "/api/audit?actor=nobody", method: .get).status == .notFound)
        }
    }
}
