import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore
import Logging

/// The options every command that opens a vault shares.
struct VaultOptions: ParsableArguments {
    @Option(name: .long, help: "The vault's data directory (holds haven.sqlite).")
    var data: String?

    @Option(name: .long, help: "A PostgreSQL URL (postgres://user@host:port/db) instead of the embedded SQLite file.")
    var database: String?

    @Option(name: .customLong("key-file"), help: "Unlock with this key file (kept outside the data directory) instead of a passphrase.")
    var keyFile: String?

    @Option(name: .customLong("share-file"), help: "Unlock with key shares from `haven keys split`, one file per share (repeat).")
    var shareFiles: [String] = []

    @Flag(name: .customLong("key-shares"), help: "Unlock with key shares typed (or piped) one per line until enough are given.")
    var readShares = false

    /// Where the store lives.
    func location() throws -> StoreLocation {
        if let database {
            guard database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") else {
                throw ValidationError("--database must be a postgres:// URL")
            }
            return .postgres(url: database)
        }
        guard let data else { throw ValidationError("give --data DIR (or --database postgres://…)") }
        return .sqlite(path: URL(fileURLWithPath: data).appendingPathComponent("haven.sqlite").path)
    }

    /// The SQLite vault's file, or nil for a PostgreSQL vault.
    var sqlitePath: String? {
        guard database == nil, let data else { return nil }
        return URL(fileURLWithPath: data).appendingPathComponent("haven.sqlite").path
    }

    /// Opens the store without unlocking it.
    func openStore(creatingDirectory: Bool = false) async throws -> SQLStore {
        if let data, database == nil {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) {
                guard creatingDirectory else { throw CLIError("no vault at \(data): the directory does not exist; run `haven init --data \(data)` first") }
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } else if !isDirectory.boolValue {
                throw CLIError("\(data) is a file, not a directory")
            } else {
                // The vault's directory is its owner's alone, however it was made.
                try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: data)
            }
        }
        return try await SQLStore.open(try location(), logger: Logger(label: "haven.store"))
    }

    /// The master key for an existing vault: from the key file, or a passphrase read from the
    /// terminal (without echo) or from standard input.
    func masterKey(for header: VaultHeader) throws -> MasterKey {
        try Self.masterKey(keyFile: keyFile, shareFiles: shareFiles, readShares: readShares, vaultID: header.vaultID, scrypt: header.scrypt)
    }

    /// The master key of the vault `vaultID` from a key file, key shares (files, or typed), or
    /// its passphrase (`scrypt` nil: the vault opens with a key file only). Shared with the
    /// commands that open a backup, whose header names the vault and its passphrase parameters.
    static func masterKey(keyFile: String?, shareFiles: [String], readShares: Bool, vaultID: UUID,
                          scrypt: ScryptParameters?) throws -> MasterKey {
        if let keyFile { return try KeyFile.read(keyFile) }
        if readShares || !shareFiles.isEmpty { return try KeyShares.read(files: shareFiles, vaultID: vaultID) }
        guard let scrypt else {
            throw CLIError("this vault opens with a key file: give --key-file PATH")
        }
        let passphrase = try Passphrase.read(prompt: "Passphrase / 암호문: ")
        return try MasterKey.derive(passphrase: passphrase, parameters: scrypt)
    }

    /// Opens and unlocks the store, refusing a wrong key with a clear message.
    func unlockedStore(as identity: ActingIdentity) async throws -> SQLStore {
        try await unlocked(as: identity).store
    }

    /// Opens and unlocks the store, and returns the master key for commands that seal with it.
    func unlocked(as identity: ActingIdentity, indexing: Bool = true) async throws -> (store: SQLStore, master: MasterKey) {
        let store = try await openStore()
        do {
            guard let header = await store.header else {
                throw CLIError("no vault here yet: run `haven init` first")
            }
            let master = try masterKey(for: header)
            try await store.unlock(master: master, by: identity, indexing: indexing)
            return (store, master)
        } catch StoreError.wrongKey {
            try? await store.close()
            throw CLIError("wrong passphrase or key file: the vault was not unlocked and nothing was changed\n잘못된 암호문 또는 키 파일입니다. 보관소는 열리지 않았고 아무것도 바뀌지 않았습니다.")
        } catch {
            try? await store.close()
            throw error
        }
    }
}

extension VaultOptions {
    /// Runs `body` with the unlocked store and closes the store afterwards, whether or not
    /// `body` throws; with `indexing` false, without reading the records (see `SQLStore.unlock`).
    func withUnlocked<T: Sendable>(
        as identity: ActingIdentity, indexing: Bool = true, _ body: (SQLStore, MasterKey) async throws -> T
    ) async throws -> T {
        let (store, master) = try await unlocked(as: identity, indexing: indexing)
        do {
            let result = try await body(store, master)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Runs `body` with the store opened but locked (enough for the audit log, which needs no
    /// key) and closes it afterwards.
    func withLockedStore<T: Sendable>(_ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await openStore()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// An error the command line explains in plain words.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
