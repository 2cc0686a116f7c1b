import Foundation
public import HavenCore
import HavenCrypto
import SQLKit

/// How far a data-key rotation has come.
public struct KeyRotationProgress: Sendable, Equatable {
    /// Whether this call continued a rotation an earlier call began.
    public var resumed: Bool
    /// Rows sealed again by this call.
    public var resealed: Int
    /// Rows still under an older key version.
    public var remaining: Int
    /// The data-key version each compartment is now sealed under.
    public var versions: [String: Int]
    /// Whether every row is under the new versions and the old ones are gone.
    public var finished: Bool { remaining == 0 }
}

extension SQLStore {
    /// Seals every record, every earlier version and every account again under a new data-key
    /// version per compartment, in batches that each commit on their own, then deletes the old
    /// key versions.
    ///
    /// It can be killed at any point and run again: the state lives in the rows themselves.
    /// A call that finds rows under an older version than their compartment's newest continues
    /// that rotation instead of starting another. Run it with the server stopped: a running
    /// server knows only the key versions it unlocked with.
    public func rotateDataKeys(batchSize: Int = 500, maxBatches: Int? = nil,
                               progress: (@Sendable (_ done: Int, _ remaining: Int) -> Void)? = nil,
                               by actor: ActingIdentity) async throws -> KeyRotationProgress {
        try await exclusive {
            guard var unlocked = keys, codec != nil else { throw StoreError.locked }
            var current = unlocked.dataKeys.mapValues { $0.keys.max() ?? 1 }
            var remaining = try await staleRowCount(current)
            let resumed = remaining > 0
            if resumed {
                try await audit(.keysRotateResume, detail: "remaining=\(remaining)", by: actor)
            } else {
                // A new version for every compartment, stored before any row moves to it.
                var created: [WrappedKey] = []
                for (compartment, version) in current {
                    let (key, wrapped) = try unlocked.wrapper.newDataKey(compartment: compartment, version: version + 1)
                    unlocked.dataKeys[compartment, default: [:]][version + 1] = key
                    created.append(wrapped)
                }
                let (entries, next) = try signedEntries([AuditEvent(action: .keysRotateBegin, detail: "compartments=\(created.count)")], actor: actor)
                try await transaction(on: db) { [created] db in
                    for key in created { try await Self.insertKey(key, on: db) }
                    try await Self.append(entries, on: db)
                }
                frontier = next
                keys = unlocked
                installCodec()
                current = unlocked.dataKeys.mapValues { $0.keys.max() ?? 1 }
                remaining = try await staleRowCount(current)
            }
            var resealed = 0, batches = 0
            while remaining > 0 {
                if let maxBatches, batches >= maxBatches { break }
                let moved = try await resealBatch(current, keys: unlocked, limit: batchSize, by: actor)
                guard moved > 0 else { throw StoreError.corrupt("key rotation made no progress with \(remaining) rows left") }
                resealed += moved
                remaining -= moved
                batches += 1
                progress?(resealed, remaining)
            }
            if remaining == 0 {
                // Nothing is sealed under the old versions any more: retire them.
                let (entries, next) = try signedEntries([AuditEvent(action: .keysRotateDone, detail: "resealed=\(resealed)")], actor: actor)
                try await transaction(on: db) { [current] db in
                    for (compartment, version) in current {
                        try await db.delete(from: "vault_keys").where("purpose", .equal, SQLBind("data"))
                            .where("compartment", .equal, SQLBind(compartment)).where("version", .lessThan, SQLBind(version)).run()
                    }
                    try await Self.append(entries, on: db)
                }
                frontier = next
                for (compartment, version) in current { unlocked.dataKeys[compartment] = unlocked.dataKeys[compartment]?.filter { $0.key >= version } }
                keys = unlocked
                installCodec()
            }
            return KeyRotationProgress(resumed: resumed, resealed: resealed, remaining: remaining, versions: current)
        }
    }

    /// Rows sealed under an older key version than their compartment's newest.
    private func staleRowCount(_ current: [String: Int]) async throws -> Int {
        struct Count: Decodable { let n: Int }
        var total = 0
        for (compartment, version) in current {
            if compartment == Self.accountsCompartment {
                for table in ["accounts"] + Self.sealedUnderAccountsKey.map(\.table) {
                    total += try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                        .where("key_version", .lessThan, SQLBind(version)).first(decoding: Count.self)?.n ?? 0
                }
                continue
            }
            for table in ["records", "record_versions"] {
                total += try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                    .where("compartment", .equal, SQLBind(compartment)).where("key_version", .lessThan, SQLBind(version))
                    .first(decoding: Count.self)?.n ?? 0
            }
        }
        return total
    }

