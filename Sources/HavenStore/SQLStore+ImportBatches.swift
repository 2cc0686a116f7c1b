public import Foundation
public import HavenCore
import HavenCrypto
import SQLKit

/// What an import batch keeps about where its records came from: sealed under the accounts' key,
/// because a file's name or a sheet's may be a person's.
public struct ImportBatchSource: Codable, Sendable, Equatable {
    /// The file's name as it was uploaded or given on the command line.
    public var fileName: String
    /// The file's SHA-256, hex: which file it was, without keeping the file.
    public var fileSHA256: String
    /// The sheet read.
    public var sheet: String
    /// The mapping, as its JSON.
    public var mapping: String

    /// Describes a source.
    public init(fileName: String, fileSHA256: String, sheet: String, mapping: String) {
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.sheet = sheet
        self.mapping = mapping
    }
}

/// One import of a spreadsheet: all its records were written together, and can be undone together.
public struct ImportBatch: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var createdAt: Date
    /// The acting identity that ran it.
    public var createdBy: String
    /// The sheet's data rows.
    public var rows: Int
    /// The records written.
    public var records: Int
    /// Where they came from.
    public var source: ImportBatchSource
    /// When it was undone, and by whom.
    public var undoneAt: Date?
    public var undoneBy: String?
}

extension SQLStore {
    static func batchContext(id: String, keyVersion: Int) -> SealContext {
        SealContext(table: "import_batches", recordID: id, field: "source", keyVersion: keyVersion)
    }

    /// Writes an import's records, all or none, in one transaction with the batch's own rows:
    /// every record audited as imported, and one entry for the batch with its row and record
    /// counts (its file's name stays sealed in the batch, out of the log).
    public func importBatch(_ records: [any Record], rows: Int, source: ImportBatchSource, by actor: ActingIdentity) async throws -> ImportBatch {
        try await exclusive {
            _ = try requireUnlocked()
            try await ensureDataKeys(for: [Self.accountsCompartment], on: db)
            let id = UUID()
            let key = try accountKey(version: nil)
            let sealed = try key.seal(try HavenJSON.encoder(instants: .stored).encode(source),
                                      for: Self.batchContext(id: id.wire, keyVersion: key.version)).base64EncodedString()
            let now = clock()
            let ids = records.map(\.id.wire)
            let event = AuditEvent(action: .importBatch, kind: "import", recordID: id.wire,
                                   detail: "rows=\(rows) records=\(records.count) file=sha256:\(source.fileSHA256.prefix(16))")
            let actorID = actor.id
            _ = try await validatedWrite(records, action: .`import`, by: actor, also: [event]) { db in
                try await db.insert(into: "import_batches")
                    .columns("id", "created_at", "created_by", "row_count", "record_count", "key_version", "sealed")
                    .values(SQLBind(id.wire), SQLBind(Timestamp.string(now)), SQLBind(actorID), SQLBind(rows), SQLBind(ids.count),
                            SQLBind(key.version), SQLBind(sealed))
                    .run()
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
                    let insert = db.insert(into: "import_batch_records").columns("batch_id", "record_id")
                    for record in chunk { insert.values(SQLBind(id.wire), SQLBind(record)) }
                    try await insert.run()
                }
            }
            return ImportBatch(id: id, createdAt: now, createdBy: actorID, rows: rows, records: records.count, source: source)
        }
    }

    /// Every import batch, newest first, with its source opened.
    public func importBatches() async throws -> [ImportBatch] {
        try await exclusive {
            _ = try requireUnlocked()
            struct Row: Decodable {
                let id: String, created_at: String, created_by: String, row_count: Int, record_count: Int, key_version: Int, sealed: String
                let undone_at: String?, undone_by: String?
            }
            let rows = try await db.select().columns("id", "created_at", "created_by", "row_count", "record_count", "key_version", "sealed", "undone_at", "undone_by")
                .from("import_batches").orderBy("created_at", .descending).all(decoding: Row.self)
            return try rows.map { row in
                let key = try accountKey(version: row.key_version)
                guard let id = UUID(uuidString: row.id), let createdAt = Timestamp.date(row.created_at), let bytes = Data(base64Encoded: row.sealed),
                      let opened = try? key.open(bytes, for: Self.batchContext(id: row.id, keyVersion: row.key_version)),
                      let source = try? HavenJSON.decoder(instants: .stored).decode(ImportBatchSource.self, from: opened) else {
                    throw StoreError.corrupt("an import batch's sealed part failed to open")
                }
                return ImportBatch(id: id, createdAt: createdAt, createdBy: row.created_by, rows: row.row_count, records: row.record_count, source: source,
                                   undoneAt: row.undone_at.flatMap(Timestamp.date), undoneBy: row.undone_by)
            }
        }
    }

    /// Undoes a batch, all or nothing: each of its records still kept is deleted (a new version
    /// that keeps its sealed history, as any deletion), the batch is marked undone, and the log
    /// says who undid it. A record of the batch outside the actor's compartments stops the undo.
    /// Returns how many records were deleted (records already deleted by hand are passed over).
    public func undoImportBatch(_ id: UUID, by actor: ActingIdentity) async throws -> Int {
        try await exclusive {
            let codec = try requireUnlocked()
            struct Batch: Decodable { let undone_at: String? }
            guard let batch = try await db.select().column("undone_at").from("import_batches").where("id", .equal, SQLBind(id.wire))
                .first(decoding: Batch.self), batch.undone_at == nil else {
                throw StoreError.noSuchImportBatch
            }
            struct Member: Decodable { let record_id: String }
            let members = try await db.select().column("record_id").from("import_batch_records").where("batch_id", .equal, SQLBind(id.wire))
                .all(decoding: Member.self).compactMap { UUID(uuidString: $0.record_id) }
            var writes: [AnyRecordWrite] = []
            for member in members {
                guard let current = try await Self.currentRow(id: member, on: db), !current.deleted else { continue }
                guard actor.reaches(current.compartment) else {
                    throw StoreError.forbidden("the batch holds records outside your compartments; nothing was undone")
                }
                let record = try Self.open(RecordTypes.type(for: current.kind), current, codec: codec)
                writes.append(AnyRecordWrite(record: record, version: current.version + 1, action: .delete, deleted: true))
            }
            let now = Timestamp.string(clock())
            let actorID = actor.id
            let event = AuditEvent(action: .importUndo, kind: "import", recordID: id.wire, detail: "records=\(writes.count)")
            _ = try await write(writes, by: actor, also: [event]) { db in
                try await db.update("import_batches").set("undone_at", to: SQLBind(now)).set("undone_by", to: SQLBind(actorID))
                    .where("id", .equal, SQLBind(id.wire)).run()
            }
            return writes.count
        }
    }
}
