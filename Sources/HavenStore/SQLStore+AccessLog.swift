public import Foundation
public import HavenCore
import SQLKit

/// What an administrator asks of the access log: whose actions, about which record, in which
/// period. Every filter is optional; entries come newest first.
public struct AuditQuery: Sendable, Equatable {
    /// Entries about this record (of any kind, a person included): its writes, its reads, and
    /// every list or search that returned it.
    public var recordID: UUID?
    /// Entries by this acting identity (`account:<id>`, `local-operator`, `system`).
    public var actor: String?
    /// Entries whose action starts with this (`login` finds `login.success` and `login.failure`).
    public var actionPrefix: String?
    /// Entries at or after this instant.
    public var since: Date?
    /// Entries before this instant.
    public var until: Date?
    /// How many matching entries to skip, newest first.
    public var offset: Int
    /// At most this many entries.
    public var limit: Int

    /// Creates a query.
    public init(recordID: UUID? = nil, actor: String? = nil, actionPrefix: String? = nil, since: Date? = nil,
                until: Date? = nil, offset: Int = 0, limit: Int = 100) {
        self.recordID = recordID
        self.actor = actor
        self.actionPrefix = actionPrefix
        self.since = since
        self.until = until
        self.offset = offset
        self.limit = limit
    }

    /// Reads an ISO 8601 instant, or a day (`2024-08-21`, UTC). With `endOfDay`, a day means its
    /// end, so that `until 2024-08-21` includes that day.
    public static func instant(_ text: String, endOfDay: Bool) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        guard let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) else { return nil }
        return endOfDay ? day.addingTimeInterval(86_400) : day
    }

    /// The filters as they go into the audit entry of the query itself (ids and dates only).
    var detail: String {
        var parts: [String] = []
        if let recordID { parts.append("record=\(recordID.wire)") }
        if let actor { parts.append("actor=\(actor)") }
        if let actionPrefix { parts.append("action=\(actionPrefix)") }
        if let since { parts.append("since=\(Timestamp.string(since))") }
        if let until { parts.append("until=\(Timestamp.string(until))") }
        return parts.joined(separator: " ")
    }
}

extension SQLStore {
    /// The access log entries matching a query, newest first, with how many match in all. The
    /// query is itself recorded, so that looking into who looked is on the record too.
    public func auditEntries(_ query: AuditQuery, by actor: ActingIdentity) async throws -> Page<AuditEntry> {
        try await exclusive {
            _ = try requireUnlocked()
            struct Row: Decodable {
                let seq: Int, at: String, actor: String, action: String, kind: String, record_id: String
                let version: Int, content_hash: String, detail: String
            }
            struct Count: Decodable { let n: Int }
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                if let id = query.recordID?.wire {
                    // List and search entries name the records they returned as `kind:id` in their detail.
                    select.where { $0.where("record_id", .equal, SQLBind(id)).orWhere("detail", .like, SQLBind("%:\(id)%")) }
                }
                if let who = query.actor { select.where("actor", .equal, SQLBind(who)) }
                if let prefix = query.actionPrefix {
                    select.where { $0.where("action", .equal, SQLBind(prefix)).orWhere("action", .like, SQLBind(prefix + ".%")) }
                }
                if let since = query.since { select.where("at", .greaterThanOrEqual, SQLBind(Timestamp.string(since))) }
                if let until = query.until { select.where("at", .lessThan, SQLBind(Timestamp.string(until))) }
                return select
            }
            let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("audit_log"))
                .first(decoding: Count.self)?.n ?? 0
            let rows = try await filtered(db.select()
                .columns("seq", "at", "actor", "action", "kind", "record_id", "version", "content_hash", "detail").from("audit_log"))
                .orderBy("seq", .descending).offset(query.offset).limit(query.limit)
                .all(decoding: Row.self)
            let entries = rows.map {
                AuditEntry(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, kind: $0.kind, recordID: $0.record_id,
                           version: $0.version, contentHash: $0.content_hash, detail: $0.detail)
            }
            try await audit(.auditQuery, detail: "\(query.detail) returned=\(entries.count) total=\(total)", by: actor)
            return Page(items: entries, total: total, offset: query.offset, limit: query.limit)
        }
    }
}
