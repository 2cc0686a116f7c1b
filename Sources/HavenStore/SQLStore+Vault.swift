import Foundation
public import HavenCore
public import HavenCrypto
import SQLKit

extension SQLStore {
    /// Creates the vault: header, blind-index key and audit signing key, all wrapped by `master`.
    /// Pass `scrypt` when the master key came from a passphrase, nil for a key file.
    public func initialise(master: MasterKey, scrypt: ScryptParameters?, by actor: ActingIdentity) async throws {
        try await exclusive {
            guard header == nil else { throw StoreError.alreadyInitialised }
            let wrapper = KeyWrapper(master: master)
            let (indexer, wrappedIndex) = try wrapper.newBlindIndexKey()
            let (signer, wrappedSigner) = try wrapper.newAuditSigner()
            let vaultID = UUID()
            let newHeader = VaultHeader(
                vaultID: vaultID, createdAt: ISO8601DateFormatter().string(from: clock()), scrypt: scrypt,
                keyCheck: master.keyCheck(vaultID: vaultID), auditPublicKeyHex: signer.publicKeyHex
            )
            let headerJSON = String(decoding: try HavenJSON.encoder(instants: .stored).encode(newHeader), as: UTF8.self)
            let sealer = AuditHeadSealer(master: master)
            let unlocked = UnlockedKeys(wrapper: wrapper, dataKeys: [:], blindIndexer: indexer, signer: signer, headSealer: sealer)
            var newFrontier = MerkleFrontier()
            let at = timestamp()
            let entries = try [AuditEntry(seq: 0, at: at, actor: actor.id, action: "vault.init"),
                               AuditEntry(seq: 1, at: at, actor: actor.id, action: Self.sealingStarted)].map {
                try signedEntry($0, frontier: &newFrontier, signer: signer, sealer: sealer, vaultID: vaultID)
            }
            try await transaction(on: db) { db in
                try await db.insert(into: "vault").columns("id", "header").values(SQLBind(1), SQLBind(headerJSON)).run()
                for key in [wrappedIndex, wrappedSigner] { try await Self.insertKey(key, on: db) }
                try await Self.append(entries, on: db)
            }
            header = newHeader
            keys = unlocked
            frontier = newFrontier
            installCodec()
        }
    }

    /// Unlocks the vault with its master key: checks the key, opens the wrapped keys, checks the
    /// audit log's latest head and builds the in-memory index. A wrong key changes nothing.
    /// With `indexing` false the records are not read into the index: for a command that only
    /// copies the vault and writes to its log (`haven backup`), which at a million records would
    /// otherwise spend a minute and gigabytes decrypting records it never reads.
    public func unlock(master: MasterKey, by actor: ActingIdentity, indexing: Bool = true) async throws {
        let started = ContinuousClock.now
        try await exclusive {
            guard let header else { throw StoreError.notInitialised }
            guard master.matches(keyCheck: header.keyCheck, vaultID: header.vaultID) else { throw StoreError.wrongKey }
            let wrapper = KeyWrapper(master: master)
            var unlocked: UnlockedKeys?
            var dataKeys: [String: [Int: DataKey]] = [:]
            var indexer: BlindIndexer?
            var signer: AuditSigner?
            for stored in try await loadKeys() {
                switch stored.purpose {
                case "data": dataKeys[stored.compartment, default: [:]][stored.version] = try wrapper.dataKey(stored)
                case "blind-index": indexer = try wrapper.blindIndexer(stored)
                case "audit-signing": signer = try wrapper.auditSigner(stored)
                default: throw StoreError.corrupt("unknown key purpose")
                }
            }
            guard let indexer, let signer else { throw StoreError.corrupt("the vault's keys are incomplete") }
            guard signer.publicKeyHex == header.auditPublicKeyHex else {
                throw StoreError.corrupt("the audit signing key does not match the vault header")
            }
            let sealer = AuditHeadSealer(master: master)
            // Checked before the keys are kept: a vault whose log was cut short stays locked.
            let (rebuilt, startSealing) = try await rebuildFrontier(sealer: sealer, vaultID: header.vaultID)
            unlocked = UnlockedKeys(wrapper: wrapper, dataKeys: dataKeys, blindIndexer: indexer, signer: signer, headSealer: sealer)
            keys = unlocked
            installCodec()
            frontier = rebuilt
            if indexing { try await rebuildIndex() }
            // The unlock's own entry. When another process appended meanwhile the append is
            // refused; the store then catches up with what it appended (cheap) and signs again,
            // rather than reading the whole log and every record once more.
            for attempt in 1...Self.attemptsWhenTheLogMoves {
                let at = timestamp()
                var actions = [AuditEntry(seq: frontier.size, at: at, actor: actor.id, action: "unlock", detail: indexing ? "records=\(index.count)" : "records=not-read")]
                if startSealing {
                    actions.insert(AuditEntry(seq: frontier.size, at: at, actor: actor.id, action: Self.sealingStarted), at: 0)
                    actions[1].seq += 1
                }
                var next = frontier
                let entries = try actions.map { try signedEntry($0, frontier: &next, signer: signer, sealer: sealer, vaultID: header.vaultID) }
                do {
                    try await transaction(on: db) { db in try await Self.append(entries, on: db) }
                    frontier = next
                    break
                } catch is AuditLogMoved where attempt < Self.attemptsWhenTheLogMoves {
                    try await catchUpWithAuditLog()
                }
            }
        }
        lastUnlockDuration = ContinuousClock.now - started
    }

