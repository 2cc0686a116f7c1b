import Foundation
import HavenCore

/// The OpenAPI 3.1 description of the JSON API, built from the same record kinds the router
/// mounts, so that the two cannot drift apart silently (a test compares them route by route).
enum OpenAPIDocument {
    /// Every operation the document describes, as `METHOD /path` with `{id}` parameters.
    static func operations() -> [(method: String, path: String, summary: String)] {
        var ops: [(String, String, String)] = [
            ("GET", "/health", "Liveness and lock state"),
            ("GET", "/openapi.json", "This document"),
            ("GET", "/api/search", "Search every record kind by any substring of names and texts, with filters"),
            ("POST", "/api/search", "The same search with its filters in a JSON body, so that the text never appears in a URL"),
            ("POST", "/api/lookup", "Exact lookup of a protected name or phone through blind indexes"),
            ("GET", "/api/vocabularies", "Every controlled vocabulary with Korean and English labels"),
            ("GET", "/api/gazetteer", "The shipped gazetteer of places"),
            ("POST", "/api/session", "Sign in with user name, password and TOTP or recovery code; sets the session cookie"),
            ("GET", "/api/session", "The current session, with its CSRF token"),
            ("DELETE", "/api/session", "Sign out"),
            ("POST", "/api/session/password", "Change one's password; every session of the account ends"),
            ("POST", "/api/session/mfa/enrol", "Start enrolling an authenticator app: a new TOTP secret"),
            ("POST", "/api/session/mfa/confirm", "Confirm enrolment with a code; returns ten recovery codes once"),
            ("POST", "/api/tokens", "Make an API token for scripts, with one's role and compartments or less; the secret is shown once"),
            ("GET", "/api/tokens", "One's API tokens, without their secrets"),
            ("DELETE", "/api/tokens/{id}", "Revoke one of one's API tokens at once"),
            ("POST", "/api/exports", "Ask for a decrypted export by kinds and compartments; above the threshold it waits for a second person"),
            ("GET", "/api/exports", "Every export request and where it stands (approvers)"),
            ("POST", "/api/exports/{id}/approve", "Approve someone else's export request"),
            ("POST", "/api/exports/{id}/reject", "Reject someone else's export request"),
            ("GET", "/api/exports/{id}/download", "Download an approved export once, decrypted (the requester only)"),
            ("GET", "/api/rescue-requests/{id}/indicators", "A rescue request's trap indicators, each with the records behind it, and its verification checklist"),
            ("GET", "/api/reports/brokers", "Every broker and facilitating organisation within reach, with requests, arrests and risk flags"),
            ("GET", "/api/reports/brokers/{kind}/{id}", "One broker's or facilitating organisation's track record and risk flags, each with its records"),
            ("GET", "/api/reports/parties", "Per party: interventions sent, answered and unanswered (no response), and the median days to an answer"),
            ("GET", "/api/reports/trends", "Acts by month, region, type and perpetrator, with surges above each region's own baseline"),
            ("GET", "/api/reports/statistics", "Documented persons affected by act type and sex and by age group, with the official arrival figures"),
            ("POST", "/api/statistics/arrivals", "Import official yearly arrival figures by sex from CSV with their source (analysts); all rows or none"),
            ("GET", "/api/dossiers/{kind}/{id}", "The dossier of an incident (kind event) or a person: chronology, victims, sources, every request and non-response"),
            ("GET", "/api/dossiers/party", "The dossier of a party over a period: its requests and non-responses, and the incidents they concerned"),
            ("GET", "/api/duplicates", "Person records that may be one person (record ids, match probability, each comparison's level and weight); merge by setting a person's sameAs"),
            ("POST", "/api/incidents", "Record an incident with its victims, victim groups, actors and sources in one pass, all or nothing"),
            ("GET", "/api/audit", "The access log, newest first, by record (a person's included), actor, action and period (administrators)"),
        ]
        for kind in RecordKind.allCases {
            let base = "/api/\(kind.pathSegment)"
            let name = kind.label.en.lowercased()
            ops += [
                ("GET", base, "List \(name) records, newest first, with filters and pagination"),
                ("POST", base, "Create a \(name) record"),
                ("GET", "\(base)/{id}", "Read one \(name) record (audited)"),
                ("PUT", "\(base)/{id}", "Replace a \(name) record with a new version"),
                ("DELETE", "\(base)/{id}", "Delete a \(name) record (its history is kept)"),
                ("GET", "\(base)/{id}/history", "Every version of a \(name) record"),
            ]
        }
        return ops
    }

