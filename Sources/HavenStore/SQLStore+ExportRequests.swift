public import Foundation
public import HavenCore
import SQLKit

/// Which records an export takes: by kind and compartment, within the requester's reach. Text
/// filters are left out on purpose: they would put protected words into the request.
public struct ExportFilter: Codable, Sendable, Equatable {
    /// Only these kinds; nil for every kind.
    public var kinds: Set<RecordKind>?
    /// Only these compartments (always narrowed to the requester's); nil for all within reach.
    public var compartments: Set<String>?

    /// Creates a filter.
    public init(kinds: Set<RecordKind>? = nil, compartments: Set<String>? = nil) {
        self.kinds = kinds
        self.compartments = compartments
    }
}

/// Where an export request stands.
public enum ExportRequestStatus: String, Codable, Sendable {
    /// Waiting for a second person.
    case pending
    /// Approved (or small enough to need no approval); the requester may download it once.
    case approved
    /// Refused by a second person.
    case rejected
    /// Downloaded; it cannot be downloaded again.
    case completed
}

/// A request for a decrypted export. Above the approval threshold it runs only after a second
/// person (another analyst or an administrator, never the requester) approves it.
public struct ExportRequest: Codable, Sendable, Equatable, Identifiable {
    /// The request's id.
    public var id: UUID
    /// The acting identity that asked.
    public var requester: String
    /// Which records.
    public var filter: ExportFilter
    /// How many records matched when it was asked.
    public var recordCount: Int
    /// Where it stands.
    public var status: ExportRequestStatus
    /// When it was asked.
    public var createdAt: Date
    /// Who approved or rejected it (`rule:below-threshold` when no second person was needed).
    public var decidedBy: String?
    /// When.
    public var decidedAt: Date?
    /// When it was downloaded.
    public var completedAt: Date?
    /// The requester's compartments when it was asked (nil for an identity without limits): who
    /// may see and decide on it. Exports asked for before requests were pinned have none.
    public var reach: Set<String>?
    /// Whether its records were pinned (by id and version) when it was asked; an unpinned
    /// request, from before pinning, can no longer be downloaded.
    public var pinned: Bool

    /// Whether an identity's compartments cover everything this request was asked with.
    public func isWithinReach(of actor: ActingIdentity) -> Bool {
        guard let actorReach = actor.compartments else { return true }
        guard let reach else { return false }
        return reach.isSubset(of: actorReach)
    }
}

extension SQLStore {
    /// An approval is good for a day: a stale approval should be asked for again.
    public static let exportApprovalLifetime: TimeInterval = 24 * 3600

    /// Records a request for a decrypted export and pins its records: the id and version of
    /// every record it matches now, within the requester's reach. Approval and download concern
    /// exactly these versions. With more than `approvalThreshold` records it waits for a second
    /// person; otherwise it is approved by the rule at once.
    public func requestExport(_ filter: ExportFilter, approvalThreshold: Int, by actor: ActingIdentity) async throws -> ExportRequest {
        try await exclusive {
            _ = try requireUnlocked()
            let rows = try await exportRows(filter, for: actor)
            let count = rows.count
            let now = clock()
            let needsApproval = count > approvalThreshold
            let request = ExportRequest(
                id: UUID(), requester: actor.id, filter: filter, recordCount: count,
                status: needsApproval ? .pending : .approved, createdAt: now,
                decidedBy: needsApproval ? nil : "rule:below-threshold", decidedAt: needsApproval ? nil : now, completedAt: nil,
                reach: Self.reach(of: filter, for: actor), pinned: true)
            let (entries, next) = try signedEntries([AuditEvent(action: .exportRequest, kind: "export", recordID: request.id.wire, detail: "records=\(count) threshold=\(approvalThreshold) needs-approval=\(needsApproval)")], actor: actor)
            try await transaction(on: db) { db in
                try await db.insert(into: "export_requests")
                    .columns("id", "requester", "filter", "record_count", "status", "created_at", "decided_by", "decided_at", "completed_at",
                             "reach", "pinned")
                    .values(SQLBind(request.id.wire), SQLBind(request.requester), SQLBind(try Self.json(filter)), SQLBind(count),
                            SQLBind(request.status.rawValue), SQLBind(Timestamp.string(now)), SQLBind(request.decidedBy),
                            SQLBind(request.decidedAt.map(Timestamp.string)), SQLBind(String?.none),
                            SQLBind(try request.reach.map { try Self.json($0.sorted()) }), SQLBind(1))
                    .run()
                // Bounded batches keep every statement under the drivers' limit on bound values.
                for batch in stride(from: 0, to: rows.count, by: 200) {
                    var insert = db.insert(into: "export_items").columns("request_id", "record_id", "version", "compartment")
                    for row in rows[batch..<min(batch + 200, rows.count)] {
                        insert = insert.values(SQLBind(request.id.wire), SQLBind(row.id.wire), SQLBind(row.version),
                                               SQLBind(row.compartment))
                    }
                    try await insert.run()
                }
                try await Self.append(entries, on: db)
            }
            frontier = next
            return request
        }
    }

