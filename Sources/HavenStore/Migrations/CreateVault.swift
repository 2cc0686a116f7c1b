import SQLKit

/// The vault header (one row) and the wrapped keys.
struct CreateVault: Migration {
    let version = 1
    let name = "CreateVault"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "vault")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("header", type: .text, .notNull)
            .run()
        try await db.create(table: "vault_keys")
            .column("purpose", type: .text, .notNull)
            .column("compartment", type: .text, .notNull)
            .column("version", type: .bigint, .notNull)
            .column("wrapped", type: .text, .notNull)
            .primaryKey("purpose", "compartment", "version")
            .run()
    }
}

/// Current records and every earlier version of them.
struct CreateRecords: Migration {
    let version = 2
    let name = "CreateRecords"
    func prepare(on db: any SQLDatabase) async throws {
        for table in ["records", "record_versions"] {
            let builder = db.create(table: table)
                .column("id", type: .text, .notNull)
                .column("version", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("compartment", type: .text, .notNull)
                .column("key_version", type: .bigint, .notNull)
                .column("status", type: .text)
                .column("place_code", type: .text)
                .column("date_from", type: .text)
                .column("date_to", type: .text)
                .column("parent_id", type: .text)
                .column("type_code", type: .text)
                .column("deleted", type: .bigint, .notNull)
                .column("updated_at", type: .text, .notNull)
                .column("actor", type: .text, .notNull)
                .column("coded", type: .text, .notNull)
                .column("sealed", type: .text, .notNull)
            if table == "records" {
                try await builder.primaryKey("id").run()
            } else {
                try await builder.primaryKey("id", "version").run()
            }
        }
        try await db.create(index: "records_kind").on("records").column("kind").column("compartment").run()
        try await db.create(index: "records_parent").on("records").column("parent_id").run()
    }
}

/// Blind-index tokens for exact lookup of protected values.
struct CreateBlindIndex: Migration {
    let version = 3
    let name = "CreateBlindIndex"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "blind_index")
            .column("token", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .run()
        try await db.create(index: "blind_index_token").on("blind_index").column("token").run()
        try await db.create(index: "blind_index_record").on("blind_index").column("record_id").run()
    }
}

/// The append-only audit log and its latest signed head.
struct CreateAuditLog: Migration {
    let version = 4
    let name = "CreateAuditLog"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "audit_log")
            .column("seq", type: .bigint, .primaryKey(autoIncrement: false))
            .column("at", type: .text, .notNull)
            .column("actor", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("kind", type: .text, .notNull)
            .column("record_id", type: .text, .notNull)
            .column("version", type: .bigint, .notNull)
            .column("content_hash", type: .text, .notNull)
            .column("detail", type: .text, .notNull)
            .column("root", type: .text, .notNull)
            .column("signature", type: .text, .notNull)
            .run()
        try await db.create(table: "audit_head")
            .column("id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("size", type: .bigint, .notNull)
            .column("root", type: .text, .notNull)
            .column("signature", type: .text, .notNull)
            .run()
    }
}