    /// The document as JSON.
    static func json() throws -> Data {
        var paths: [String: [String: JSONValue]] = [:]
        for op in operations() {
            var operation: [String: JSONValue] = [
                "summary": .string(op.summary),
                "operationId": .string(operationID(op.method, op.path)),
                "responses": .object(responses(op.method, op.path)),
            ]
            if AccessPolicy.requirement(method: op.method, path: op.path) == .anyone { operation["security"] = .array([]) }
            var parameters: [JSONValue] = []
            if op.path.contains("{kind}") {
                let kinds = op.path.hasPrefix("/api/dossiers") ? ["event", "person"] : ["person", "organisation"]
                parameters.append(.object(["name": .string("kind"), "in": .string("path"), "required": .bool(true),
                                           "schema": .object(["type": .string("string"), "enum": .array(kinds.map(JSONValue.string))])]))
            }
            if op.path.contains("{id}") {
                parameters.append(.object(["name": .string("id"), "in": .string("path"), "required": .bool(true),
                                           "schema": .object(["type": .string("string"), "format": .string("uuid")])]))
            }
            if op.method == "GET", op.path == "/api/audit" {
                for (name, description) in [
                    ("record", "a record id (a person's included): its writes, reads, and lists or searches that returned it"),
                    ("actor", "a user name, or an identity id such as local-operator"),
                    ("action", "an action or prefix: login, record, read, export, account, audit"),
                    ("since", "a date (2024-08-21) or an instant"), ("until", "a date (inclusive) or an instant (exclusive)"),
                    ("offset", "entries to skip"), ("limit", "1–500, default 100"),
                ] {
                    parameters.append(.object(["name": .string(name), "in": .string("query"), "required": .bool(false),
                                               "description": .string(description), "schema": .object(["type": .string("string")])]))
                }
            }
            if op.method == "GET", op.path == "/api/search" || (kind(of: op.path) != nil && !op.path.contains("{id}")) {
                for (name, description) in [
                    ("q", "substring of a name, title or narrative (Hangul or Latin, 2+ characters use the index)"),
                    ("kind", "comma-separated record kinds (search only)"), ("status", "status code"),
                    ("place", "place code; a province finds its cities"), ("from", "YYYY, YYYY-MM or YYYY-MM-DD"),
                    ("to", "YYYY, YYYY-MM or YYYY-MM-DD"), ("parent", "id of the record these belong to"),
                    ("type", "type code within the kind"), ("offset", "results to skip"), ("limit", "1–500, default 50"),
                ] {
                    parameters.append(.object(["name": .string(name), "in": .string("query"), "required": .bool(false),
                                               "description": .string(description), "schema": .object(["type": .string("string")])]))
                }
            }
            if op.path == "/api/dossiers/party" {
                for (name, description, required) in [("name", "the party, as written on its interventions", true), ("from", "YYYY, YYYY-MM or YYYY-MM-DD", false),
                                                      ("to", "YYYY, YYYY-MM or YYYY-MM-DD", false)] {
                    parameters.append(.object(["name": .string(name), "in": .string("query"), "required": .bool(required),
                                               "description": .string(description), "schema": .object(["type": .string("string")])]))
                }
            }
            if op.path == "/api/reports/statistics" {
                for (name, description) in [("from", "first year, YYYY"), ("to", "last year, YYYY")] {
                    parameters.append(.object(["name": .string(name), "in": .string("query"), "required": .bool(false),
                                               "description": .string(description), "schema": .object(["type": .string("string")])]))
                }
            }
            if op.path == "/api/reports/trends" {
                for (name, description) in [("type", "an act type code"), ("region", "a province code such as CN-JL"),
                                            ("from", "first month, YYYY-MM"), ("to", "last month, YYYY-MM")] {
                    parameters.append(.object(["name": .string(name), "in": .string("query"), "required": .bool(false),
                                               "description": .string(description), "schema": .object(["type": .string("string")])]))
                }
            }
            if op.path == "/api/gazetteer" {
                parameters.append(.object(["name": .string("q"), "in": .string("query"), "required": .bool(false),
                                           "schema": .object(["type": .string("string")])]))
            }
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            if op.method == "POST" || op.method == "PUT" {
                let schema = kind(of: op.path).map { JSONValue.object(["$ref": .string("#/components/schemas/\(schemaName($0))")]) }
                    ?? .object(["type": .string("object")])
                operation["requestBody"] = .object(["required": .bool(true), "content": .object([
                    "application/json": .object(["schema": schema]),
                ])])
            }
            paths[op.path, default: [:]][op.method.lowercased()] = .object(operation)
        }
        var schemas: [String: JSONValue] = [
            "Problem": .object([
                "type": .string("object"),
                "description": .string("RFC 9457 problem details, with the title in Korean too and the fields at fault"),
                "properties": .object([
                    "type": .object(["type": .string("string")]), "title": .object(["type": .string("string")]),
                    "titleKo": .object(["type": .string("string")]), "status": .object(["type": .string("integer")]),
                    "detail": .object(["type": .string("string")]),
                    "errors": .object(["type": .string("array"), "items": .object(["type": .string("object"), "properties": .object([
                        "field": .object(["type": .string("string")]), "message": .object(["type": .string("string")]),
                    ])])]),
                ]),
            ]),
        ]
        for type in RecordTypes.all {
            schemas[schemaName(type.kind)] = .object([
                "type": .string("object"),
                "description": .string("\(type.kind.label.en) (\(type.kind.label.ko)). Protected fields, sealed at rest: \(type.protectedFields.sorted().joined(separator: ", "))."),
                "x-protected-fields": .array(type.protectedFields.sorted().map(JSONValue.string)),
            ])
        }
        let document: JSONValue = .object([
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
        return try RecordBody.encoder().encode(document)
    }

    private static func kind(of path: String) -> RecordKind? {
        let segment = path.split(separator: "/").dropFirst().first.map(String.init)
        return RecordKind.allCases.first { $0.pathSegment == segment }
    }

    private static func schemaName(_ kind: RecordKind) -> String {
        kind.code.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func operationID(_ method: String, _ path: String) -> String {
        method.lowercased() + path.split(separator: "/").map { part in
            let clean = part.replacingOccurrences(of: "{", with: "by-").replacingOccurrences(of: "}", with: "")
                .replacingOccurrences(of: ".", with: "-")
            return clean.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }.joined()
    }

    private static func responses(_ method: String, _ path: String) -> [String: JSONValue] {
        let problem: JSONValue = .object(["description": .string("Problem"), "content": .object([
            "application/problem+json": .object(["schema": .object(["$ref": .string("#/components/schemas/Problem")])]),
        ])])
        var result: [String: JSONValue] = [:]
        switch (method, path) {
        case ("POST", "/api/session/password"), ("DELETE", "/api/session"):
            result["204"] = .object(["description": .string("Done; the session cookie is cleared")])
        case ("POST", "/api/lookup"), ("POST", "/api/search"), ("POST", "/api/statistics/arrivals"), ("POST", "/api/session"), ("POST", "/api/session/mfa/enrol"), ("POST", "/api/session/mfa/confirm"),
             ("POST", "/api/exports/{id}/approve"), ("POST", "/api/exports/{id}/reject"):
            result["200"] = .object(["description": .string("OK")])
        case ("POST", _): result["201"] = .object(["description": .string("Created")])
        case ("DELETE", _): result["204"] = .object(["description": .string("Deleted")])
        default: result["200"] = .object(["description": .string("OK")])
        }
        if path.hasPrefix("/api/") { result["4XX"] = problem }
        return result
    }
}
