import SQLKit

/// The records an export request was asked for, pinned by id and version, and the reach it was
/// asked with. An export is fixed when it is asked for: approval and download concern exactly
/// these versions, so that a download made later, or by a session with a wider reach than the
/// request's, cannot deliver more than was counted and approved.
struct CreateExportItems: Migration {
    let version = 11
    let name = "CreateExportItems"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "export_items")
            .column("request_id", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .column("version", type: .bigint, .notNull)
            .column("compartment", type: .text, .notNull)
            .primaryKey("request_id", "record_id")
            .run()
        // The requester's compartments when asked (a JSON array; null for an identity without
        // limits): who may see the request, and who may decide on it. A request made before
        // this migration has none and no pinned items, so it can no longer be downloaded.
        try await db.alter(table: "export_requests").column("reach", type: .text).run()
        try await db.alter(table: "export_requests").column("pinned", type: .int).run()
    }
}
