import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// `POST /api/incidents`: an incident with its victims, groups, actors and sources in one
/// request, as the intake form sends it, written in one transaction (all or nothing). The body
/// is an ``IncidentIntake``: `{"event": {…}, "actType", "victims": [{"name", …}], "groups":
/// [{"size", …}], "actors": [{"name", "organisationKind"?, "role", …} or {"existing": {"kind", "id"}, "role"}], "sources": [{"name",
/// "kind", "reliability", …}], "compartment"?}`.
struct IncidentController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.post, "/api/incidents", .permission(.writeRecords),
                  api: .init("Record an incident with its victims, victim groups, actors and sources in one pass, all or nothing",
                             body: .of(IncidentIntake.self), status: .created, response: .of(Created.self)), create),
        ]
    }

    /// The incident's event and every record made with it.
    struct Created: Codable {
        let event: String
        let records: [RecordRefView]
    }

    @Sendable func create(_ request: Request, context: HavenRequestContext) async throws -> Response {
        var object = try await RecordBody.object(request, context: context)
        let compartment: String
        switch object.removeValue(forKey: "compartment") {
        case .string(let chosen)?: compartment = chosen
        case nil, .null?: compartment = RecordController<Event>.defaultCompartment(context)
        default: throw Problem.invalid([FieldProblem(field: "compartment", message: "must be a string")])
        }
        // The event's id and compartment are the intake's to set; its defaults are the API's.
        guard case .object(var event)? = object["event"] else {
            throw Problem.invalid([FieldProblem(field: "event", message: "is required: an object with at least a title")])
        }
        for key in ["id", "compartment"] where event[key] != nil && event[key] != .null {
            throw Problem.invalid([FieldProblem(field: "event.\(key)", message: "is set by Haven")])
        }
        event["id"] = .string(UUID().uuidString)
        event["compartment"] = .string(compartment)
        for (key, value) in Event.inputDefaults where event[key] == nil || event[key] == .null { event[key] = value }
        object["event"] = .object(event)
        let intake = try Self.decode(object)
        // An existing actor must be a record the caller reaches, in the incident's compartment.
        for (i, actor) in intake.actors.enumerated() {
            guard let existing = actor.existing else { continue }
            let found: (any Record)? = switch existing.kind {
            case .person: try await repository.find(Person.self, existing.id, by: try context.actor())
            case .organisation: try await repository.find(Organisation.self, existing.id, by: try context.actor())
            default: nil
            }
            guard let found, found.compartment == compartment else {
                throw Problem.invalid([FieldProblem(field: "actors[\(i)].existing", message: "no such \(existing.kind.code) in the incident's compartment")])
            }
        }
        let records: [any Record]
        switch intake.records(compartment: compartment, context: ValidationContext(isKnownPlace: { _ in true })) {
        case .failure(let invalid): throw Problem.invalid(invalid.problems)
        case .success(let made): records = made
        }
        do {
            _ = try await repository.createAll(records, by: try context.actor())
        } catch StoreError.invalidInBatch(_, let invalid) {
            throw Problem.invalid(invalid.problems)
        }
        let id = records[0].id.wire
        var response = try jsonResponse(Created(event: id, records: records.map { RecordRefView(kind: type(of: $0).kind, id: $0.id) }), status: .created)
        response.headers[.location] = "/api/events/\(id)"
        return response
    }

    /// Decodes the intake, refusing keys it does not know anywhere in it: a typo must not lose data.
    static func decode(_ object: [String: JSONValue]) throws -> IncidentIntake {
        let intake = try RecordBody.decode(IncidentIntake.self, from: .object(object))
        let known = try HavenJSON.decoder().decode(JSONValue.self, from: try HavenJSON.encoder().encode(intake))
        let unknown = unknownKeys(.object(object), known: known, at: "")
        if !unknown.isEmpty { throw Problem.invalid(unknown.map { FieldProblem(field: $0, message: "is not a field of an incident intake") }) }
        return intake
    }

    /// Keys given that the decoded value does not have, by path (`victims[0].nmae`).
    static func unknownKeys(_ given: JSONValue, known: JSONValue, at path: String) -> [String] {
        switch (given, known) {
        case (.object(let a), .object(let b)):
            return a.keys.sorted().flatMap { key -> [String] in
                let here = path.isEmpty ? key : "\(path).\(key)"
                guard let value = a[key], value != .null else { return [] }
                guard let match = b[key] else { return [here] }
                return unknownKeys(value, known: match, at: here)
            }
        case (.array(let a), .array(let b)):
            return zip(a, b).enumerated().flatMap { i, pair in unknownKeys(pair.0, known: pair.1, at: "\(path)[\(i)]") }
        default:
            return []
        }
    }
}
