import SQLKit

/// Imports of spreadsheets as batches: who ran one and when, how many rows and records, its file
/// and mapping sealed like accounts (a file name may be a person's), and every record it made,
/// so that the whole batch can be undone.
struct CreateImportBatches: Migration {
    let version = 13
    let name = "CreateImportBatches"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "import_batches")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .text, .notNull)
            .column("created_by", type: .text, .notNull)
            .column("row_count", type: .int, .notNull)
            .column("record_count", type: .int, .notNull)
            .column("key_version", type: .int, .notNull)
            .column("sealed", type: .text, .notNull)
            .column("undone_at", type: .text)
            .column("undone_by", type: .text)
            .run()
        try await db.create(table: "import_batch_records")
            .column("batch_id", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .run()
        try await db.create(index: "import_batch_records_batch").on("import_batch_records").column("batch_id").run()
    }
}
