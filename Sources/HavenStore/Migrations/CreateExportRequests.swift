import SQLKit

/// Requests for decrypted exports, with who asked, who decided and when: the two-person rule's
/// state. Filters hold record kinds and compartments only, never a protected value.
struct CreateExportRequests: Migration {
    let version = 7
    let name = "CreateExportRequests"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "export_requests")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("requester", type: .text, .notNull)
            .column("filter", type: .text, .notNull)
            .column("record_count", type: .bigint, .notNull)
            .column("status", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("decided_by", type: .text)
            .column("decided_at", type: .text)
            .column("completed_at", type: .text)
            .run()
    }
}
