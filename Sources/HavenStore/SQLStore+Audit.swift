import Foundation
public import HavenCore
public import HavenCrypto
import SQLKit

extension SQLStore {
    /// Signs and seals an entry's tree head, advancing `frontier`.
    func signedEntry(_ entry: AuditEntry, frontier: inout MerkleFrontier, signer: AuditSigner,
                     sealer: AuditHeadSealer, vaultID: UUID) throws -> SignedAuditEntry {
        guard entry.seq == frontier.size else { throw StoreError.corrupt("audit entries are appended in order") }
        frontier.append(leafHash: entry.leafHash)
        let head = TreeHead(size: frontier.size, root: frontier.root)
        return SignedAuditEntry(entry: entry, rootHex: head.rootHex, signatureHex: try signer.sign(head).hexString,
                                headSealHex: sealer.seal(vaultID: vaultID, size: head.size, rootHex: head.rootHex))
    }

    /// Builds signed entries for a batch of actions, in order, without touching the store's frontier.
    func signedEntries(_ entries: [AuditEvent],
                       actor: ActingIdentity) throws -> (entries: [SignedAuditEntry], frontier: MerkleFrontier) {
        try signedEntries(entries.map { ($0, actor) })
    }

    /// Builds signed entries for actions of several actors, in order, without touching the store's frontier.
    func signedEntries(_ entries: [(event: AuditEvent, actor: ActingIdentity)]) throws -> (entries: [SignedAuditEntry], frontier: MerkleFrontier) {
        guard let signer = keys?.signer, let sealer = keys?.headSealer, let vaultID = header?.vaultID else { throw StoreError.locked }
        var next = frontier
        let at = timestamp()
        let signed = try entries.map { e, actor in
            // Where the request came from belongs to every entry it causes (the access log's "from where").
            let origin = actor.origin.map { "from=\($0)" }
            return try signedEntry(
                AuditEntry(seq: next.size, at: at, actor: actor.id, action: e.action.rawValue, kind: e.kind, recordID: e.recordID,
                           version: e.version, contentHash: e.contentHash,
                           detail: [e.detail, origin].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")),
                frontier: &next, signer: signer, sealer: sealer, vaultID: vaultID
            )
        }
        return (signed, next)
    }

    /// Another process (a `haven` command beside a running server, or another server on the
    /// same PostgreSQL) appended to the log since this store last did: its frontier is behind.
    struct AuditLogMoved: Error {}

    /// Appends signed entries and moves the latest head, inside the caller's transaction. The
    /// head row is read (and on PostgreSQL locked) first: when it is not where these entries
    /// begin, another process appended meanwhile, and ``AuditLogMoved`` rolls the transaction
    /// back so that the caller can catch up and write again, instead of colliding on a position.
    static func append(_ entries: [SignedAuditEntry], on db: any SQLDatabase) async throws {
        guard let first = entries.first, let last = entries.last else { return }
        struct Head: Decodable { let size: Int }
        let lock = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        let head = try await db.raw(SQLQueryString("SELECT size FROM audit_head\(unsafeRaw: lock)")).first(decoding: Head.self)
        if (head?.size ?? 0) != first.entry.seq { throw AuditLogMoved() }
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
        try await db.insert(into: "audit_head").columns("id", "size", "root", "signature", "seal")
            .values(SQLBind(1), SQLBind(last.entry.seq + 1), SQLBind(last.rootHex), SQLBind(last.signatureHex), SQLBind(last.headSealHex))
            .run()
    }

    /// Appends one audit entry for a read or another action that writes no record.
    func audit(_ action: AuditAction, kind: String = "", recordID: String = "", version: Int = 0, detail: String = "",
               by actor: ActingIdentity) async throws {
        let (entries, next) = try signedEntries([AuditEvent(action: action, kind: kind, recordID: recordID, version: version, detail: detail)],
                                                actor: actor)
        try await transaction(on: db) { db in try await Self.append(entries, on: db) }
        frontier = next
    }

    /// The action of the entry that starts sealing a vault's head: once it is in the log, a head
    /// without a seal is a head someone replaced.
    static let sealingStarted = AuditAction.auditSealed.rawValue

    /// Recomputes the frontier from the stored leaves, refusing to unlock over a log whose
    /// latest signed head does not match, or whose head's seal is not the master key's (a log
    /// cut short, its head copied from the last entry left). Answers whether sealing has still
    /// to start (a vault from before seals).
    func rebuildFrontier(sealer: AuditHeadSealer, vaultID: UUID) async throws -> (frontier: MerkleFrontier, startSealing: Bool) {
        let (entries, head) = try await loadLogWithHead()
        noteBackups(in: entries.lazy.map(\.entry))
        var rebuilt = MerkleFrontier()
        // Hashing the leaves is the CPU half of this; the tree itself is cheap.
        let leaves = Parallel.pieces(entries.count) { range in range.map { entries[$0].entry.leafHash } }.flatMap { $0 }
        for leaf in leaves { rebuilt.append(leafHash: leaf) }
        if let head, head.size != rebuilt.size || head.rootHex != TreeHead(size: rebuilt.size, root: rebuilt.root).rootHex {
            logger.critical("the audit log does not match its latest signed head; run `haven audit verify`")
            throw StoreError.corrupt("the audit log does not match its latest signed head; run `haven audit verify`")
        }
        if let problem = Self.sealProblem(head, log: entries, sealer: sealer, vaultID: vaultID) {
            logger.critical("the audit log's latest head is not the one Haven last wrote; run `haven audit verify` with the key")
            throw StoreError.corrupt(problem)
        }
        return (rebuilt, head?.sealHex == nil)
    }

    /// What is wrong with the head's seal, or nil when it is the master key's seal of the head
    /// (or the vault has not started sealing yet).
    static func sealProblem(_ head: StoredHead?, log: [SignedAuditEntry], sealer: AuditHeadSealer, vaultID: UUID) -> String? {
        guard let head else { return log.isEmpty ? nil : "the audit log has entries but no latest head" }
        guard let seal = head.sealHex else {
            return log.contains { $0.entry.action == sealingStarted }
                ? "the audit log's latest head has lost its seal: entries may have been removed from its end" : nil
        }
        return sealer.isSeal(seal, vaultID: vaultID, size: head.size, rootHex: head.rootHex) ? nil
            : "the audit log's latest head (\(head.size) entries) is not the one Haven last sealed: entries were removed from its end, or the head was replaced"
    }

    /// Records an action the store does not perform itself, such as splitting the master key
    /// or approving an export. The detail must hold ids and counts only, never a protected value.
    public func recordAction(_ action: AuditAction, detail: String = "", by actor: ActingIdentity) async throws {
        try await exclusive {
            _ = try requireUnlocked()
            try await audit(action, detail: detail, by: actor)
        }
    }

    /// Every audit entry, in order.
    public func auditLog() async throws -> [SignedAuditEntry] {
        try await exclusive { try await loadAuditLog() }
    }

    /// Checks the whole audit log: leaves, every tree head, the signatures of every 1,024th head
    /// and the last (every one with `everySignature`; ``AuditVerifier`` says why the others
    /// prove the log too) and the latest head. Needs no key: the public key is in the vault
    /// header. With the master key, also checks the latest head's seal, which catches a log cut
    /// short with its head copied from the last entry left.
    public func verifyAudit(master: MasterKey? = nil, everySignature: Bool = false) async throws -> AuditReport {
        try await exclusive {
            guard let header else { throw StoreError.notInitialised }
            let (entries, head) = try await loadLogWithHead()
            var report = AuditVerifier.verify(entries, publicKeyHex: header.auditPublicKeyHex,
                                              latestHead: head.map { ($0.size, $0.rootHex, $0.signatureHex) }, everySignature: everySignature)
            if report.problem == nil, let master {
                guard master.matches(keyCheck: header.keyCheck, vaultID: header.vaultID) else { throw StoreError.wrongKey }
                if let problem = Self.sealProblem(head, log: entries, sealer: AuditHeadSealer(master: master), vaultID: header.vaultID) {
                    report.problem = AuditProblem(seq: head?.size ?? entries.count, reason: problem)
                }
            }
            return report
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
                vaultID: header.vaultID.wire, head: TreeHead(size: head.size, root: Data(hex: head.rootHex) ?? Data()),
                issuedAt: last.entry.at, publicKeyHex: header.auditPublicKeyHex, signatureHex: head.signatureHex
            )
        }
    }