    /// Approves or rejects a pending request. The requester can do neither to their own.
    /// A decider must reach every compartment the request was asked with, unless `anyReach`
    /// (an administrator, who decides on exports without reading records).
    public func decideExport(_ id: UUID, approve: Bool, anyReach: Bool = false, by actor: ActingIdentity) async throws -> ExportRequest {
        try await exclusive {
            _ = try requireUnlocked()
            guard var request = try await exportRequest(id), anyReach || request.isWithinReach(of: actor) else {
                throw StoreError.noSuchExportRequest
            }
            guard request.requester != actor.id else {
                throw StoreError.forbidden("a second person must decide on an export; you asked for this one")
            }
            guard request.status == .pending else {
                throw StoreError.forbidden("this export request is already \(request.status.rawValue)")
            }
            request.status = approve ? .approved : .rejected
            request.decidedBy = actor.id
            request.decidedAt = clock()
            try await saveExport(request, action: approve ? .exportApprove : .exportReject, detail: "records=\(request.recordCount)", by: actor)
            return request
        }
    }

    /// Runs an approved request once, for its requester, and returns exactly the record
    /// versions pinned when it was asked, decrypted. It refuses when any of them is now outside
    /// the downloader's reach; a record deleted since is left out (its deletion withdrew it).
    public func runExport(_ id: UUID, by actor: ActingIdentity) async throws -> (request: ExportRequest, records: [any Record]) {
        try await exclusive {
            let codec = try requireUnlocked()
            guard var request = try await exportRequest(id), request.requester == actor.id else { throw StoreError.noSuchExportRequest }
            guard request.status == .approved else {
                throw StoreError.forbidden(request.status == .pending
                    ? "this export waits for a second person's approval"
                    : "this export request is \(request.status.rawValue)")
            }
            guard let decidedAt = request.decidedAt, clock().timeIntervalSince(decidedAt) < Self.exportApprovalLifetime else {
                throw StoreError.forbidden("the approval of this export is older than a day; ask again")
            }
            guard request.pinned else {
                throw StoreError.forbidden("this export was asked for before exports were fixed at asking; ask again")
            }
            let pinned = try await pinnedRows(id)
            guard pinned.count == request.recordCount else { throw StoreError.corrupt("an export's pinned records do not match its count") }
            guard pinned.allSatisfy({ actor.reaches($0.compartment) }) else {
                throw StoreError.forbidden("this export holds records outside your compartments now; ask again")
            }
            var deletedSince = 0
            var records: [any Record] = []
            records.reserveCapacity(pinned.count)
            for row in pinned {
                guard let current = try await Self.currentRow(id: row.id, on: db), !current.deleted else {
                    deletedSince += 1
                    continue
                }
                records.append(try Self.open(RecordTypes.type(for: row.kind), row, codec: codec))
            }
            request.status = .completed
            request.completedAt = clock()
            try await saveExport(request, action: .exportPlaintext,
                                 detail: "records=\(records.count) deleted-since=\(deletedSince) request=\(id.wire)", by: actor)
            return (request, records)
        }
    }

    /// The export requests an identity may see, newest first: those asked within its reach, or
    /// every request for an administrator (`anyReach`), who decides on exports.
    public func exportRequests(visibleTo actor: ActingIdentity, anyReach: Bool = false) async throws -> [ExportRequest] {
        try await exclusive {
            _ = try requireUnlocked()
            return try await db.select().columns(ExportRow.columns).from("export_requests").orderBy("created_at", .descending)
                .all(decoding: ExportRow.self).map { try $0.request() }
                .filter { anyReach || $0.isWithinReach(of: actor) }
        }
    }

