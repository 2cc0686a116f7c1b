public import Foundation
public import HavenCore
public import HavenCrypto
import Logging
import SQLKit

/// What a backup holds, from its header: which vault, when, and the audit log it contains.
public struct BackupSummary: Sendable, Equatable, Codable {
    public var format = "haven-backup-v1"
    public var vaultID: String
    public var createdAt: String
    /// How many audit entries the backup holds, and the signed root after the last.
    public var auditEntries: Int
    public var auditRootHex: String
    /// The salt of the backup's key (random per backup), hex.
    public var saltHex: String
    /// How the vault's passphrase becomes its key (nil for a key-file vault), and the value
    /// that recognises the key: not secrets, kept so that a backup opens without its vault.
    public var scrypt: ScryptParameters?
    public var keyCheckHex: String

    /// The vault's id.
    public var vault: UUID? { UUID(uuidString: vaultID) }

    /// Whether `master` is the key of the vault the backup holds.
    public func opens(with master: MasterKey) -> Bool {
        guard let vault, let check = Data(hex: keyCheckHex) else { return false }
        return master.matches(keyCheck: check, vaultID: vault)
    }
}

/// A backup that cannot be made, read or restored, with the reason in words.
public struct BackupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Encrypted backups of a vault: a consistent copy taken while the server runs (`VACUUM INTO`,
/// which reads one snapshot, or a PostgreSQL vault's snapshot copied into an SQLite vault by
/// ``copyPostgres(into:)``), sealed whole under a key derived from the master
/// key (``BackupSealer``) and written beside nothing in the clear. The file starts with
/// `HAVENBK1`, the header's length and the header (JSON: ``BackupSummary``), which every chunk
/// authenticates; then the sealed chunks, each with its length.
extension SQLStore {
    static let backupMagic = Data("HAVENBK1".utf8)

    /// Writes a sealed backup of the vault to `output` (through a temporary file beside it,
    /// renamed when complete) and records it in the audit log. The copy it is made from is
    /// written in a private directory beside the vault's file (`vaultPath`, SQLite) or in the
    /// system's temporary directory (PostgreSQL, `vaultPath` nil) and removed at once.
    public func backup(to output: URL, master: MasterKey, vaultPath: String?, by actor: ActingIdentity) async throws -> BackupSummary {
        guard let header else { throw StoreError.notInitialised }
        guard master.matches(keyCheck: header.keyCheck, vaultID: header.vaultID) else { throw StoreError.wrongKey }
        let beside = vaultPath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() } ?? FileManager.default.temporaryDirectory
        let work = beside.appendingPathComponent(".backup-\(UUID().wire)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("haven.sqlite")
        switch engine {
        case .sqlite:
            // One snapshot of the whole database, however many writers run meanwhile (other
            // processes' included); this process's own writes wait for it.
            try await exclusive { try await db.raw("VACUUM INTO \(bind: copy.path)").run() }
        case .postgres:
            // One snapshot too, copied into an SQLite vault, so that every backup is the same
            // kind of file; the server goes on writing meanwhile.
            try await copyPostgres(into: copy)
        }
        let head = try await Self.auditHead(ofCopy: copy, logger: logger)
        let summary = BackupSummary(vaultID: header.vaultID.wire, createdAt: Timestamp.string(clock()), auditEntries: head.size,
                                    auditRootHex: head.rootHex, saltHex: BackupSealer.randomSalt().hexString, scrypt: header.scrypt,
                                    keyCheckHex: header.keyCheck.hexString)
        try Self.seal(copy, to: output, summary: summary, master: master)
        try await exclusive {
            _ = try requireUnlocked()
            try await audit(.backupMade, detail: "entries=\(head.size) root=\(head.rootHex.prefix(16))", by: actor)
            lastBackupAt = max(lastBackupAt ?? .distantPast, clock())
        }
        return summary
    }

    /// Opens a backup into `directory` (new or empty) as `haven.sqlite` and checks its audit log
    /// against the head the backup names; nothing is left there when anything fails.
    public static func restoreBackup(_ file: URL, into directory: URL, master: MasterKey) async throws -> BackupSummary {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty else {
                throw BackupError("\(directory.path) is not an empty directory: a restore never overwrites a vault")
            }
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let path = directory.appendingPathComponent("haven.sqlite")
        do {
            let summary = try unseal(file, to: path, master: master)
            try await check(path, summary: summary, master: master)
            return summary
        } catch {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
            throw error
        }
    }

    /// Opens a backup into the PostgreSQL database at `url`, which must hold no vault, and
    /// checks it there: the backup's vault is checked first (in a private temporary
    /// directory, removed at once), copied in one transaction, then its audit log verified in
    /// PostgreSQL against the head the backup names; when that fails, the copy is removed again.
    public static func restoreBackup(_ file: URL, intoPostgres url: String, master: MasterKey) async throws -> BackupSummary {
        let logger = Logger(label: "haven.backup")
        let summary = try await withCheckedCopy(of: file, master: master) { path, summary in
            let target = try await SQLStore.open(.postgres(url: url), logger: logger)
            do {
                guard await target.header == nil else {
                    throw BackupError("the PostgreSQL database already holds a vault: a restore never overwrites one")
                }
                let source = try await SQLStore.open(.sqlite(path: path.path), logger: logger, migrating: false)
                do {
                    try await target.copyIntoPostgres(from: source.db)
                    try await source.close()
                } catch {
                    try? await source.close()
                    throw error
                }
                try await target.close()
            } catch {
                try? await target.close()
                throw error
            }
            return summary
        }
        let restored = try await SQLStore.open(.postgres(url: url), logger: logger)
        do {
            try await restored.verify(summary, master: master)
            try await restored.close()
        } catch {
            try? await restored.removeEveryRow()
            try? await restored.close()
            throw error
        }
        return summary
    }

    /// Checks a backup without restoring it: every chunk opens, and the vault inside verifies,
    /// its audit log ending at the head the backup names. The copy it opens lives in a private
    /// temporary directory, removed at once.
    public static func verifyBackup(_ file: URL, master: MasterKey) async throws -> BackupSummary {
        try await withCheckedCopy(of: file, master: master) { _, summary in summary }
    }

    /// Opens a backup into a private temporary directory, checks it (``check(_:summary:master:)``),
    /// hands the vault's file to `body`, and removes the directory.
    private static func withCheckedCopy<T: Sendable>(of file: URL, master: MasterKey,
                                                     _ body: (URL, BackupSummary) async throws -> T) async throws -> T {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("haven-backup-check-\(UUID().wire)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: work) }
        let path = work.appendingPathComponent("haven.sqlite")
        let summary = try unseal(file, to: path, master: master)
        try await check(path, summary: summary, master: master)
        return try await body(path, summary)
    }

    /// The vault in `path` belongs to the backup's vault, opens with the key, and its audit log
    /// verifies and ends at the head the backup names.
    private static func check(_ path: URL, summary: BackupSummary, master: MasterKey) async throws {
        // Opened as `haven serve` would open it (brought to this version's schema, its header read).
        let store = try await SQLStore.open(.sqlite(path: path.path), logger: Logger(label: "haven.backup"))
        do {
            try await store.verify(summary, master: master)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// This vault is the backup's, and its audit log verifies and ends at the head the backup names.
    private func verify(_ summary: BackupSummary, master: MasterKey) async throws {
        guard let header, header.vaultID.wire == summary.vaultID else {
            throw BackupError("the backup holds another vault than its header names")
        }
        let report = try await verifyAudit(master: master)
        if let problem = report.problem { throw BackupError("the audit log in the backup does not verify: \(problem)") }
        guard report.entries == summary.auditEntries, report.head.rootHex == summary.auditRootHex else {
            throw BackupError("the backup's audit log ends at \(report.entries) entries, not at the \(summary.auditEntries) its header names")
        }
    }

    /// Empties every table but the migration ledger: a restore into PostgreSQL that did not
    /// verify leaves nothing behind.
    private func removeEveryRow() async throws {
        struct Table: Decodable { let table_name: String }
        let tables = try await db.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            .all(decoding: Table.self).map(\.table_name).filter { $0 != "haven_migrations" }
        try await transaction(on: db) { db in
            for table in tables { try await db.raw("DELETE FROM \(ident: table)").run() }
        }
    }

    /// The signed head of the audit log in a copy of the database.
    private static func auditHead(ofCopy path: URL, logger: Logger) async throws -> (size: Int, rootHex: String) {
        let store = try await SQLStore.open(.sqlite(path: path.path), logger: logger, migrating: false)
        let head = try await store.loadHead()
        try await store.close()
        guard let head else { throw BackupError("the vault has no audit log yet") }
        return (head.size, head.rootHex)
    }

    /// Seals the file at `source` to `output`, chunk by chunk, through `output.partial`.
    private static func seal(_ source: URL, to output: URL, summary: BackupSummary, master: MasterKey) throws {
        let headerData = try JSONEncoder().encode(summary)
        guard let salt = Data(hex: summary.saltHex) else { throw BackupError("bad salt") }
        let sealer = BackupSealer(master: master, salt: salt, header: headerData)
        let partial = output.appendingPathExtension("partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError("cannot write \(partial.path)")
        }
        do {
            let reader = try FileHandle(forReadingFrom: source)
            let writer = try FileHandle(forWritingTo: partial)
            defer { try? reader.close(); try? writer.close() }
            try writer.write(contentsOf: backupMagic + Self.bigEndian(UInt32(headerData.count)) + headerData)
            var index: UInt64 = 0
            var chunk = try reader.read(upToCount: BackupSealer.chunkSize) ?? Data()
            while true {
                let next = try reader.read(upToCount: BackupSealer.chunkSize) ?? Data()
                let sealed = try sealer.seal(chunk, index: index, last: next.isEmpty)
                try writer.write(contentsOf: Self.bigEndian(UInt32(sealed.count)) + sealed)
                if next.isEmpty { break }
                chunk = next
                index += 1
            }
            try writer.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        if FileManager.default.fileExists(atPath: output.path) { try FileManager.default.removeItem(at: output) }
        try FileManager.default.moveItem(at: partial, to: output)
    }

    /// Opens a backup file to `path`, chunk by chunk; its header, read and authenticated.
    static func unseal(_ file: URL, to path: URL, master: MasterKey) throws -> BackupSummary {
        let reader = try FileHandle(forReadingFrom: file)
        defer { try? reader.close() }
        let (summary, headerData) = try readHeader(reader, file)
        guard summary.opens(with: master), let salt = Data(hex: summary.saltHex) else {
            throw BackupError("that key does not open this backup: it is another vault's")
        }
        let sealer = BackupSealer(master: master, salt: salt, header: headerData)
        guard FileManager.default.createFile(atPath: path.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError("cannot write \(path.path)")
        }
        let writer = try FileHandle(forWritingTo: path)
        defer { try? writer.close() }
        var index: UInt64 = 0
        var sealed = try readChunk(reader)
        guard sealed != nil else { throw BackupError("the backup holds no data: it was cut short") }
        while let current = sealed {
            let next = try readChunk(reader)
            do {
                try writer.write(contentsOf: try sealer.open(current, index: index, last: next == nil))
            } catch is HavenCryptoError {
                throw BackupError("chunk \(index) of the backup does not open: the key is not this vault's, or the file was changed or cut short")
            }
            sealed = next
            index += 1
        }
        try writer.synchronize()
        return summary
    }

    /// What a backup holds, from its header alone (no key needed: it names no person).
    public static func backupSummary(_ file: URL) throws -> BackupSummary {
        let reader = try FileHandle(forReadingFrom: file)
        defer { try? reader.close() }
        return try readHeader(reader, file).summary
    }

    private static func readHeader(_ reader: FileHandle, _ file: URL) throws -> (summary: BackupSummary, data: Data) {
        guard try reader.read(upToCount: backupMagic.count) == backupMagic else { throw BackupError("\(file.lastPathComponent) is not a Haven backup") }
        let headerLength = try readLength(reader, limit: 64 * 1024)
        guard let headerData = try reader.read(upToCount: headerLength), headerData.count == headerLength,
              let summary = try? JSONDecoder().decode(BackupSummary.self, from: headerData), summary.format == "haven-backup-v1" else {
            throw BackupError("the backup's header cannot be read")
        }
        return (summary, headerData)
    }

    private static func readChunk(_ reader: FileHandle) throws -> Data? {
        guard let lengthBytes = try reader.read(upToCount: 4), !lengthBytes.isEmpty else { return nil }
        guard lengthBytes.count == 4 else { throw BackupError("the backup was cut short") }
        let length = lengthBytes.reduce(0) { $0 << 8 | Int($1) }
        guard length <= BackupSealer.chunkSize + 16, let chunk = try reader.read(upToCount: length), chunk.count == length else {
            throw BackupError("the backup was cut short or changed")
        }
        return chunk
    }

    private static func readLength(_ reader: FileHandle, limit: Int) throws -> Int {
        guard let bytes = try reader.read(upToCount: 4), bytes.count == 4 else { throw BackupError("the backup was cut short") }
        let length = bytes.reduce(0) { $0 << 8 | Int($1) }
        guard length <= limit else { throw BackupError("the backup's header is too large") }
        return length
    }

    private static func bigEndian(_ value: UInt32) -> Data { withUnsafeBytes(of: value.bigEndian) { Data($0) } }
}