    /// The log and its latest head as they stood at one moment, while other processes may be
    /// appending (a `haven` command beside a running server, several servers on one PostgreSQL).
    /// The head is read first: its entries were committed with it, so all of them are there when
    /// the log is read. Entries beyond it are another process's appends committed in between —
    /// when a head read afterwards covers them, they are left for the next look (a store catches
    /// up with them, a verify run later checks them). Entries beyond it that no head covers were
    /// not written by Haven (each append moves the head in the same transaction), and stay, so
    /// that the comparison with the head finds them.
    func loadLogWithHead() async throws -> (entries: [SignedAuditEntry], head: StoredHead?) {
        let head = try await loadHead()
        let entries = try await loadAuditLog()
        let size = head?.size ?? 0
        guard entries.count > size, try await loadHead().map({ $0.size >= entries.count }) == true,
              entries.prefix(size).last.map({ $0.entry.seq == size - 1 }) ?? true else {
            return (entries, head)
        }
        return (Array(entries.prefix(size)), head)
    }

    /// The latest head as the head row holds it.
    struct StoredHead {
        let size: Int, rootHex: String, signatureHex: String, sealHex: String?
    }

    func loadHead() async throws -> StoredHead? {
        struct Row: Decodable { let size: Int; let root: String; let signature: String; let seal: String? }
        return try await db.select().columns("size", "root", "signature", "seal").from("audit_head")
            .first(decoding: Row.self).map { StoredHead(size: $0.size, rootHex: $0.root, signatureHex: $0.signature, sealHex: $0.seal) }
    }

    /// The audit entries from position `first` on (every entry by default), in order. Columns
    /// are read one by one rather than through a `Decodable` row: unlocking and verifying read
    /// the whole log, and the keyed decoder was a quarter of their time.
    func loadAuditLog(from first: Int = 0) async throws -> [SignedAuditEntry] {
        try await db.select()
            .columns("seq", "at", "actor", "action", "kind", "record_id", "version", "content_hash", "detail", "root", "signature")
            .from("audit_log").where("seq", .greaterThanOrEqual, SQLBind(first)).orderBy("seq")
            .all()
            .map { row in
                SignedAuditEntry(
                    entry: AuditEntry(
                        seq: try row.decode(column: "seq", as: Int.self), at: try row.decode(column: "at", as: String.self),
                        actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                        kind: try row.decode(column: "kind", as: String.self), recordID: try row.decode(column: "record_id", as: String.self),
                        version: try row.decode(column: "version", as: Int.self),
                        contentHash: try row.decode(column: "content_hash", as: String.self),
                        detail: try row.decode(column: "detail", as: String.self)
                    ),
                    rootHex: try row.decode(column: "root", as: String.self), signatureHex: try row.decode(column: "signature", as: String.self)
                )
            }
    }
}
