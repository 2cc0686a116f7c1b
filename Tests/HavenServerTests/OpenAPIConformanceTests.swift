import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import HavenFixtures

/// The OpenAPI document against the server's real answers: every schema is derived from the
/// Swift types, and every GET of the API, over the demo data set, answers exactly as documented
/// for a reader who sees protected fields and for one who does not.
@Suite
struct OpenAPIConformanceTests {

    @Test func everySchemaOfTheDocumentIsDerivedFromItsType() async throws {
        try await TestServer.with { server in
            try Self.checkDerived(havenRoutes(store: server.store, authenticator: Authenticator(store: server.store), configuration: ServerConfiguration()))
        }
    }

    static func checkDerived(_ routes: [Route]) throws {
        let document = try OpenAPIDocument.document(routes)
        guard case .object(let root) = document, case .object(let paths)? = root["paths"] else { Issue.record("no paths"); return }
        var operations = 0
        for (path, methods) in paths {
            guard case .object(let methods) = methods else { continue }
            for (method, operation) in methods {
                operations += 1
                guard case .object(let operation) = operation, case .object(let responses)? = operation["responses"] else { continue }
                let success = responses.filter { $0.key.hasPrefix("2") }
                #expect(success.count == 1, "\(method) \(path)")
                // A JSON answer names its properties (or is a list or map of something that does);
                // only the document itself is free-form.
                for (_, response) in success {
                    guard case .object(let response) = response, case .object(let content)? = response["content"],
                          case .object(let json)? = content["application/json"], let schema = json["schema"] else { continue }
                    if path != "/openapi.json" { #expect(schema != .object([:]), "\(method) \(path) answers a free-form object") }
                }
                if case .object(let body)? = operation["requestBody"] {
                    #expect(body["content"] != nil, "\(method) \(path)")
                }
            }
        }
        #expect(operations == routes.filter { $0.api != nil }.count)
        // Every POST and PUT of the API says what it takes.
        for route in routes where route.api != nil && [.post, .put].contains(route.method) {
            #expect(route.api?.body != nil || route.path == "/api/exports/{id}/approve" || route.path == "/api/exports/{id}/reject",
                    "\(route.name) has no documented body")
        }
    }

    @Test func aSchemaIsDerivedFromWhatTheTypeDecodes() throws {
        struct Inner: Decodable { let when: FuzzyDate; let kind: RecordKind }
        struct Outer: Decodable { let name: String; let count: Int?; let inner: [Inner]; let tally: [String: Double] }
        let schema = try SchemaDecoder.schema(of: Outer.self)
        guard case .object(let properties, let required) = schema else { Issue.record("not an object: \(schema)"); return }
        #expect(required == ["name", "inner", "tally"])
        #expect(properties["count"] == .integer)
        #expect(properties["tally"] == .map(.number))
        guard case .array(.object(let inner, let innerRequired))? = properties["inner"] else { Issue.record("inner: \(String(describing: properties["inner"]))"); return }
        #expect(innerRequired == ["when", "kind"])
        #expect(inner["kind"] == .string(values: RecordKind.codes))
        #expect(inner["when"] == FuzzyDate.schema)
    }

    @Test func aTypeThatContainsItselfIsRefusedRatherThanGuessed() {
        final class Node: Decodable { let children: [Node] }
        #expect(throws: SchemaDerivationError.self) { try SchemaDecoder.schema(of: Node.self) }
    }

    @Test func everyAnswerOfTheAPIMatchesItsDocumentedSchema() async throws {
        try await TestServer.with { server in
            var records = DemoDataset.records()
            // The demo data set has every kind but places and attachments; one of each joins it.
            let event = try #require(records.first { $0 is Event })
            var place = try #require(Gazetteer.shared.places.first)
            place.id = UUID()
            records += [place, Attachment(subjectID: event.id, fileName: "note.txt", mediaType: "text/plain", content: Data("증언 메모".utf8))]
            _ = try await server.store.createAll(records, by: .localOperator)
            let table = RouteTable(havenRoutes(store: server.store, authenticator: Authenticator(store: server.store), configuration: ServerConfiguration()))
            func first(_ kind: RecordKind) -> String? { records.first { type(of: $0).kind == kind }?.id.wire }
            let broker = try #require(records.compactMap { $0 as? RescueRequest }.compactMap(\.brokerID).first)
            let analyst = try await server.signIn(role: .analyst, compartments: Set(records.map(\.compartment)))
            let reviewer = try await server.signIn(role: .reviewer, compartments: Set(records.map(\.compartment)))
            let document = try HavenJSON.decoder().decode(JSONValue.self, from: Data(buffer: try await analyst.execute(uri: "/openapi.json", method: .get).body))
            guard case .object(let root) = document, case .object(let components)? = root["components"], case .object(let schemas)? = components["schemas"],
                  case .object(let paths)? = root["paths"] else { Issue.record("not an OpenAPI document"); return }
            let check = JSONSchemaCheck(components: schemas)
            var checked = 0
            for (path, methods) in paths.sorted(by: { $0.key < $1.key }) {
                guard case .object(let methods) = methods, case .object(let operation)? = methods["get"], path != "/openapi.json",
                      !path.hasPrefix("/api/exports/") else { continue }
                var uri = path
                if path.hasPrefix("/api/dossiers/{kind}") { uri = "/api/dossiers/event/\(first(.event) ?? "")" }
                else if path.hasPrefix("/api/reports/brokers/{kind}") { uri = "/api/reports/brokers/person/\(broker.wire)" }
                else if path == "/api/dossiers/party" { uri = "/api/dossiers/party?name=" + "Ministry" }
                else if let kind = RecordKind.allCases.first(where: { path.hasPrefix("/api/\($0.pathSegment)/{id}") }) {
                    guard let id = first(kind) else { Issue.record("the demo data set has no \(kind.code)"); continue }
                    uri = path.replacingOccurrences(of: "{id}", with: id)
                }
                guard case .object(let responses)? = operation["responses"], let (code, success) = responses.first(where: { $0.key.hasPrefix("2") })
                else { Issue.record("\(path) documents no success"); continue }
                var schema: JSONValue?
                if case .object(let success) = success, case .object(let content)? = success["content"], case .object(let json)? = content["application/json"] {
                    schema = json["schema"]
                }
                for (role, client) in [(Role.analyst, analyst), (Role.reviewer, reviewer)] {
                    // Routes a role may not call are the authorization matrix's to check.
                    if case .permission(let permission)? = table.requirement(method: "GET", path: path), !role.allows(permission) { continue }
                    let name = role.code
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect(String(response.status.code) == code, "\(name) GET \(uri): \(response.status) \(String(buffer: response.body).prefix(300))")
                    guard let schema, response.status.code == Int(code) else { continue }
                    let body = try HavenJSON.decoder().decode(JSONValue.self, from: Data(buffer: response.body))
                    let problems = check.problems(body, against: schema)
                    #expect(problems.isEmpty, "\(name) GET \(uri): \(problems.prefix(6))")
                    checked += 1
                }
            }
            #expect(checked > 60)
        }
    }
}
