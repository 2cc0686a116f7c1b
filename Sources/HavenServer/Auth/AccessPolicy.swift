import HavenCore

/// What a route asks of the caller. Deny by default: a route the table does not name is
/// refused, and a test walks the router's routes so that a new route without a policy fails.
public enum Requirement: Sendable, Equatable {
    /// Anyone, signed in or not: health, the OpenAPI document, signing in.
    case anyone
    /// A signed-in session, also one that is still enrolling (own account routes).
    case signedIn
    /// A fully signed-in session whose role grants the permission.
    case permission(Permission)
}

/// The access table of every route, by method and Hummingbird path pattern (`{id}` parameters, as `context.endpointPath` gives them).
public enum AccessPolicy {
    /// The requirement of a route, or nil when the route has none (and is therefore refused).
    public static func requirement(method: String, path: String) -> Requirement? {
        switch (method, path) {
        case ("GET", "/health"), ("GET", "/openapi.json"), ("POST", "/api/session"),
             ("GET", "/login"), ("POST", "/login"), ("GET", "/language"), ("GET", "/static/{file}"):
            return .anyone
        case ("GET", "/"), ("POST", "/logout"), ("GET", "/account/password"), ("POST", "/account/password"),
             ("GET", "/account/enrol"), ("POST", "/account/enrol"), ("POST", "/account/enrol/confirm"):
            // The home page adapts to the session (still enrolling, or which role).
            return .signedIn
        case ("GET", "/api/session"), ("DELETE", "/api/session"), ("POST", "/api/session/password"),
             ("POST", "/api/session/mfa/enrol"), ("POST", "/api/session/mfa/confirm"):
            return .signedIn
        case ("GET", "/api/vocabularies"), ("GET", "/api/gazetteer"):
            return .permission(.readReference)
        case ("GET", "/api/search"), ("POST", "/api/search"):
            return .permission(.search)
        case ("POST", "/api/tokens"), ("GET", "/api/tokens"), ("DELETE", "/api/tokens/{id}"):
            // A full session only: AuthMiddleware refuses API tokens here.
            return .permission(.manageOwnAccount)
        case ("GET", "/records"), ("POST", "/records"), ("GET", "/records/{kind}/{id}"):
            return .permission(.readRecords)
        case ("GET", "/records/{kind}/new"), ("POST", "/records/{kind}/new"), ("GET", "/records/{kind}/{id}/edit"),
             ("POST", "/records/{kind}/{id}/edit"), ("GET", "/drafts/{id}"), ("POST", "/records/{kind}/{id}/checks"):
            return .permission(.writeRecords)
        case ("GET", "/api/rescue-requests/{id}/indicators"), ("GET", "/api/reports/brokers"), ("GET", "/api/reports/brokers/{kind}/{id}"),
             ("GET", "/reports/brokers"), ("GET", "/reports/brokers/{kind}/{id}"), ("GET", "/api/reports/parties"), ("GET", "/reports/parties"),
             ("GET", "/reports/trends"), ("GET", "/reports/trends.csv"), ("GET", "/reports/trends/events"), ("GET", "/api/reports/trends"),
             ("GET", "/dossiers/{kind}/{id}"), ("GET", "/dossiers/party"), ("GET", "/reports/statistics"), ("GET", "/reports/statistics.csv"),
             ("GET", "/api/reports/statistics"), ("GET", "/api/dossiers/{kind}/{id}"), ("GET", "/api/dossiers/party"):
            return .permission(.readRecords)
        case ("POST", "/reports/statistics/arrivals"), ("POST", "/api/statistics/arrivals"):
            return .permission(.analyse)
        case ("POST", "/api/incidents"):
            return .permission(.writeRecords)
        case ("GET", "/duplicates"), ("GET", "/duplicates/review"), ("POST", "/duplicates/merge"), ("POST", "/duplicates/unmerge"),
             ("POST", "/duplicates/distinct"), ("GET", "/api/duplicates"):
            // Judging a pair needs the names (the controller also asks for protected fields).
            return .permission(.writeRecords)
        case ("GET", "/api/audit"):
            return .permission(.readAudit)
        case ("POST", "/api/exports"), ("GET", "/api/exports/{id}/download"):
            return .permission(.requestExport)
        case ("GET", "/api/exports"), ("POST", "/api/exports/{id}/approve"), ("POST", "/api/exports/{id}/reject"):
            // Deciding needs the list of what waits; it holds counts, kinds and ids only.
            return .permission(.approveExport)
        case ("POST", "/api/lookup"):
            // An exact match on a protected value tells something about that value.
            return .permission(.readProtected)
        default:
            break
        }
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "api", RecordKind.allCases.contains(where: { $0.pathSegment == parts[1] }) else { return nil }
        switch (method, parts.count, parts.dropFirst(2).first, parts.dropFirst(3).first) {
        case ("GET", 2, _, _), ("GET", 3, "{id}", _), ("GET", 4, "{id}", "history"):
            return .permission(.readRecords)
        case ("POST", 2, _, _), ("PUT", 3, "{id}", _), ("DELETE", 3, "{id}", _):
            return .permission(.writeRecords)
        default:
            return nil
        }
    }
}
