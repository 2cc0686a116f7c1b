import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// Create, read, update, delete, list and history for one record type, at `/api/<kind>`.
struct RecordController<R: Record>: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        let base = "/api/\(R.kind.pathSegment)"
        let name = R.kind.label.en.lowercased()
        let input = SchemaSource.schema(.reference(OpenAPIDocument.componentName(R.kind)))
        return [
            Route(.get, base, .permission(.readRecords), api: .init("List \(name) records, newest first, with filters and pagination",
                                                                    query: QueryParameter.recordFilters, response: .of(PageEnvelope<RecordEnvelope<R>>.self)), list),
            Route(.post, base, .permission(.writeRecords),
                  api: .init("Create a \(name) record", body: input, status: .created, response: .of(RecordEnvelope<R>.self)), create),
            Route(.get, "\(base)/{id}", .permission(.readRecords),
                  api: .init("Read one \(name) record (audited)", response: .of(RecordEnvelope<R>.self)), get),
            Route(.put, "\(base)/{id}", .permission(.writeRecords),
                  api: .init("Replace a \(name) record with a new version (If-Match: the version last read)", body: input,
                             response: .of(RecordEnvelope<R>.self)), update),
            Route(.delete, "\(base)/{id}", .permission(.writeRecords),
                  api: .init("Delete a \(name) record (its history is kept)", status: .noContent, response: nil), delete),
            Route(.get, "\(base)/{id}/history", .permission(.readRecords),
                  api: .init("Every version of a \(name) record", response: .of(ItemList<RecordEnvelope<R>>.self)), history),
        ]
    }

    @Sendable func create(_ request: Request, context: HavenRequestContext) async throws -> Response {
        var object = try await RecordBody.object(request, context: context)
        if object["id"] == nil || object["id"] == .null { object["id"] = .string(UUID().uuidString) }
        let record = try RecordBody.record(R.self, from: RecordBody.filled(R.self, object, compartment: Self.defaultCompartment(context)))
        let stored = try await repository.create(record, by: try context.actor())
        var response = try RecordEnvelope.response(stored, status: .created)
        response.headers[.location] = "/api/\(R.kind.pathSegment)/\(stored.record.id.wire)"
        return response
    }

    @Sendable func get(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        let stored = try await repository.get(R.self, id: try Self.id(context), by: actor)
        return try RecordEnvelope.response(stored, status: .ok, redact: !actor.seesProtected)
    }

    @Sendable func update(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let id = try Self.id(context)
        var object = try await RecordBody.object(request, context: context)
        let expected = try Self.expectedVersion(request, &object)
        if let given = object["id"], given != .null {
            guard case .string(let text) = given, UUID(uuidString: text) == id else {
                throw Problem.invalid([FieldProblem(field: "id", message: "differs from the id in the path")])
            }
        }
        object["id"] = .string(id.uuidString)
        let record = try RecordBody.record(R.self, from: RecordBody.filled(R.self, object, compartment: Self.defaultCompartment(context)))
        let actor = try context.actor()
        // A person merged here (sameAs) is merged as on the review page: into a main record, and
        // records that were the same as this one follow it there.
        if let person = record as? Person { try await PersonMerge.check(person, repository: repository, actor: actor) }
        let stored = try await repository.update(record, expectedVersion: expected, by: actor)
        if let person = record as? Person, let main = person.sameAs {
            try await PersonMerge.repoint(from: person.id, to: main, repository: repository, actor: actor)
        }
        return try RecordEnvelope.response(stored, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: HavenRequestContext) async throws -> Response {
        try await repository.delete(R.self, id: try Self.id(context), by: try context.actor())
        return Response(status: .noContent)
    }

    @Sendable func history(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        let versions = try await repository.history(R.self, id: try Self.id(context), by: actor)
        return try jsonResponse(ItemList(versions.map { RecordEnvelope($0, redact: !actor.seesProtected) }), status: .ok)
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let query = try QueryParameters.recordQuery(QueryString.fields(request.uri))
        let actor = try context.actor()
        let page = try await repository.list(R.self, query: query, by: actor)
        return try jsonResponse(PageEnvelope(items: page.items.map { RecordEnvelope($0, redact: !actor.seesProtected) }, total: page.total,
                                                    offset: page.offset, limit: page.limit), status: .ok)
    }

    /// The compartment a record goes to when the body names none: the account's only compartment,
    /// or the default one when it has several (or none, as the local operator).
    static func defaultCompartment(_ context: HavenRequestContext) -> String {
        if let compartments = context.identity?.compartments, compartments.count == 1, let only = compartments.first { return only }
        return Compartment.default
    }

    static func id(_ context: HavenRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw Problem.badRequest("the id in the path is not a UUID", field: "id")
        }
        return id
    }

    /// The version the client last read, from `If-Match` or a `version` field; optional.
    static func expectedVersion(_ request: Request, _ object: inout [String: JSONValue]) throws -> Int? {
        if let header = request.headers[.ifMatch] {
            guard let version = Int(header.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))), version >= 1 else {
                throw Problem.badRequest("If-Match must hold the record version, e.g. \"3\"", field: "If-Match")
            }
            object["version"] = nil
            return version
        }
        guard let value = object.removeValue(forKey: "version") else { return nil }
        guard case .number(let number) = value, let version = WholeNumber.exact(number, in: 1...Int(Int32.max)) else {
            throw Problem.invalid([FieldProblem(field: "version", message: "must be a whole number from 1 to \(Int32.max)")])
        }
        return version
    }
}

/// A record with its version, as the API returns it; with `redact`, its protected fields are
/// withheld and named in `redacted`.
/// A record as the API answers with it: its kind, version and time, and the record whole or
/// without its protected fields (listed in `redacted`).
struct RecordEnvelope<R: Record>: Encodable, SchemaDescribing {
    let kind: String
    let version: Int
    let updatedAt: Date
    let deleted: Bool?
    let record: R
    let redact: Bool

    init(_ stored: Stored<R>, redact: Bool = false) {
        kind = R.kind.code
        version = stored.version
        updatedAt = stored.updatedAt
        deleted = stored.deleted ? true : nil
        record = stored.record
        self.redact = redact
    }

    enum CodingKeys: String, CodingKey { case kind, version, updatedAt, deleted, record, redacted }

    static var schema: Schema {
        .object(properties: [
            "kind": .string(values: [R.kind.code]), "version": .integer, "updatedAt": .string(format: "date-time"), "deleted": .boolean,
            "record": .reference(OpenAPIDocument.componentName(R.kind) + OpenAPIDocument.asRead), "redacted": .array(.string()),
        ], required: ["kind", "version", "updatedAt", "record"])
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(version, forKey: .version)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(deleted, forKey: .deleted)
        try Redaction.encode(record, redact: redact, into: &container, recordKey: .record, redactedKey: .redacted)
    }
}

extension RecordEnvelope {
    static func response(_ stored: Stored<R>, status: HTTPResponse.Status, redact: Bool = false) throws -> Response {
        var response = try jsonResponse(RecordEnvelope(stored, redact: redact), status: status)
        response.headers[.eTag] = "\"\(stored.version)\""
        return response
    }
}
