import SQLKit

/// Forms whose session ended before they were saved: sealed like accounts (under the
/// `_accounts` data key), kept for their account only, and for a week at most.
struct CreateDrafts: Migration {
    let version = 9
    let name = "CreateDrafts"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "drafts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull)
            .column("path", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("key_version", type: .int, .notNull)
            .column("sealed", type: .text, .notNull)
            .run()
        try await db.create(index: "drafts_account").on("drafts").column("account_id").run()
    }
}
