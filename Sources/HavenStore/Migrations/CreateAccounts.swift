import SQLKit

/// Accounts: sealed profile and credentials, a blind-index token of the user name for login,
/// and the plaintext state that access control and throttling read on every request.
struct CreateAccounts: Migration {
    let version = 5
    let name = "CreateAccounts"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "accounts")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .column("username_token", type: .text, .notNull, .unique)
            .column("role", type: .text, .notNull)
            .column("compartments", type: .text, .notNull)
            .column("disabled", type: .bigint, .notNull)
            .column("mfa_enrolled", type: .bigint, .notNull)
            .column("key_version", type: .bigint, .notNull)
            .column("sealed", type: .text, .notNull)
            .column("created_at", type: .text, .notNull)
            .column("updated_at", type: .text, .notNull)
            .run()
    }
}
