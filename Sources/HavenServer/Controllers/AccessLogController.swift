import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// The access log for administrators, at `GET /api/audit`: who read or changed which record,
/// signed in or failed to, exported or changed permissions, when and from where. Entries hold
/// ids and counts, never a protected value.
struct AccessLogController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/api/audit", .permission(.readAudit),
                  api: .init("The access log, newest first, by record (a person's included), actor, action and period (administrators)",
                             query: QueryParameter.audit, response: .of(PageEnvelope<EntryView>.self)), entries),
        ]
    }

    /// One entry as the API shows it, with the acting account's user name resolved.
    struct EntryView: Codable {
        let seq: Int
        let at: String
        let actor: String
        let actorName: String?
        let action: String
        let kind: String?
        let recordId: String?
        let version: Int?
        let detail: String?
    }

    @Sendable func entries(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let query = try await Self.query(QueryString.fields(request.uri), accounts: environment.accessLog)
        let page = try await environment.accessLog.auditEntries(query, by: try context.actor())
        let names = Dictionary(uniqueKeysWithValues: try await environment.accessLog.accounts().map {
            (ActingIdentity.account($0.account.id).id, $0.account.username)
        })
        let items = page.items.map { e in
            EntryView(seq: e.seq, at: e.at, actor: e.actor, actorName: names[e.actor], action: e.action,
                      kind: e.kind.isEmpty ? nil : e.kind, recordId: e.recordID.isEmpty ? nil : e.recordID,
                      version: e.version == 0 ? nil : e.version, detail: e.detail.isEmpty ? nil : e.detail)
        }
        return try jsonResponse(PageEnvelope(items: items, total: page.total, offset: page.offset, limit: page.limit), status: .ok)
    }

    /// Reads the filters: `record` (a record id, a person's included), `actor` (a user name or
    /// an identity id), `action` (a prefix such as `login`), `since` and `until` (dates or
    /// instants), `offset`, `limit`.
    static func query(_ params: Parameters, accounts: any AccessLogReading) async throws -> AuditQuery {
        let known: Set<String> = ["record", "actor", "action", "since", "until", "offset", "limit"]
        if let unknown = params.map({ String($0.key) }).first(where: { !known.contains($0) }) {
            throw Problem.badRequest("unknown query parameter '\(unknown.prefix(40))'; known: \(known.sorted().joined(separator: ", "))", field: unknown)
        }
        var query = AuditQuery()
        if let record = params.get("record") {
            guard let id = UUID(uuidString: record) else { throw Problem.badRequest("record must be a record id (UUID)", field: "record") }
            query.recordID = id
        }
        if let actor = params.get("actor"), !actor.isEmpty {
            if actor.hasPrefix("account:") || actor == ActingIdentity.localOperator.id || actor == ActingIdentity.system.id {
                query.actor = actor
            } else if let account = try await accounts.account(username: actor) {
                query.actor = ActingIdentity.account(account.account.id).id
            } else {
                throw Problem.notFound("no account with that user name")
            }
        }
        if let action = params.get("action"), !action.isEmpty {
            guard action.count <= 64, action.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "." || $0 == "-") }) else {
                throw Problem.badRequest("action must be an action name or prefix such as login or record.read", field: "action")
            }
            query.actionPrefix = action
        }
        query.since = try instant(params.get("since"), "since", endOfDay: false)
        query.until = try instant(params.get("until"), "until", endOfDay: true)
        query.offset = try QueryParameters.number(params.get("offset"), "offset", default: 0, range: 0...Int(Int32.max))
        query.limit = try QueryParameters.number(params.get("limit"), "limit", default: 100, range: 1...QueryParameters.maximumLimit)
        return query
    }

    static func instant(_ text: String?, _ field: String, endOfDay: Bool) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = AuditQuery.instant(text, endOfDay: endOfDay) else {
            throw Problem.badRequest("\(field) must be a date (2024-08-21) or an instant (2024-08-21T09:30:00Z)", field: field)
        }
        return date
    }
}
