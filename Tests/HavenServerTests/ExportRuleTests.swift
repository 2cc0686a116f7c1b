import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The two-person rule on decrypted exports: above the threshold (20 by default) an export runs
/// only after someone other than the requester approves it, once, and every step is audited.
@Suite
struct ExportRuleTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    func people(_ count: Int, in server: TestServer, compartment: String = Compartment.default) async throws {
        for i in 0..<count {
            _ = try await server.store.create(Person(compartment: compartment, names: [PersonName("내보내기\(i)", script: .hangul, system: .southKorean)]),
                                              by: .localOperator)
        }
    }

    @Test func aLargeExportWaitsForASecondPersonAndRunsOnce() async throws {
        try await TestServer.with { server in
            try await people(21, in: server)
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default], username: "analyst.one")
            let asked = try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"kinds":["person"]}"#))
            #expect(asked.status == .created)
            let request = try jsonObject(asked)
            #expect(request["status"] as? String == "pending")
            #expect(request["recordCount"] as? Int == 21)
            let id = try #require(request["id"] as? String).lowercased()

            // Not before approval, and never by the requester's own approval.
            #expect(try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get).status == .forbidden)
            #expect(try await analyst.execute(uri: "/api/exports/\(id)/approve", method: .post).status == .forbidden)

            // An administrator approves; only the requester can download, and only once.
            let admin = try await server.signIn(role: .administrator, compartments: [], username: "admin.one")
            let approved = try await admin.execute(uri: "/api/exports/\(id)/approve", method: .post)
            #expect(approved.status == .ok)
            #expect(try jsonObject(approved)["status"] as? String == "approved")
            #expect(try await admin.execute(uri: "/api/exports/\(id)/download", method: .get).status == .forbidden)
            let other = try await server.signIn(role: .analyst, compartments: [Compartment.default], username: "analyst.two")
            #expect(try await other.execute(uri: "/api/exports/\(id)/download", method: .get).status == .notFound)

            let download = try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get)
            #expect(download.status == .ok)
            #expect(download.headers[.cacheControl] == "no-store")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let document = try jsonObject(download)
            #expect((document["records"] as? [Any])?.count == 21)
            #expect(String(buffer: download.body).contains("내보내기20"))
            #expect(try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get).status == .forbidden)

            let log = try await server.store.auditLog().map(\.entry).filter { $0.recordID == id }
            #expect(log.map(\.action) == ["export.request", "export.approve", "export.plaintext"])
            #expect(log[0].actor == log[2].actor)
            #expect(log[1].actor != log[0].actor)
        }
    }

    @Test func aSmallExportNeedsNoSecondPersonAndARejectedOneNeverRuns() async throws {
        try await TestServer.with { server in
            try await people(3, in: server)
            try await people(25, in: server, compartment: "busan")
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            // Only the 3 records in reach count, whatever else the vault holds.
            let small = try jsonObject(try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: "{}")))
            #expect(small["status"] as? String == "approved")
            #expect(small["recordCount"] as? Int == 3)
            #expect(small["decidedBy"] as? String == "rule:below-threshold")
            let smallID = try #require(small["id"] as? String)
            let download = try await analyst.execute(uri: "/api/exports/\(smallID)/download", method: .get)
            #expect((try jsonObject(download)["records"] as? [Any])?.count == 3)

            let both = try await server.signIn(role: .analyst, compartments: [Compartment.default, "busan"], username: "wide")
            let large = try jsonObject(try await both.execute(uri: "/api/exports", method: .post, headers: Self.json,
                                                          body: ByteBuffer(string: #"{"compartments":["busan"]}"#)))
            #expect(large["status"] as? String == "pending")
            #expect(large["recordCount"] as? Int == 25)
            let largeID = try #require(large["id"] as? String)
            // Only a second person who reaches its compartments decides on it.
            #expect(try await analyst.execute(uri: "/api/exports/\(largeID)/reject", method: .post).status == .notFound)
            let busan = try await server.signIn(role: .analyst, compartments: ["busan"], username: "busan.analyst")
            #expect(try await busan.execute(uri: "/api/exports/\(largeID)/reject", method: .post).status == .ok)
            #expect(try await both.execute(uri: "/api/exports/\(largeID)/download", method: .get).status == .forbidden)
            #expect(try await busan.execute(uri: "/api/exports/\(largeID)/approve", method: .post).status == .forbidden)
        }
    }

    @Test func documentersAndReviewersCannotAskForExports() async throws {
        try await TestServer.with { server in
            for role in [Role.documenter, .reviewer] {
                let client = try await server.signIn(role: role, compartments: [Compartment.default])
                #expect(try await client.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: "{}")).status == .forbidden)
            }
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            let bad = try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"kinds":["people"]}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("kinds"))
        }
    }

    /// The review's bypass: a token narrowed to no compartment asked for an export (0 records,
    /// approved by the rule), and the owner's session downloaded it with its own reach.
    @Test func anExportDeliversExactlyWhatWasAskedAndApprovedWhoeverDownloadsIt() async throws {
        try await TestServer.with { server in
            try await people(5, in: server)
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            let made = try await analyst.execute(uri: "/api/tokens", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"label":"narrow","compartments":[],"expiresInDays":1}"#))
            #expect(made.status == .created)
            let secret = try #require(try jsonObject(made)["token"] as? String)
            let asked = try jsonObject(try await server.client.execute(
                uri: "/api/exports", method: .post, headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
                body: ByteBuffer(string: "{}")))
            #expect(asked["recordCount"] as? Int == 0)
            #expect(asked["status"] as? String == "approved")
            let id = try #require(asked["id"] as? String)
            let download = try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get)
            #expect(download.status == .ok)
            #expect((try jsonObject(download)["records"] as? [Any])?.count == 0)
            #expect(!String(buffer: download.body).contains("내보내기"))
        }
    }

    @Test func recordsWrittenAfterTheRequestAreNotInItAndEditsDoNotChangeIt() async throws {
        try await TestServer.with { server in
            let first = try await server.store.create(Person(compartment: Compartment.default, names: [PersonName("처음이름", script: .hangul, system: .southKorean)]),
                                                      by: .localOperator)
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            let asked = try jsonObject(try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: "{}")))
            #expect(asked["recordCount"] as? Int == 1)
            let id = try #require(asked["id"] as? String)
            try await people(3, in: server)
            var edited = first.record
            edited.names = [PersonName("나중이름", script: .hangul, system: .southKorean)]
            _ = try await server.store.update(edited, expectedVersion: 1, by: .localOperator)

            let download = try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get)
            let text = String(buffer: download.body)
            #expect((try jsonObject(download)["records"] as? [Any])?.count == 1)
            #expect(text.contains("처음이름") && !text.contains("나중이름") && !text.contains("내보내기"))
        }
    }

    @Test func aDownloaderWhoseReachShrankIsRefusedAndOthersDoNotSeeTheRequest() async throws {
        try await TestServer.with { server in
            try await people(2, in: server, compartment: "busan")
            let (account, secret) = try await server.makeAccount("wide.analyst", role: .analyst, compartments: [Compartment.default, "busan"])
            let wide = try await server.signIn("wide.analyst", secret: secret)
            let asked = try jsonObject(try await wide.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: "{}")))
            let id = try #require(asked["id"] as? String)

            // An analyst of another compartment neither sees the request nor decides on it.
            let narrow = try await server.signIn(role: .analyst, compartments: [Compartment.default], username: "narrow.analyst")
            let listed = String(buffer: try await narrow.execute(uri: "/api/exports", method: .get).body)
            #expect(!listed.contains(id))
            #expect(try await narrow.execute(uri: "/api/exports/\(id)/approve", method: .post).status == .notFound)
            let admin = try await server.signIn(role: .administrator, compartments: [], username: "admin.sees")
            #expect(String(buffer: try await admin.execute(uri: "/api/exports", method: .get).body).contains(id))

            var narrowed = try #require(try await server.store.account(id: account.id))
            narrowed.account.compartments = [Compartment.default]
            _ = try await server.store.saveAccount(narrowed, action: .accountRevoke, by: .localOperator)
            let again = try await server.signIn("wide.analyst", secret: secret)
            #expect(try await again.execute(uri: "/api/exports/\(id)/download", method: .get).status == .forbidden)
        }
    }
}
