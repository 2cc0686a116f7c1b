import Foundation
import HavenCore

/// The OpenAPI 3.1 description of the JSON API, written from the route table: every route with
/// an ``APIOperation``, its query and path parameters, and the schemas of its request body and
/// response derived from the Swift types the handler decodes and returns.
enum OpenAPIDocument {
    /// The document as JSON.
    static func json(_ routes: [Route]) throws -> Data {
        try HavenJSON.encoder().encode(try document(routes))
    }

    /// The document as a JSON value; fails naming the first type whose schema cannot be derived.
    static func document(_ routes: [Route]) throws -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            guard let api = route.api else { continue }
            paths[route.path, default: [:]][route.method.rawValue.lowercased()] = try operation(route, api)
        }
        var schemas: [String: JSONValue] = ["Problem": problem.json]
        for type in RecordTypes.all {
            let derived = try SchemaDecoder.schema(of: type)
            let protected = type.protectedFields.sorted().joined(separator: ", ")
            // What a client sends: Haven fills the id, the compartment (the account's only one)
            // and the kind's defaults when they are left out.
            let filled = Set(["id", "compartment"]).union(type.inputDefaults.keys)
            schemas[componentName(type.kind)] = described(derived.optional(filled),
                                                          "\(type.kind.label.en) (\(type.kind.label.ko)). Protected fields, sealed at rest: \(protected).",
                                                          protected: type.protectedFields)
            // What a client reads: a reader who may not see protected fields gets them left out.
            schemas[componentName(type.kind) + asRead] = described(derived.optional(type.protectedFields),
                                                                   "\(type.kind.label.en) as read; protected fields (\(protected)) are left out, "
                                                                   + "and listed in the envelope's redacted, for a reader who may not see them.",
                                                                   protected: type.protectedFields)
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object([
                "title": .string("Haven API"),
                "version": .string("0.1.0"),
                "description": .string("Secure documentation of incidents, rescue requests and interventions concerning North Korean refugees. Every read of protected data is audited."),
            ]),
            "servers": .array([.object(["url": .string("http://127.0.0.1:8080")])]),
            "paths": .object(paths.mapValues { JSONValue.object($0) }),
            "components": .object([
                "schemas": .object(schemas),
                "securitySchemes": .object([
                    "sessionCookie": .object([
                        "type": .string("apiKey"), "in": .string("cookie"), "name": .string("__Host-haven-session"),
                        "description": .string("Set by POST /api/session. State-changing requests also send the session's csrfToken in X-CSRF-Token."),
                    ]),
                    "apiToken": .object([
                        "type": .string("http"), "scheme": .string("bearer"),
                        "description": .string("A token from POST /api/tokens (haven_…), limited to its role and compartments; not for /api/session or /api/tokens."),
                    ]),
                ]),
            ]),
            "security": .array([.object(["sessionCookie": .array([])]), .object(["apiToken": .array([])])]),
        ])
    }

    private static func operation(_ route: Route, _ api: APIOperation) throws -> JSONValue {
        var operation: [String: JSONValue] = [
            "summary": .string(api.summary),
            "operationId": .string(operationID(route)),
        ]
        if route.requirement == .anyone { operation["security"] = .array([]) }
        var parameters: [JSONValue] = []
        for name in pathParameters(route.path) {
            let schema: Schema = name == "id" ? .string(format: "uuid") : .string(values: api.kinds)
            parameters.append(.object(["name": .string(name), "in": .string("path"), "required": .bool(true), "schema": schema.json]))
        }
        for query in api.query {
            parameters.append(.object(["name": .string(query.name), "in": .string("query"), "required": .bool(query.required),
                                       "description": .string(query.description), "schema": query.schema.json]))
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = api.body {
            operation["requestBody"] = .object(["required": .bool(true), "content": .object([
                "application/json": .object(["schema": try derive(body, route).json]),
            ])])
        }
        var responses: [String: JSONValue] = [:]
        var success: [String: JSONValue] = ["description": .string(api.status.reasonPhrase)]
        if let response = api.response {
            success["content"] = .object(["application/json": .object(["schema": try derive(response, route).json])])
        }
        responses[String(api.status.code)] = .object(success)
        if route.path.hasPrefix("/api/") {
            responses["4XX"] = .object(["description": .string("Problem"), "content": .object([
                "application/problem+json": .object(["schema": Schema.reference("Problem").json]),
            ])])
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    /// The suffix of a record kind's component as read (protected fields may be left out).
    static let asRead = "AsRead"

    private static func described(_ schema: Schema, _ description: String, protected: Set<String>) -> JSONValue {
        guard case .object(var object) = schema.json else { return schema.json }
        object["description"] = .string(description)
        object["x-protected-fields"] = .array(protected.sorted().map(JSONValue.string))
        return .object(object)
    }

    private static func derive(_ source: SchemaSource, _ route: Route) throws -> Schema {
        do { return try source.derive() } catch {
            throw SchemaDerivationError("\(route.name): \(source.name): \(error)")
        }
    }

    /// RFC 9457 problem details, with the title in Korean too and the fields at fault.
    static let problem = Schema.object(properties: [
        "type": .string(), "title": .string(), "titleKo": .string(), "status": .integer, "detail": .string(),
        "errors": .array(.object(properties: ["field": .string(), "message": .string()], required: ["field", "message"])),
    ], required: ["title", "status"])

    /// The names of a path's `{…}` parameters, in order.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }

    /// The component name of a record kind's schema, e.g. `RescueRequest`.
    static func componentName(_ kind: RecordKind) -> String {
        kind.code.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func operationID(_ route: Route) -> String {
        route.method.rawValue.lowercased() + route.path.split(separator: "/").map { part in
            let clean = part.replacingOccurrences(of: "{", with: "by-").replacingOccurrences(of: "}", with: "")
                .replacingOccurrences(of: ".", with: "-")
            return clean.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }.joined()
    }
}
