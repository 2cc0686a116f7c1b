import Foundation
import HavenCore
import HavenStore
import Hummingbird
import HummingbirdCore

/// Search across every kind (`GET /api/search`) and exact lookup of protected values through
/// blind indexes (`POST /api/lookup`, so that the value never appears in a URL or access log).
struct SearchController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/api/search", .permission(.search),
                  api: .init("Search every record kind by any substring of names and texts, with filters", query: QueryParameter.recordFilters,
                             response: .of(PageEnvelope<AnyRecordEnvelope>.self)), search),
            Route(.post, "/api/search", .permission(.search),
                  api: .init("The same search with its filters in a JSON body, so that the text never appears in a URL",
                             body: .schema(QueryParameter.recordFilterBody), response: .of(PageEnvelope<AnyRecordEnvelope>.self)), searchPosted),
            // An exact match on a protected value tells something about that value.
            Route(.post, "/api/lookup", .permission(.readProtected),
                  api: .init("Exact lookup of a protected name or phone through blind indexes", body: .of(LookupRequest.self),
                             response: .of(LookupResult.self)), lookup),
        ]
    }

    @Sendable func search(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let query = try QueryParameters.recordQuery(QueryString.fields(request.uri))
        let actor = try context.actor()
        let page = try await repository.search(query, by: actor)
        return try jsonResponse(PageEnvelope(items: page.items.map { AnyRecordEnvelope(stored: $0, redact: !actor.seesProtected) }, total: page.total,
                                             offset: page.offset, limit: page.limit), status: .ok)
    }

    /// The same search with its filters in a JSON body, so that a name searched for never
    /// appears in a URL, a proxy's log or a browser's history.
    @Sendable func searchPosted(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let object = try await RecordBody.object(request, context: context)
        let pairs = try object.sorted { $0.key < $1.key }.map { key, value -> (String, String) in
            switch value {
            case .string(let text): return (key, text)
            case .number(let number):
                guard let whole = WholeNumber.exact(number) else {
                    throw Problem.invalid([FieldProblem(field: key, message: "must be a whole number (offset 0 or more, limit 1 to \(QueryParameters.maximumLimit))")])
                }
                return (key, String(whole))
            default: throw Problem.invalid([FieldProblem(field: key, message: "must be a string (or a whole number for offset and limit)")])
            }
        }
        let query = try QueryParameters.recordQuery(QueryString.fields(pairs))
        let actor = try context.actor()
        let page = try await repository.search(query, by: actor)
        return try jsonResponse(PageEnvelope(items: page.items.map { AnyRecordEnvelope(stored: $0, redact: !actor.seesProtected) }, total: page.total,
                                             offset: page.offset, limit: page.limit), status: .ok)
    }

    struct LookupRequest: Decodable {
        let kind: RecordKind
        let field: String
        let value: String
    }

    @Sendable func lookup(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let object = try await RecordBody.object(request, context: context)
        let body = try RecordBody.decode(LookupRequest.self, from: .object(object))
        guard ["name", "phone"].contains(body.field) else {
            throw Problem.invalid([FieldProblem(field: "field", message: "exact lookup is available for name and phone")])
        }
        let ids = try await repository.lookup(kind: body.kind, field: body.field, value: body.value, by: try context.actor())
        return try jsonResponse(LookupResult(ids: ids.map(\.wire)), status: .ok)
    }

    /// The records whose protected value matched exactly.
    struct LookupResult: Codable {
        let ids: [String]
    }
}

/// A record of any kind with its version, as search results hold them.
struct AnyRecordEnvelope: Encodable, SchemaDescribing {
    let stored: AnyStored
    let redact: Bool

    enum CodingKeys: String, CodingKey { case kind, version, updatedAt, record, redacted }

    static var schema: Schema {
        .object(properties: [
            "kind": .string(values: RecordTypes.all.map { $0.kind.code }), "version": .integer, "updatedAt": .string(format: "date-time"),
            "record": .anyOf(RecordTypes.all.map { .reference(OpenAPIDocument.componentName($0.kind) + OpenAPIDocument.asRead) }),
            "redacted": .array(.string()),
        ], required: ["kind", "version", "updatedAt", "record"])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stored.kind.code, forKey: .kind)
        try container.encode(stored.version, forKey: .version)
        try container.encode(stored.updatedAt, forKey: .updatedAt)
        try encodeRecord(stored.record, into: &container)
    }

    private func encodeRecord(_ record: some Record, into container: inout KeyedEncodingContainer<CodingKeys>) throws {
        try Redaction.encode(record, redact: redact, into: &container, recordKey: .record, redactedKey: .redacted)
    }
}
