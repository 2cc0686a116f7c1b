import SQLKit

/// One versioned change to the schema. Migrations are registered in order and never edited
/// after they ship; a change is a new migration.
protocol Migration: Sendable {
    /// The migration's position; versions are applied in increasing order, once each.
    var version: Int { get }
    /// A name that says what it does.
    var name: String { get }
    /// Applies the change.
    func prepare(on db: any SQLDatabase) async throws
}

/// Applies the migrations a database has not yet had.
enum Migrator {
    static let all: [any Migration] = [
        CreateMigrationLedger(),
        CreateVault(),
        CreateRecords(),
        CreateBlindIndex(),
        CreateAuditLog(),
        CreateAccounts(),
        CreateSessions(),
        CreateExportRequests(),
        CreateAPITokens(),
        CreateDrafts(),
        CreateArrivalStatistics(),
        CreateExportItems(),
        AddAuditHeadSeal(),
        CreateImportBatches(),
        CreateImportMappings(),
        IndexAuditRecords(),
        CreateCompartmentLabels(),
    ]

    /// Applies every pending migration, each in its own transaction with its ledger row.
    static func migrate(_ db: any SQLDatabase, transaction: @Sendable (any SQLDatabase, @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws -> Void) async throws {
        try await CreateMigrationLedger().prepare(on: db)
        struct Applied: Decodable { let version: Int }
        let applied = Set(try await db.select().column("version").from("haven_migrations").all(decoding: Applied.self).map(\.version))
        for migration in all where !applied.contains(migration.version) {
            try await transaction(db) { db in
                try await migration.prepare(on: db)
                try await db.insert(into: "haven_migrations")
                    .columns("version", "name")
                    .values(SQLBind(migration.version), SQLBind(migration.name))
                    .run()
            }
        }
    }
}

struct CreateMigrationLedger: Migration {
    let version = 0
    let name = "CreateMigrationLedger"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "haven_migrations").ifNotExists()
            .column("version", type: .bigint, .primaryKey(autoIncrement: false))
            .column("name", type: .text, .notNull)
            .run()
    }
}
