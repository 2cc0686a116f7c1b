import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The JSON API over a real SQLite store, driven through the router.
struct APITests {
    /// Runs `body` against an app over a fresh unlocked store, signed in as an analyst of the
    /// default compartment.
    func withApp(_ body: @escaping @Sendable (SignedInClient, SQLStore) async throws -> Void) async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            try await body(client, server.store)
        }
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    @Test func createReadUpdateListAndHistoryRoundTrip() async throws {
        try await withApp { client, _ in
            let created = try await client.execute(uri: "/api/persons", method: .post, headers: Self.jsonHeaders, body: Self.json("""
                {"names":[{"value":"김정미","script":"hangul","system":"south_korean"}],"sex":"female","birthDate":"1979-03","originPlaceCode":"KP-09-MUSAN"}
                """))
            #expect(created.status == .created)
            let body = try jsonObject(created)
            let record = try #require(body["record"] as? [String: Any])
            let id = try #require(record["id"] as? String)
            #expect(created.headers[.location] == "/api/persons/\(id.lowercased())")
            #expect(body["version"] as? Int == 1)

            let read = try await client.execute(uri: "/api/persons/\(id)", method: .get)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(read.headers[.cacheControl] == "no-store")
            #expect(read.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)

            let updated = try await client.execute(uri: "/api/persons/\(id)", method: .put,
                                                   headers: [.contentType: "application/json", .ifMatch: "\"1\""], body: Self.json("""
                {"names":[{"value":"김정미","script":"hangul","system":"south_korean"},{"value":"Kim Jeongmi","script":"latin","system":"revised_romanization"}],"sex":"female"}
                """))
            #expect(updated.status == .ok)
            let stale = try await client.execute(uri: "/api/persons/\(id)", method: .put,
                                                 headers: [.contentType: "application/json", .ifMatch: "\"1\""], body: Self.json("""
                {"names":[{"value":"x","script":"latin","system":"alias"}]}
                """))
            #expect(stale.status == .conflict)

            let found = try await client.execute(uri: "/api/search?q=%EA%B9%80%EC%A0%95", method: .get)
            #expect(try jsonObject(found)["total"] as? Int == 1)
            let history = try await client.execute(uri: "/api/persons/\(id)/history", method: .get)
            #expect((try jsonObject(history)["items"] as? [Any])?.count == 2)
            let deleted = try await client.execute(uri: "/api/persons/\(id)", method: .delete)
            #expect(deleted.status == .noContent)
            #expect(try await client.execute(uri: "/api/persons/\(id)", method: .get).status == .notFound)
        }
    }

    /// Each bad body gets a 4xx problem+json naming the problem, and nothing is written.
    @Test(arguments: [
        ("{not json", 400, "not valid JSON"),
        (#"{"title": 12}"#, 422, "title"),
        (#"{"title": "t", "verification": "confirmed-ish"}"#, 422, "unknown code 'confirmed-ish' for verificationStatus"),
        (#"{"title": "t", "startDate": "2024-02-30"}"#, 422, "day does not exist in that month"),
        (#"{"title": "t", "startDate": "2024-13"}"#, 422, "month does not exist"),
        (#"{"title": "t", "placeCode": "XX-NOWHERE"}"#, 422, "unknown place code"),
        (#"{"title": "t", "titel": "typo"}"#, 422, "titel"),
        (#"{"title": ""}"#, 422, "title"),
        (#"["an", "array"]"#, 400, "JSON object"),
        (#"{"title": "t", "startDate": "2024-05", "endDate": "2023-01"}"#, 422, "endDate"),
    ])
    func badInputGetsAProblemAndWritesNothing(body: String, status: Int, mentions: String) async throws {
        try await withApp { client, _ in
            let response = try await client.execute(uri: "/api/events", method: .post, headers: Self.jsonHeaders, body: Self.json(body))
            #expect(response.status.code == status)
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(mentions), "\(text)")
            #expect(text.contains("titleKo"))
            let list = try await client.execute(uri: "/api/events", method: .get)
            #expect(try jsonObject(list)["total"] as? Int == 0)
        }
    }

    @Test func oversizedFieldsAndBodiesAreRefused() async throws {
        try await withApp { client, _ in
            let longTitle = String(repeating: "가", count: Limits.shortText + 1)
            let field = try await client.execute(uri: "/api/events", method: .post, headers: Self.jsonHeaders,
                                                 body: Self.json(#"{"title": "\#(longTitle)"}"#))
            #expect(field.status == .unprocessableContent)
            #expect(String(buffer: field.body).contains("longer than 500"))
            let huge = String(repeating: "x", count: 17 * 1024 * 1024)
            let body = try await client.execute(uri: "/api/events", method: .post, headers: Self.jsonHeaders,
                                                body: Self.json(#"{"title": "\#(huge)"}"#))
            #expect(body.status == .contentTooLarge)
            let wrongType = try await client.execute(uri: "/api/events", method: .post, headers: [.contentType: "text/plain"],
                                                     body: Self.json("title"))
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try jsonObject(try await client.execute(uri: "/api/events", method: .get))["total"] as? Int == 0)
        }
    }

    @Test func badQueryParametersAreNamed() async throws {
        try await withApp { client, _ in
            for (uri, mention) in [("/api/events?limit=0", "limit"), ("/api/events?from=2024-02-30", "from"),
                                   ("/api/search?kind=spaceship", "kind"), ("/api/events?colour=red", "colour"),
                                   ("/api/events/not-a-uuid", "UUID")] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
                #expect(String(buffer: response.body).contains(mention), "\(uri)")
            }
        }
    }

    @Test func openAPIDocumentDescribesExactlyTheRoutesTheRouterServes() async throws {
        try await withApp { client, store in
            let router = buildRouter(store: store, authenticator: Authenticator(store: store), configuration: ServerConfiguration())
            // The JSON API and its two neighbours; pages are HTML and not part of the API's contract.
            let api = router.routes.filter { route in
                ["/api", "/health", "/openapi.json"].contains { route.path.description.hasPrefix($0) }
            }
            let served = Set(api.map { route in
                "\(route.method.rawValue) " + route.path.description.replacingOccurrences(of: ":id", with: "{id}")
            }.map { $0.hasSuffix("/") && $0.count > 5 ? String($0.dropLast()) : $0 }
             .map { $0.replacingOccurrences(of: " ", with: " /").replacingOccurrences(of: " //", with: " /") })
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            let document = try jsonObject(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
            #expect(served == described, "only served: \(served.subtracting(described)); only described: \(described.subtracting(served))")
            #expect(described.count == 33 + 6 * RecordKind.allCases.count)
        }
    }
}
