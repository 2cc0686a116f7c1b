import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// API tokens for scripts: made by a signed-in user, shown once, stored hashed, no wider than
/// their owner, expiring, revocable, and useless for managing sign-in or more tokens.
@Suite
struct APITokenTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    func bearer(_ secret: String) -> HTTPFields { [.authorization: "Bearer \(secret)", .contentType: "application/json"] }

    func makeToken(_ client: SignedInClient, _ body: String) async throws -> (secret: String, id: String) {
        let response = try await client.execute(uri: "/api/tokens", method: .post, headers: Self.json, body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(String(buffer: response.body))")
        let made = try jsonObject(response)
        return (try #require(made["token"] as? String), try #require(made["id"] as? String))
    }

    @Test func aTokenActsWithItsOwnNarrowerRoleAndCannotManageAccess() async throws {
        try await TestServer.with { server in
            let person = Person(compartment: Compartment.default, names: [PersonName("토큰사람", script: .hangul, system: .southKorean)])
            _ = try await server.store.create(person, by: .localOperator)
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            let (secret, id) = try await makeToken(documenter, #"{"label":"nightly report","role":"reviewer","expiresInDays":30}"#)
            #expect(secret.hasPrefix("haven_") && secret.count > 40)
            // Stored hashed: the secret itself finds nothing, and the list never shows it.
            #expect(try await server.store.apiToken(tokenHash: secret) == nil)
            let listed = String(buffer: try await documenter.execute(uri: "/api/tokens", method: .get).body)
            #expect(listed.contains(id) && listed.contains("nightly report") && !listed.contains(secret))

            let client = server.client
            let read = try await client.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get, headers: bearer(secret))
            #expect(read.status == .ok)
            #expect(!String(buffer: read.body).contains("토큰사람"), "a reviewer token must see protected fields redacted")
            // No CSRF token needed, but the reviewer role cannot write, even though its owner can.
            let write = try await client.execute(uri: "/api/persons", method: .post, headers: bearer(secret),
                                                 body: ByteBuffer(string: #"{"names":[{"value":"새사람","script":"hangul","system":"south_korean"}]}"#))
            #expect(write.status == .forbidden)
            for (uri, method) in [("/api/tokens", HTTPRequest.Method.post), ("/api/tokens", .get), ("/api/session", .get),
                                  ("/api/session/password", .post)] {
                let response = try await client.execute(uri: uri, method: method, headers: bearer(secret), body: ByteBuffer(string: "{}"))
                #expect(response.status == .forbidden, "\(method) \(uri) with a token answered \(response.status)")
            }
            #expect(try await client.execute(uri: "/api/persons", method: .get, headers: bearer("haven_not-a-token")).status == .unauthorized)

            // The reads it made are in the access log with the token's id.
            let reads = try await server.store.auditLog().map(\.entry).filter { $0.action == "read" }
            #expect(reads.last?.detail.contains("token=\(id)") == true)
            #expect(try await server.store.auditLog().contains { $0.entry.action == "token.create" && $0.entry.detail.contains("role=reviewer") })
        }
    }

    @Test func aTokenCannotExceedItsOwner() async throws {
        try await TestServer.with { server in
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            for (body, field) in [(#"{"label":"x","role":"analyst"}"#, "role"), (#"{"label":"x","compartments":["busan"]}"#, "compartments"),
                                  (#"{"label":"x","expiresInDays":0}"#, "expiresInDays"), (#"{"label":"x","expiresInDays":366}"#, "expiresInDays"),
                                  (#"{"label":""}"#, "label"), (#"{"label":"x","role":"boss"}"#, "role")] {
                let response = try await documenter.execute(uri: "/api/tokens", method: .post, headers: Self.json, body: ByteBuffer(string: body))
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(String(buffer: response.body).contains(field), "\(body)")
            }
        }
    }

    @Test func revocationExpiryAndTheOwnersLostRightsStopATokenAtOnce() async throws {
        try await TestServer.with { server in
            let person = Person(compartment: Compartment.default, names: [PersonName("만료", script: .hangul, system: .southKorean)])
            _ = try await server.store.create(person, by: .localOperator)
            let (owner, ownerSecret) = try await server.makeAccount("owner", role: .analyst, compartments: [Compartment.default])
            let analyst = try await server.signIn("owner", secret: ownerSecret)
            let uri = "/api/persons/\(person.id.uuidString)"
            let client = server.client

            let (revoked, revokedID) = try await makeToken(analyst, #"{"label":"to revoke"}"#)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(revoked)).status == .ok)
            #expect(try await analyst.execute(uri: "/api/tokens/\(revokedID)", method: .delete).status == .noContent)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(revoked)).status == .unauthorized)
            #expect(try await analyst.execute(uri: "/api/tokens/\(revokedID)", method: .delete).status == .notFound)

            let (short, _) = try await makeToken(analyst, #"{"label":"one day","expiresInDays":1}"#)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(short)).status == .ok)
            server.clock.advance(86_401)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(short)).status == .unauthorized)

            // Compartments taken from the owner leave the token's reach too, and disabling the owner stops it.
            let (long, _) = try await makeToken(try await server.signIn("owner", secret: ownerSecret), #"{"label":"long"}"#)
            var stored = try #require(try await server.store.account(id: owner.id))
            stored.account.compartments = ["busan"]
            stored = try await server.store.saveAccount(stored, action: .accountRevoke, by: .localOperator)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(long)).status == .notFound)
            stored.account.disabled = true
            _ = try await server.store.saveAccount(stored, action: .accountDisable, by: .localOperator)
            #expect(try await client.execute(uri: uri, method: .get, headers: bearer(long)).status == .unauthorized)
        }
    }

    @Test func tokenAndExportBodiesRefuseFieldsTheyDoNotHave() async throws {
        try await TestServer.with { server in
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            let token = try await analyst.execute(uri: "/api/tokens", method: .post, headers: Self.json,
                                                  body: ByteBuffer(string: #"{"label":"x","expiresIndays":30}"#))
            #expect(token.status == .unprocessableContent && String(buffer: token.body).contains("expiresIndays"))
            let export = try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json,
                                                   body: ByteBuffer(string: #"{"kind":["person"]}"#))
            #expect(export.status == .unprocessableContent && String(buffer: export.body).contains("kind"))
            #expect(try await server.store.auditLog().allSatisfy { $0.entry.action != "export.request" && $0.entry.action != "token.create" })
        }
    }
}
