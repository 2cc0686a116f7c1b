import SQLKit

/// Signed-in sessions, by the SHA-256 of their token: the token itself is never stored, so a
/// copy of the database signs nobody in.
struct CreateSessions: Migration {
    let version = 6
    let name = "CreateSessions"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("account_id", type: .text, .notNull)
            .column("scope", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("last_seen_at", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .run()
        try await db.create(index: "sessions_account").on("sessions").column("account_id").run()
    }
}
