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
@Suite(.serialized)
struct ExportRuleTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

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
            let request = try object(asked)
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
            #expect(try object(approved)["status"] as? String == "approved")
            #expect(try await admin.execute(uri: "/api/exports/\(id)/download", method: .get).status == .forbidden)
            let other = try await server.signIn(role: .analyst, compartments: [Compartment.default], username: "analyst.two")
            #expect(try await other.execute(uri: "/api/exports/\(id)/download", method: .get).status == .notFound)

            let download = try await analyst.execute(uri: "/api/exports/\(id)/download", method: .get)
            #expect(download.status == .ok)
            #expect(download.headers[.cacheControl] == "no-store")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let document = try object(download)
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
            let small = try object(try await analyst.execute(uri: "/api/exports", method: .post, headers: Self.json, body: ByteBuffer(string: "{}")))
            #expect(small["status"] as? String == "approved")
            #expect(small["recordCount"] as? Int == 3)
            #expect(small["decidedBy"] as? String == "rule:below-threshold")
            let smallID = try #require(small["id"] as? String)
            let download = try await analyst.execute(uri: "/api/exports/\(smallID)/download", method: .get)
            #expect((try object(download)["records"] as? [Any])?.count == 3)

            let both = try await server.signIn(role: .analyst, compartments: [Compartment.default, "busan"], username: "wide")
            let large = try object(try await both.execute(uri: "/api/exports", method: .post, headers: Self.json,
                                                          body: ByteBuffer(string: #"{"compartments":["busan"]}"#)))
            #expect(large["status"] as? String == "pending")
            #expect(large["recordCount"] as? Int == 25)
            let largeID = try #require(large["id"] as? String)
            #expect(try await analyst.execute(uri: "/api/exports/\(largeID)/reject", method: .post).status == .ok)
            #expect(try await both.execute(uri: "/api/exports/\(largeID)/download", method: .get).status == .forbidden)
            #expect(try await analyst.execute(uri: "/api/exports/\(largeID)/approve", method: .post).status == .forbidden)
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
}
