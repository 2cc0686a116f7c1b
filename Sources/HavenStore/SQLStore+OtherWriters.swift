import Foundation
import HavenCore
import HavenCrypto
import SQLKit

/// Other processes writing to the same vault: a `haven` command beside a running server, or
/// several servers on one PostgreSQL. Each process keeps the records decrypted in memory and the
/// audit log's position (its Merkle frontier); the audit log is also the record of every write,
/// so reading the entries appended since this process last did tells it which records changed.
extension SQLStore {
    /// Brings this store up to date with what other processes wrote since it last looked: the
    /// audit entries appended meanwhile extend its frontier (checked against the signed, sealed
    /// head, as at unlock), and every record they wrote is read again into the index. Cheap
    /// when nothing moved: one read of the head row.
    public func followOtherWriters() async throws {
        try await exclusive {
            guard keys != nil else { return }
            try await catchUpWithAuditLog()
        }
    }

    /// Catches up with entries another process appended (see ``followOtherWriters()``); true
    /// when there were any.
    @discardableResult
    func catchUpWithAuditLog() async throws -> Bool {
        guard let sealer = keys?.headSealer, let vaultID = header?.vaultID else { throw StoreError.locked }
        // The head first: its entries were committed with it, so every one up to it is there.
        guard let head = try await loadHead(), head.size > frontier.size else { return false }
        let newer = try await loadAuditLog(from: frontier.size).prefix { $0.entry.seq < head.size }
        var next = frontier
        for stored in newer {
            guard stored.entry.seq == next.size else { throw StoreError.corrupt("the audit log has a gap at entry \(next.size)") }
            next.append(leafHash: stored.entry.leafHash)
        }
        guard next.size == head.size, TreeHead(size: next.size, root: next.root).rootHex == head.rootHex else {
            logger.critical("the audit log does not match its latest signed head; run `haven audit verify`")
            throw StoreError.corrupt("the audit log does not match its latest signed head; run `haven audit verify`")
        }
        // Every head written since this store unlocked carries the vault key's seal (unlocking
        // starts sealing where a vault had not): a head without one, or with another, was replaced.
        guard let seal = head.sealHex, sealer.isSeal(seal, vaultID: vaultID, size: head.size, rootHex: head.rootHex) else {
            logger.critical("the audit log's latest head is not the one Haven last wrote; run `haven audit verify` with the key")
            throw StoreError.corrupt("the audit log's latest head is not the one Haven sealed")
        }
        frontier = next
        // Another process may have ended a session, revoked a token or changed an account.
        credentials.forget()
        noteBackups(in: newer.lazy.map(\.entry))
        let written = Set(newer.compactMap { stored -> UUID? in
            let entry = stored.entry
            guard Self.recordWrites.contains(entry.action), !entry.kind.isEmpty else { return nil }
            return UUID(uuidString: entry.recordID)
        })
        try await reindex(written)
        return true
    }

    /// The actions whose entries name a record written (the others read, or concern accounts).
    static let recordWrites = Set([AuditAction.create, .update, .delete, .import].map(\.rawValue))

    /// Reads these records' current rows into the index again: changed ones replaced, deleted
    /// ones removed. A record sealed under a data key this process has not seen yet (another
    /// process made a compartment's key, or rotated it) has the keys read again first.
    func reindex(_ ids: Set<UUID>) async throws {
        guard !ids.isEmpty else { return }
        var rows: [SealedRow] = []
        let list = Array(ids)
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = list[start..<min(start + 500, list.count)].map(\.wire)
            rows += try await Self.selectRows(from: "records", on: db) { $0.where("id", .in, chunk) }
        }
        let current = Set(rows.map(\.id))
        for id in ids where !current.contains(id) { index.remove(id) }
        var reloaded = false
        for row in rows {
            if row.deleted { index.remove(row.id); continue }
            guard let codec else { throw StoreError.locked }
            do {
                index.upsert(try Self.anyStored(RecordTypes.type(for: row.kind), row, codec: codec))
            } catch StoreError.corrupt where !reloaded {
                reloaded = true
                try await reloadDataKeys()
                guard let codec = self.codec else { throw StoreError.locked }
                index.upsert(try Self.anyStored(RecordTypes.type(for: row.kind), row, codec: codec))
            }
        }
    }
}
