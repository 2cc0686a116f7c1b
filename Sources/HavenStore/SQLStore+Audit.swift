public import Foundation
public import HavenCore
public import HavenCrypto
import SQLKit

extension SQLStore {
    /// Signs an entry's tree head, advancing `frontier`.
    func signedEntry(_ entry: AuditEntry, frontier: inout MerkleFrontier, signer: AuditSigner) throws -> SignedAuditEntry {
        precondition(entry.seq == frontier.size, "audit entries are appended in order")
        frontier.append(leafHash: entry.leafHash)
        let head = TreeHead(size: frontier.size, root: frontier.root)
        return SignedAuditEntry(entry: entry, rootHex: head.rootHex, signatureHex: try signer.sign(head).hexString)
    }

    /// Builds signed entries for a batch of actions, in order, without touching the store's frontier.
    func signedEntries(_ entries: [(action: String, kind: String, recordID: String, version: Int, contentHash: String, detail: String)],
                       actor: ActingIdentity) throws -> (entries: [SignedAuditEntry], frontier: MerkleFrontier) {
        guard let signer = keys?.signer else { throw StoreError.locked }
        var next = frontier
        let at = timestamp()
        // Where the request came from belongs to every entry it causes (the access log's "from where").
        let origin = actor.origin.map { "from=\($0)" }
        let signed = try entries.map { e in
            try signedEntry(
                AuditEntry(seq: next.size, at: at, actor: actor.id, action: e.action, kind: e.kind, recordID: e.recordID,
                           version: e.version, contentHash: e.contentHash,
                           detail: [e.detail, origin].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")),
                frontier: &next, signer: signer
            )
        }
        return (signed, next)
    }

    /// Appends signed entries and moves the latest head, inside the caller's transaction.
    static func append(_ entries: [SignedAuditEntry], on db: any SQLDatabase) async throws {
        guard let last = entries.last else { return }
        for chunk in stride(from: 0, to: entries.count, by: 500).map({ entries[$0..<min($0 + 500, entries.count)] }) {
            let insert = db.insert(into: "audit_log").columns(
                "seq", "at", "actor", "action", "kind", "record_id", "version", "content_hash", "detail", "root", "signature")
            for s in chunk {
                let e = s.entry
                insert.values(SQLBind(e.seq), SQLBind(e.at), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.kind),
                              SQLBind(e.recordID), SQLBind(e.version), SQLBind(e.contentHash), SQLBind(e.detail),
                              SQLBind(s.rootHex), SQLBind(s.signatureHex))
            }
            try await insert.run()
        }
        try await db.delete(from: "audit_head").run()
        try await db.insert(into: "audit_head").columns("id", "size", "root", "signature")
            .values(SQLBind(1), SQLBind(last.entry.seq + 1), SQLBind(last.rootHex), SQLBind(last.signatureHex))
            .run()
    }

    /// Appends one audit entry for a read or another action that writes no record.
    func audit(_ action: String, kind: String = "", recordID: String = "", version: Int = 0, detail: String = "",
               by actor: ActingIdentity) async throws {
        let (entries, next) = try signedEntries([(action, kind, recordID, version, "", detail)], actor: actor)
        try await transaction(on: db) { db in try await Self.append(entries, on: db) }
        frontier = next
    }

    /// Recomputes the frontier from the stored leaves, refusing to unlock over a log whose
    /// latest signed head does not match.
    func rebuildFrontier() async throws -> MerkleFrontier {
        let entries = try await loadAuditLog()
        var rebuilt = MerkleFrontier()
        for stored in entries { rebuilt.append(leafHash: stored.entry.leafHash) }
        if let head = try await loadHead(), head.size != rebuilt.size || head.rootHex != TreeHead(size: rebuilt.size, root: rebuilt.root).rootHex {
            logger.critical("the audit log does not match its latest signed head; run `haven audit verify`")
            throw StoreError.corrupt("the audit log does not match its latest signed head; run `haven audit verify`")
        }
        return rebuilt
    }

    /// Records an action the store does not perform itself, such as splitting the master key
    /// or approving an export. The detail must hold ids and counts only, never a protected value.
    public func recordAction(_ action: String, detail: String = "", by actor: ActingIdentity) async throws {
        try await exclusive {
            _ = try requireUnlocked()
            try await audit(action, detail: detail, by: actor)
        }
    }

    /// Every audit entry, in order.
    public func auditLog() async throws -> [SignedAuditEntry] {
        try await exclusive { try await loadAuditLog() }
    }

    /// Checks the whole audit log: leaves, tree heads, signatures and the latest head.
    /// Needs no key: the public key is in the vault header.
    public func verifyAudit() async throws -> AuditReport {
        try await exclusive {
            guard let header else { throw StoreError.notInitialised }
            let entries = try await loadAuditLog()
            let head = try await loadHead()
            return AuditVerifier.verify(entries, publicKeyHex: header.auditPublicKeyHex,
                                        latestHead: head.map { ($0.size, $0.rootHex, $0.signatureHex) })
        }
    }

    /// A checkpoint of the log as it stands: the latest head, signed when its entry was written.
    public func checkpoint() async throws -> Checkpoint {
        try await exclusive {
            guard let header else { throw StoreError.notInitialised }
            guard let head = try await loadHead(), let last = try await loadAuditLog().last else {
                throw StoreError.corrupt("the audit log is empty")
            }
            return Checkpoint(
                vaultID: header.vaultID.lowercased, head: TreeHead(size: head.size, root: Data(hex: head.rootHex) ?? Data()),
                issuedAt: last.entry.at, publicKeyHex: header.auditPublicKeyHex, signatureHex: head.signatureHex
            )
        }
    }

    private func loadHead() async throws -> (size: Int, rootHex: String, signatureHex: String)? {
        struct Row: Decodable { let size: Int; let root: String; let signature: String }
        return try await db.select().columns("size", "root", "signature").from("audit_head")
            .first(decoding: Row.self).map { ($0.size, $0.root, $0.signature) }
    }

    func loadAuditLog() async throws -> [SignedAuditEntry] {
        struct Row: Decodable {
            let seq: Int, at: String, actor: String, action: String, kind: String, record_id: String
            let version: Int, content_hash: String, detail: String, root: String, signature: String
        }
        return try await db.select()
            .columns("seq", "at", "actor", "action", "kind", "record_id", "version", "content_hash", "detail", "root", "signature")
            .from("audit_log").orderBy("seq")
            .all(decoding: Row.self)
            .map {
                SignedAuditEntry(
                    entry: AuditEntry(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, kind: $0.kind,
                                      recordID: $0.record_id, version: $0.version, contentHash: $0.content_hash, detail: $0.detail),
                    rootHex: $0.root, signatureHex: $0.signature
                )
            }
    }
}
