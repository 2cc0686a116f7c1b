import SQLKit

/// API tokens for scripts, by the SHA-256 of the token: like sessions, a copy of the database
/// holds no usable token. Each token is limited to a role and compartments no wider than its
/// owner's, checked again at every use.
struct CreateAPITokens: Migration {
    let version = 8
    let name = "CreateAPITokens"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "api_tokens")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("id", type: .text, .notNull, .unique)
            .column("account_id", type: .text, .notNull)
            .column("label", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("compartments", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("expires_at", type: .text, .notNull)
            .column("revoked_at", type: .text)
            .run()
        try await db.create(index: "api_tokens_account").on("api_tokens").column("account_id").run()
    }
}
