public import Foundation
public import HavenCore
import HavenCrypto
import SQLKit

/// An import mapping saved under a name, to map the next file of the same shape.
public struct SavedImportMapping: Sendable, Equatable, Identifiable {
    public var id: UUID
    /// The name it was saved under (unique: saving again under a name replaces it).
    public var name: String
    /// The mapping, as its JSON (``HavenImport``'s `ImportMapping`; the store does not read it).
    public var mapping: String
    public var savedAt: Date
    /// The acting identity that saved it.
    public var savedBy: String
}

extension SQLStore {
    /// The longest name a mapping is saved under, in characters.
    public static let mappingNameLimit = 200
    /// The largest mapping kept, in bytes of JSON (a mapping is some hundred columns and words).
    public static let mappingSizeLimit = 1 << 20

    static func mappingContext(id: String, keyVersion: Int) -> SealContext {
        SealContext(table: "import_mappings", recordID: id, field: "mapping", keyVersion: keyVersion)
    }

    private struct SealedMapping: Codable { var name: String; var mapping: String }

    /// Saves a mapping under a name, replacing one saved under the same name; audited, without
    /// the name (it is sealed with the mapping).
    @discardableResult
    public func saveImportMapping(name: String, mapping: String, by actor: ActingIdentity) async throws -> SavedImportMapping {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.mappingNameLimit).contains(name.count) else {
            throw StoreError.invalid(ValidationError(problems: [.init(field: "name", message: "a mapping's name has 1 to \(Self.mappingNameLimit) characters")]))
        }
        guard mapping.utf8.count <= Self.mappingSizeLimit else {
            throw StoreError.invalid(ValidationError(problems: [.init(field: "mapping", message: "a mapping is at most \(Self.mappingSizeLimit) bytes")]))
        }
        return try await exclusive {
            _ = try requireUnlocked()
            try await ensureDataKeys(for: [Self.accountsCompartment], on: db)
            let replaced = try await openMappings().first { $0.name == name }
            let id = replaced?.id ?? UUID()
            let key = try accountKey(version: nil)
            let sealed = try key.seal(try HavenJSON.encoder().encode(SealedMapping(name: name, mapping: mapping)),
                                      for: Self.mappingContext(id: id.wire, keyVersion: key.version)).base64EncodedString()
            let now = clock()
            let (entries, next) = try signedEntries([AuditEvent(action: .importMappingSave, kind: "import-mapping", recordID: id.wire,
                                                                detail: replaced == nil ? "new" : "replaced")], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "import_mappings").where("id", .equal, SQLBind(id.wire)).run()
                try await db.insert(into: "import_mappings").columns("id", "saved_at", "saved_by", "key_version", "sealed")
                    .values(SQLBind(id.wire), SQLBind(Timestamp.string(now)), SQLBind(actor.id), SQLBind(key.version), SQLBind(sealed))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            return SavedImportMapping(id: id, name: name, mapping: mapping, savedAt: now, savedBy: actor.id)
        }
    }

    /// Every saved mapping, by name.
    public func importMappings() async throws -> [SavedImportMapping] {
        try await exclusive {
            _ = try requireUnlocked()
            return try await openMappings()
        }
    }

    /// Removes a saved mapping (imports made with it keep their own copy); audited.
    public func deleteImportMapping(_ id: UUID, by actor: ActingIdentity) async throws {
        try await exclusive {
            _ = try requireUnlocked()
            struct Row: Decodable { let id: String }
            guard try await db.select().column("id").from("import_mappings").where("id", .equal, SQLBind(id.wire)).first(decoding: Row.self) != nil else {
                throw StoreError.noSuchImportMapping
            }
            let (entries, next) = try signedEntries([AuditEvent(action: .importMappingDelete, kind: "import-mapping", recordID: id.wire)], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "import_mappings").where("id", .equal, SQLBind(id.wire)).run()
                try await Self.append(entries, on: db)
            }
            frontier = next
        }
    }

    private func openMappings() async throws -> [SavedImportMapping] {
        struct Row: Decodable { let id: String; let saved_at: String; let saved_by: String; let key_version: Int; let sealed: String }
        let rows = try await db.select().columns("id", "saved_at", "saved_by", "key_version", "sealed").from("import_mappings").all(decoding: Row.self)
        return try rows.map { row in
            let key = try accountKey(version: row.key_version)
            guard let id = UUID(uuidString: row.id), let savedAt = Timestamp.date(row.saved_at), let bytes = Data(base64Encoded: row.sealed),
                  let opened = try? key.open(bytes, for: Self.mappingContext(id: row.id, keyVersion: row.key_version)),
                  let sealed = try? HavenJSON.decoder().decode(SealedMapping.self, from: opened) else {
                throw StoreError.corrupt("a saved import mapping failed to open")
            }
            return SavedImportMapping(id: id, name: sealed.name, mapping: sealed.mapping, savedAt: savedAt, savedBy: row.saved_by)
        }
        .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }
}
