import Foundation
import SQLKit

/// A PostgreSQL vault copied, table by table, into an SQLite vault of the same schema: how a
/// PostgreSQL vault is backed up, so that every backup is the same kind of file, opened, verified
/// and restored the same way; and back, when a backup is restored into PostgreSQL. Both schemas
/// come from the same migrations, and every column is text or an integer, so a row moves over
/// column by column without knowing the tables.
extension SQLStore {
    /// Rows read at a time: an attachment's row holds up to 10 MiB of content (sealed, as text),
    /// so a hundred keep a copy's memory bounded however the vault is made up.
    static let rowsAtATime = 100

    /// A table of the copy and its columns, each text or an integer.
    struct CopiedTable: Sendable {
        let name: String
        let columns: [(name: String, isInteger: Bool)]
    }

    /// Copies every table of this (PostgreSQL) vault into the empty SQLite vault at `path`,
    /// from one snapshot: a read-only REPEATABLE READ transaction sees the database as it was at
    /// its first statement, however many servers write meanwhile. Rows are read through a
    /// cursor, ``rowsAtATime`` at a time, and written in one SQLite transaction.
    func copyPostgres(into path: URL) async throws {
        let copy = try await SQLStore.open(.sqlite(path: path.path), logger: logger)
        do {
            let tables = try await Self.tables(ofSQLite: copy.db)
            let target = copy.db
            try await target.raw("BEGIN IMMEDIATE").run()
            // A connection of the copy's own: the snapshot is held for as long as the copy takes,
            // and the pool's connections go on serving the server's requests meanwhile.
            guard let pool = db as? PostgresPoolDatabase else { throw StoreError.database("a PostgreSQL copy needs a PostgreSQL vault") }
            try await pool.withOwnConnection { source in
                try await source.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
                do {
                    for table in tables {
                        try await Self.copy(table, from: source, to: target)
                    }
                    try await source.raw("COMMIT").run()
                } catch {
                    try? await source.raw("ROLLBACK").run()
                    throw error
                }
            }
            try await target.raw("COMMIT").run()
            try await copy.close()
        } catch {
            try? await copy.db.raw("ROLLBACK").run()
            try? await copy.close()
            throw error
        }
    }

    /// The tables of an SQLite vault, with their columns, leaving out the migration ledger (the
    /// copy's own, written when it was made, says the same).
    static func tables(ofSQLite db: any SQLDatabase) async throws -> [CopiedTable] {
        struct Table: Decodable { let name: String }
        struct Column: Decodable { let name: String, type: String }
        let names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .all(decoding: Table.self).map(\.name).filter { $0 != "haven_migrations" }
        var tables: [CopiedTable] = []
        for name in names {
            let columns = try await db.raw("SELECT name, type FROM pragma_table_info(\(bind: name)) ORDER BY cid").all(decoding: Column.self)
            tables.append(CopiedTable(name: name, columns: columns.map { ($0.name, $0.type.uppercased().contains("INT")) }))
        }
        return tables
    }

    /// Moves one table's rows from PostgreSQL, inside the callers' transactions.
    private static func copy(_ table: CopiedTable, from source: any SQLDatabase, to target: any SQLDatabase) async throws {
        let list = SQLList(table.columns.map { SQLIdentifier($0.name) })
        try await source.raw("DECLARE haven_copy NO SCROLL CURSOR FOR SELECT \(list) FROM \(ident: table.name)").run()
        while true {
            let rows = try await source.raw("FETCH \(literal: Self.rowsAtATime) FROM haven_copy").all()
            if rows.isEmpty { break }
            try await insert(rows, of: table, into: target)
        }
        try await source.raw("CLOSE haven_copy").run()
    }

    /// Copies every table of the SQLite vault `source` into this (PostgreSQL, empty) vault, in
    /// one transaction here: all of it or nothing.
    func copyIntoPostgres(from source: any SQLDatabase) async throws {
        let tables = try await Self.tables(ofSQLite: source)
        try await transaction(on: db) { target in
            for table in tables {
                let list = SQLList(table.columns.map { SQLIdentifier($0.name) })
                // Paged by rowid, each page starting after the last (an OFFSET would walk every
                // row before it again: quadratic at a million records). The backup's copy is
                // read by nothing else, so the pages see it whole.
                var after = Int.min
                while true {
                    let rows = try await source.raw("SELECT rowid AS haven_rowid, \(list) FROM \(ident: table.name) WHERE rowid > \(bind: after) ORDER BY rowid LIMIT \(literal: Self.rowsAtATime)").all()
                    guard let last = rows.last else { break }
                    try await Self.insert(rows, of: table, into: target)
                    after = try last.decode(column: "haven_rowid", as: Int.self)
                }
            }
        }
    }

    /// Writes rows read from the other engine (at most ``rowsAtATime``), each column as text or
    /// an integer, in one statement: SQLite takes 32,766 values a statement, PostgreSQL 65,535,
    /// and a vault's widest table has a dozen columns.
    private static func insert(_ rows: [any SQLRow], of table: CopiedTable, into target: any SQLDatabase) async throws {
        let insert = target.insert(into: table.name).columns(table.columns.map(\.name))
        for row in rows {
            insert.values(try table.columns.map { column -> any SQLExpression in
                if try row.decodeNil(column: column.name) { return SQLLiteral.null }
                return column.isInteger ? SQLBind(try row.decode(column: column.name, as: Int.self))
                                        : SQLBind(try row.decode(column: column.name, as: String.self))
            })
        }
        try await insert.run()
    }
}
