import SQLKit

/// An index on the access log's record column: a record's history names who wrote each
/// version, read by record id on every record page, which would otherwise scan a log that grows
/// by an entry per read (millions in a large vault).
struct IndexAuditRecords: Migration {
    let version = 15
    let name = "IndexAuditRecords"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(index: "audit_log_record").on("audit_log").column("record_id").run()
    }
}