    // MARK: - Rows

    private func exportRows(_ filter: ExportFilter, for actor: ActingIdentity) async throws -> [SealedRow] {
        try await Self.selectRows(from: "records", on: db) { $0.where("deleted", .equal, SQLBind(0)).orderBy("updated_at") }
            .filter { row in
                actor.reaches(row.compartment) && (filter.kinds?.contains(row.kind) ?? true)
                    && (filter.compartments?.contains(row.compartment) ?? true)
            }
    }

    /// The compartments a request can take records from: the requester's, narrowed by the
    /// filter's; nil when neither limits them.
    static func reach(of filter: ExportFilter, for actor: ActingIdentity) -> Set<String>? {
        switch (actor.compartments, filter.compartments) {
        case (nil, nil): nil
        case (let reach?, nil): reach
        case (nil, let asked?): asked
        case (let reach?, let asked?): reach.intersection(asked)
        }
    }

    /// The versions an export pinned, read from the version history, in the order pinned.
    private func pinnedRows(_ id: UUID) async throws -> [SealedRow] {
        struct Item: Decodable { let record_id: String, version: Int }
        let items = try await db.select().columns("record_id", "version").from("export_items")
            .where("request_id", .equal, SQLBind(id.wire)).all(decoding: Item.self)
        var rows: [SealedRow] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard let row = try await Self.selectRows(from: "record_versions", on: db, {
                $0.where("id", .equal, SQLBind(item.record_id)).where("version", .equal, SQLBind(item.version))
            }).first else { throw StoreError.corrupt("an export's pinned version is missing from the history") }
            rows.append(row)
        }
        return rows
    }

    private func exportRequest(_ id: UUID) async throws -> ExportRequest? {
        try await db.select().columns(ExportRow.columns).from("export_requests").where("id", .equal, SQLBind(id.wire))
            .first(decoding: ExportRow.self).map { try $0.request() }
    }

    private func saveExport(_ request: ExportRequest, action: AuditAction, detail: String, by actor: ActingIdentity) async throws {
        let (entries, next) = try signedEntries([AuditEvent(action: action, kind: "export", recordID: request.id.wire, detail: detail)], actor: actor)
        try await transaction(on: db) { db in
            try await db.update("export_requests")
                .set("status", to: SQLBind(request.status.rawValue)).set("decided_by", to: SQLBind(request.decidedBy))
                .set("decided_at", to: SQLBind(request.decidedAt.map(Timestamp.string)))
                .set("completed_at", to: SQLBind(request.completedAt.map(Timestamp.string)))
                .where("id", .equal, SQLBind(request.id.wire)).run()
            try await Self.append(entries, on: db)
        }
        frontier = next
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try HavenJSON.encoder(instants: .stored).encode(value), as: UTF8.self)
    }

    struct ExportRow: Decodable {
        static let columns = ["id", "requester", "filter", "record_count", "status", "created_at", "decided_by", "decided_at", "completed_at",
                              "reach", "pinned"]
        let id: String, requester: String, filter: String, record_count: Int, status: String, created_at: String
        let decided_by: String?, decided_at: String?, completed_at: String?, reach: String?, pinned: Int?

        func request() throws -> ExportRequest {
            guard let id = UUID(uuidString: id), let status = ExportRequestStatus(rawValue: status), let createdAt = Timestamp.date(created_at),
                  let filter = try? HavenJSON.decoder(instants: .stored).decode(ExportFilter.self, from: Data(filter.utf8)) else {
                throw StoreError.corrupt("an export request row is unreadable")
            }
            let reach = try reach.map { text -> Set<String> in
                guard let list = try? HavenJSON.decoder(instants: .stored).decode([String].self, from: Data(text.utf8)) else {
                    throw StoreError.corrupt("an export request row is unreadable")
                }
                return Set(list)
            }
            return ExportRequest(id: id, requester: requester, filter: filter, recordCount: record_count, status: status,
                                 createdAt: createdAt, decidedBy: decided_by, decidedAt: decided_at.flatMap(Timestamp.date),
                                 completedAt: completed_at.flatMap(Timestamp.date), reach: reach, pinned: pinned == 1)
        }
    }
}
