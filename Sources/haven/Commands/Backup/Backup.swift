import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven backup`: a sealed copy of the vault, made while the server runs; `haven backup verify`
/// checks one without restoring it.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write an encrypted backup of the vault while it is in use, or check one (verify).",
        discussion: """
        The backup is one consistent copy of the whole vault (records, accounts, audit log), sealed
        under a key derived from the vault's master key: it opens only with the passphrase, the key
        file or enough key shares, and nothing of it is ever written unsealed except the working copy,
        which lives beside the vault's own file, in a private directory, only while the backup is made.
        It names the audit head it holds; restoring checks the log against it. Keep backups in three
        copies, on two kinds of media, one away from the office, and keep the key shares apart from
        them: a backup is useless without its key (docs/deployment.md).

        Examples:
          haven backup --data /srv/haven --key-file /media/usb/haven.key --output /media/backup/haven-2026-12-06.havenbackup
          haven backup verify --key-file /media/usb/haven.key /media/backup/haven-2026-12-06.havenbackup
        """,
        subcommands: [BackupMake.self, BackupVerify.self],
        defaultSubcommand: BackupMake.self
    )
}

struct BackupMake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "make", abstract: "Write an encrypted backup of the vault (the default).")

    @OptionGroup var vault: VaultOptions
    @Option(help: "The backup file to write (replaced when it exists).") var output: String

    func run() async throws {
        // The copy is of the database; no record is read, so none is decrypted.
        let summary = try await vault.withUnlocked(as: .localOperator, indexing: false) { store, master in
            do {
                return try await store.backup(to: URL(fileURLWithPath: output), master: master, vaultPath: vault.sqlitePath, by: .localOperator)
            } catch let error as BackupError {
                throw CLIError(error.description)
            }
        }
        print("Backup written / 백업을 썼습니다: \(output) — \(summary.auditEntries) audit entries, root \(summary.auditRootHex.prefix(16))…")
    }
}

struct BackupVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a backup without restoring it: every part opens and its audit log verifies.",
        discussion: """
        Needs the vault's key: its key file, key shares, or its passphrase (asked for). Exits 1 when
        anything is wrong.

        Example:
          haven backup verify --key-file /media/usb/haven.key /media/backup/haven-2026-12-06.havenbackup
        """
    )

    @OptionGroup var key: BackupKeyOptions
    @Argument(help: "The backup file.") var file: String

    func run() async throws {
        do {
            let summary = try await SQLStore.verifyBackup(URL(fileURLWithPath: file), master: try key.masterKey(for: file))
            print("OK: the backup of vault \(summary.vaultID) made \(summary.createdAt) opens, and its \(summary.auditEntries) audit entries verify")
        } catch let error as BackupError {
            print("FAILED: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `haven restore`: a backup opened into a new data directory and checked.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore an encrypted backup into a new, empty data directory (or PostgreSQL database) and verify it.",
        discussion: """
        Never overwrites a vault: the directory must not exist or be empty, the PostgreSQL database must
        hold no vault. The audit log restored is checked against the head the backup names; on any
        failure nothing is left there. A backup of either engine restores into either. Then start it
        with `haven serve --data NEWDIR` (or `--database URL`).

        Examples:
          haven restore --key-file /media/usb/haven.key --data /srv/haven-restored /media/backup/haven-2026-12-06.havenbackup
          haven restore --key-file /media/usb/haven.key --database postgres://haven@db.internal/haven_restored FILE
        """
    )

    @OptionGroup var key: BackupKeyOptions
    @Option(help: "The new data directory.") var data: String?
    @Option(help: "An empty PostgreSQL database to restore into instead (postgres://user@host:port/database).") var database: String?
    @Argument(help: "The backup file.") var file: String

    func validate() throws {
        guard (data == nil) != (database == nil) else { throw ValidationError("give --data NEWDIR or --database postgres://…, one of them") }
        if let database, !(database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")) {
            throw ValidationError("--database must be a postgres:// URL")
        }
    }

    func run() async throws {
        do {
            let master = try key.masterKey(for: file)
            let summary = if let database {
                try await SQLStore.restoreBackup(URL(fileURLWithPath: file), intoPostgres: database, master: master)
            } else {
                try await SQLStore.restoreBackup(URL(fileURLWithPath: file), into: URL(fileURLWithPath: data ?? ""), master: master)
            }
            let place = data ?? "the PostgreSQL database"
            print("Restored / 복원했습니다: vault \(summary.vaultID) as of \(summary.createdAt) into \(place); its \(summary.auditEntries) audit entries verify")
        } catch let error as BackupError {
            print("FAILED: \(error)")
            throw ExitCode(1)
        }
    }
}

/// The key a backup opens with, as a vault's: its key file, enough key shares, or its
/// passphrase (the backup keeps the vault's passphrase parameters, which are not secret).
struct BackupKeyOptions: ParsableArguments {
    @Option(name: .customLong("key-file"), help: "The vault's key file.") var keyFile: String?
    @Option(name: .customLong("share-file"), help: "Key shares from `haven keys split`, one file per share (repeat).") var shareFiles: [String] = []
    @Flag(name: .customLong("key-shares"), help: "Key shares typed (or piped) one per line until enough are given.") var readShares = false

    func masterKey(for file: String) throws -> MasterKey {
        let summary: BackupSummary
        do { summary = try SQLStore.backupSummary(URL(fileURLWithPath: file)) } catch let error as BackupError { throw CLIError(error.description) }
        guard let vault = summary.vault else { throw CLIError("the backup's header names no vault") }
        let master = try VaultOptions.masterKey(keyFile: keyFile, shareFiles: shareFiles, readShares: readShares, vaultID: vault,
                                                scrypt: summary.scrypt)
        guard summary.opens(with: master) else {
            throw CLIError("wrong passphrase or key: it does not open this backup\n잘못된 암호문 또는 키입니다. 이 백업을 열 수 없습니다.")
        }
        return master
    }
}