    /// Seals up to `limit` stale rows again, in one transaction with its audit entry.
    private func resealBatch(_ current: [String: Int], keys unlocked: UnlockedKeys, limit: Int, by actor: ActingIdentity) async throws -> Int {
        guard let codec else { throw StoreError.locked }
        for (compartment, version) in current.sorted(by: { $0.key < $1.key }) {
            guard let key = unlocked.dataKeys[compartment]?[version] else { throw StoreError.corrupt("no data key version \(version)") }
            if compartment == Self.accountsCompartment {
                let moved = try await resealAccounts(below: version, under: key, keys: unlocked, limit: limit, by: actor)
                if moved > 0 { return moved }
                for (table, context) in Self.sealedUnderAccountsKey {
                    let moved = try await resealSealedColumn(of: table, context: context, below: version, under: key, keys: unlocked, limit: limit, by: actor)
                    if moved > 0 { return moved }
                }
                continue
            }
            for table in ["records", "record_versions"] {
                let rows = try await Self.selectRows(from: table, on: db) {
                    $0.where("compartment", .equal, SQLBind(compartment)).where("key_version", .lessThan, SQLBind(version))
                        .orderBy("id").limit(limit)
                }
                guard !rows.isEmpty else { continue }
                let resealed = try rows.map { try codec.reseal($0, under: key) }
                let (entries, next) = try signedEntries(
                    [AuditEvent(action: .keysRotateBatch, detail: "table=\(table) rows=\(rows.count) version=\(version)")], actor: actor)
                try await transaction(on: db) { db in
                    for row in resealed {
                        try await db.update(table).set("sealed", to: SQLBind(row.sealed)).set("key_version", to: SQLBind(row.keyVersion))
                            .where("id", .equal, SQLBind(row.id.wire)).where("version", .equal, SQLBind(row.version)).run()
                    }
                    try await Self.append(entries, on: db)
                }
                frontier = next
                return rows.count
            }
        }
        return 0
    }

    private func resealAccounts(below version: Int, under key: DataKey, keys unlocked: UnlockedKeys, limit: Int,
                                by actor: ActingIdentity) async throws -> Int {
        struct Row: Decodable { let id: String; let version: Int; let key_version: Int; let sealed: String }
        let rows = try await db.select().columns("id", "version", "key_version", "sealed").from("accounts")
            .where("key_version", .lessThan, SQLBind(version)).orderBy("id").limit(limit).all(decoding: Row.self)
        guard !rows.isEmpty else { return 0 }
        let resealed = try rows.map { row -> (id: String, sealed: String) in
            guard let old = unlocked.dataKeys[Self.accountsCompartment]?[row.key_version], let bytes = Data(base64Encoded: row.sealed) else {
                throw StoreError.corrupt("an account's key version is unknown")
            }
            let plaintext: Data
            do {
                plaintext = try old.open(bytes, for: Self.accountContext(id: row.id, version: row.version, keyVersion: row.key_version))
            } catch {
                throw StoreError.corrupt("an account's sealed part failed to open")
            }
            let sealed = try key.seal(plaintext, for: Self.accountContext(id: row.id, version: row.version, keyVersion: key.version))
            return (row.id, sealed.base64EncodedString())
        }
        let (entries, next) = try signedEntries([AuditEvent(action: .keysRotateBatch, detail: "table=accounts rows=\(rows.count) version=\(version)")],
                                                actor: actor)
        try await transaction(on: db) { db in
            for row in resealed {
                try await db.update("accounts").set("sealed", to: SQLBind(row.sealed)).set("key_version", to: SQLBind(key.version))
                    .where("id", .equal, SQLBind(row.id)).run()
            }
            try await Self.append(entries, on: db)
        }
        frontier = next
        return rows.count
    }

    /// The tables beside `accounts` whose one `sealed` column is sealed under the accounts' key,
    /// each with how its rows' seal context is made: a rotation reseals them all.
    static let sealedUnderAccountsKey: [(table: String, context: @Sendable (String, Int) -> SealContext)] = [
        ("drafts", draftContext), ("import_batches", batchContext), ("import_mappings", mappingContext),
    ]

    /// Drafts, import batches and saved import mappings are sealed under the accounts' key and move with it, so that a
    /// rotation loses no form kept for someone whose session ended and no batch's source.
    private func resealSealedColumn(of table: String, context: (String, Int) -> SealContext, below version: Int, under key: DataKey,
                                    keys unlocked: UnlockedKeys, limit: Int, by actor: ActingIdentity) async throws -> Int {
        struct Row: Decodable { let id: String; let key_version: Int; let sealed: String }
        let rows = try await db.select().columns("id", "key_version", "sealed").from(table)
            .where("key_version", .lessThan, SQLBind(version)).orderBy("id").limit(limit).all(decoding: Row.self)
        guard !rows.isEmpty else { return 0 }
        let resealed = try rows.map { row -> (id: String, sealed: String) in
            guard let old = unlocked.dataKeys[Self.accountsCompartment]?[row.key_version], let bytes = Data(base64Encoded: row.sealed),
                  let plaintext = try? old.open(bytes, for: context(row.id, row.key_version)) else {
                throw StoreError.corrupt("a sealed part of \(table) failed to open")
            }
            return (row.id, try key.seal(plaintext, for: context(row.id, key.version)).base64EncodedString())
        }
        let (entries, next) = try signedEntries([AuditEvent(action: .keysRotateBatch, detail: "table=\(table) rows=\(rows.count) version=\(version)")],
                                                actor: actor)
        try await transaction(on: db) { db in
            for row in resealed {
                try await db.update(table).set("sealed", to: SQLBind(row.sealed)).set("key_version", to: SQLBind(key.version))
                    .where("id", .equal, SQLBind(row.id)).run()
            }
            try await Self.append(entries, on: db)
        }
        frontier = next
        return rows.count
    }
}