    /// Drops the keys and the decrypted index; the store serves nothing personal until unlocked again.
    public func lock() {
        keys = nil
        codec = nil
        openedAccounts = [:]
        credentials.forget()
    }

    func installCodec() {
        let snapshot = keys
        codec = RecordCodec { [snapshot] compartment, version in
            guard let snapshot else { throw StoreError.locked }
            if let version {
                guard let key = snapshot.dataKeys[compartment]?[version] else {
                    throw StoreError.corrupt("no data key version \(version) for compartment \(compartment)")
                }
                return key
            }
            guard let current = snapshot.dataKeys[compartment]?.max(by: { $0.key < $1.key })?.value else {
                throw StoreError.corrupt("no data key for compartment \(compartment)")
            }
            return current
        }
    }

    /// Makes sure the compartments have data keys, creating and storing new ones in `db`.
    /// Another process (a second server, a command) may have made a compartment's key since this
    /// one unlocked, or make it at the same moment: the stored keys are read first, a new key is
    /// stored only where none is, and the key kept is whichever the vault holds.
    func ensureDataKeys(for compartments: Set<String>, on db: any SQLDatabase) async throws {
        guard let known = keys?.dataKeys, compartments.contains(where: { known[$0] == nil }) else { return }
        try await reloadDataKeys()
        guard let unlocked = keys else { throw StoreError.locked }
        let created = try compartments.filter { unlocked.dataKeys[$0] == nil }
            .map { compartment in
                let (_, wrapped) = try unlocked.wrapper.newDataKey(compartment: compartment, version: 1)
                return wrapped
            }
        guard !created.isEmpty else { return }
        try await transaction(on: db) { [created] db in
            for key in created { try await Self.insertKey(key, on: db, ignoringOneAlreadyThere: true) }
        }
        try await reloadDataKeys()
    }

    /// Reads the compartments' data keys again, for records another process sealed under a key
    /// this one has not seen (a new compartment, or a rotation).
    func reloadDataKeys() async throws {
        guard var unlocked = keys else { throw StoreError.locked }
        for stored in try await loadKeys() where stored.purpose == "data" {
            unlocked.dataKeys[stored.compartment, default: [:]][stored.version] = try unlocked.wrapper.dataKey(stored)
        }
        keys = unlocked
        installCodec()
    }

    private func loadKeys() async throws -> [WrappedKey] {
        struct Row: Decodable { let purpose: String; let compartment: String; let version: Int; let wrapped: String }
        return try await db.select().columns("purpose", "compartment", "version", "wrapped").from("vault_keys")
            .all(decoding: Row.self)
            .map { row in
                guard let data = Data(base64Encoded: row.wrapped) else { throw StoreError.corrupt("a stored key is not base64") }
                return WrappedKey(purpose: row.purpose, compartment: row.compartment, version: row.version, wrapped: data)
            }
    }

    static func insertKey(_ key: WrappedKey, on db: any SQLDatabase, ignoringOneAlreadyThere: Bool = false) async throws {
        let insert = db.insert(into: "vault_keys").columns("purpose", "compartment", "version", "wrapped")
            .values(SQLBind(key.purpose), SQLBind(key.compartment), SQLBind(key.version), SQLBind(key.wrapped.base64EncodedString()))
        try await (ignoringOneAlreadyThere ? insert.ignoringConflicts() : insert).run()
    }

    private func rebuildIndex() async throws {
        guard let codec else { throw StoreError.locked }
        let rows = try await Self.selectRows(from: "records", on: db) {
            $0.where("deleted", .equal, SQLBind(0)).orderBy("updated_at")
        }
        // Opening (AES-GCM and JSON decoding) is most of the work of unlocking, then reading
        // each record's text and names for the index: use every core; only the postings are
        // added one record at a time.
        let prepared = try Parallel.map(rows) { row in
            SearchIndex.Prepared(try Self.anyStored(RecordTypes.type(for: row.kind), row, codec: codec))
        }
        for record in prepared { index.upsert(record) }
    }

    static func anyStored<R: Record>(_ type: R.Type, _ row: SealedRow, codec: RecordCodec) throws -> AnyStored {
        var record = try codec.open(type, row)
        // Attachment bytes stay on disk (sealed); the index holds the rest.
        if var attachment = record as? Attachment {
            attachment.content = Data()
            record = attachment as! R
        }
        return AnyStored(record: record, version: row.version, updatedAt: row.updatedAt)
    }

    func timestamp() -> String {
        Timestamp.string(clock())
    }
}
