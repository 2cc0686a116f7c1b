import SQLKit

/// Import mappings saved under a name, to be used again for the next file of the same shape.
/// The name and the mapping are sealed like accounts: a mapping names an organisation's
/// columns, and its value lists may hold words of its records.
struct CreateImportMappings: Migration {
    let version = 14
    let name = "CreateImportMappings"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "import_mappings")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("saved_at", type: .text, .notNull)
            .column("saved_by", type: .text, .notNull)
            .column("key_version", type: .int, .notNull)
            .column("sealed", type: .text, .notNull)
            .run()
    }
}
