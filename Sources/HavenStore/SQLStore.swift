public import Foundation
import HavenCore
import HavenCrypto
public import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// Where the store keeps its data.
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite file (the embedded default).
    case sqlite(path: String)
    /// A PostgreSQL database, by `postgres://user:password@host:port/database` URL.
    case postgres(url: String)
}

/// The keys available once the vault is unlocked.
struct UnlockedKeys: @unchecked Sendable {
    // `@unchecked`: DataKey, BlindIndexer and AuditSigner are immutable value wrappers; the
    // dictionary is only mutated from the store actor.
    var wrapper: KeyWrapper
    var dataKeys: [String: [Int: DataKey]]
    var blindIndexer: BlindIndexer
    var signer: AuditSigner
    /// Seals the latest audit head (see ``AuditHeadSealer``).
    var headSealer: AuditHeadSealer
}

/// Haven's store, written once against SQLKit for SQLite and PostgreSQL.
///
/// Records are sealed field by field before they reach the database; the decrypted view lives
/// only in memory, in the search index built at unlock. Every write and every read of
/// protected data appends a signed entry to the audit log in the same transaction.
public actor SQLStore: Repository {
    nonisolated let db: any SQLDatabase
    let engine: Engine
    let logger: Logger
    private let shutdown: @Sendable () async throws -> Void
    let gate = SerialGate()
    let auditQueue = AuditQueue()
    let credentials = CredentialCache()
    /// The transaction in which this store holds the audit log's head, while it does (see
    /// ``holdingTheLog(_:)``): every transaction the operation starts joins it.
    var heldLog: (any SQLDatabase)?
    let clock: @Sendable () -> Date

    /// The vault header, once a vault exists.
    public internal(set) var header: VaultHeader?
    var keys: UnlockedKeys?
    var frontier = MerkleFrontier()
    let index = SearchIndex()
    var codec: RecordCodec?
    /// Accounts as last opened, with the row each was opened from (see `openAccount`).
    var openedAccounts: [String: (row: AccountRow, account: StoredAccount)] = [:]

    enum Engine: Sendable { case sqlite, postgres }

    init(db: any SQLDatabase, engine: Engine, logger: Logger, clock: @escaping @Sendable () -> Date,
         shutdown: @escaping @Sendable () async throws -> Void) {
        self.db = db
        self.engine = engine
        self.logger = logger
        self.clock = clock
        self.shutdown = shutdown
    }

    /// Opens (and migrates) the database at `location`. The store starts locked.
    public static func open(
        _ location: StoreLocation, logger: Logger = Logger(label: "haven.store"),
        clock: @escaping @Sendable () -> Date = Date.init
    ) async throws -> SQLStore {
        try await open(location, logger: logger, clock: clock, migrating: true)
    }

    static func open(
        _ location: StoreLocation, logger: Logger = Logger(label: "haven.store"),
        clock: @escaping @Sendable () -> Date = Date.init, migrating: Bool
    ) async throws -> SQLStore {
        // SQL statements are never logged: binds can hold sealed values and ids.
        var quiet = logger
        quiet.logLevel = .warning
        let store: SQLStore
        switch location {
        case .sqlite(let path):
            try restrictToOwner(databaseAt: path)
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: quiet)
            let db = connection.sql(queryLogLevel: nil)
            store = SQLStore(db: db, engine: .sqlite, logger: logger, clock: clock) { try await connection.close() }
            try await store.configureSQLite()
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError.database("the PostgreSQL URL could not be read; expected postgres://user@host:port/database")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 1, logger: quiet, on: MultiThreadedEventLoopGroup.singleton
            )
            let db = PostgresPoolDatabase(pool: pool, logger: quiet)
            let owner = PoolOwner(pool: pool)
            store = SQLStore(db: db, engine: .postgres, logger: logger, clock: clock) { try await owner.shutdown() }
        }
        guard migrating else { return store }
        do {
            try await store.migrate()
            try await store.loadHeader()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// Makes the database file readable by its owner only (0600), creating it so when it is new:
    /// SQLite creates files with the process's umask (0644 here), and gives its `-wal` and
    /// `-shm` files the database file's mode. Sealed as the content is, the file still shows
    /// who was recorded when, and by how much; it is nobody else's to read.
    static func restrictToOwner(databaseAt path: String) throws {
        let files = FileManager.default
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.database("the database file could not be created at \(path)")
            }
        }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] where files.fileExists(atPath: file) {
            try? files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// Closes the database. The in-memory index and keys are dropped.
    public func close() async throws {
        keys = nil
        codec = nil
        openedAccounts = [:]
        credentials.forget()
        try await shutdown()
    }

    /// Whether the vault is unlocked.
    public var isUnlocked: Bool { keys != nil }

    /// Whether the store answers: unlocked, and the database reads its audit head. For the
    /// health check; never throws.
    public func answers() async -> Bool {
        guard keys != nil else { return false }
        do {
            return try await exclusive {
                struct Head: Decodable { let size: Int }
                _ = try await db.raw("SELECT size FROM audit_head").first(decoding: Head.self)
                return true
            }
        } catch {
            return false
        }
    }

    /// How many current records the in-memory index holds.
    public var indexedRecordCount: Int { index.count }

    /// How many entries the audit log holds, as this process last appended or read it.
    public var auditLogSize: Int { frontier.size }

    /// How long the last unlock took (decrypting every record and building the index), for
    /// the operator's metrics; nil until the store is unlocked.
    public internal(set) var lastUnlockDuration: Duration?

    /// When the newest backup in the audit log was made (by this process, a `haven backup`
    /// beside it, or another server), for the operator's metrics; nil when there is none.
    public internal(set) var lastBackupAt: Date?

    /// Notes the backups among audit entries this store has just read or written.
    func noteBackups(in entries: some Sequence<AuditEntry>) {
        for entry in entries where entry.action == AuditAction.backupMade.rawValue {
            if let at = Timestamp.date(entry.at), at > (lastBackupAt ?? .distantPast) { lastBackupAt = at }
        }
    }

    private func configureSQLite() async throws {
        // WAL for concurrent readers, FULL so a committed write survives power loss, and
        // secure_delete so freed pages are zeroed.
        // busy_timeout: a `haven` command writing beside a running server waits for the other's
        // transaction instead of failing at once.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA secure_delete = ON", "PRAGMA foreign_keys = ON",
                       "PRAGMA busy_timeout = 10000"] {
            try await db.raw(SQLQueryString(pragma)).run()
        }
    }

    /// The SQLite `synchronous` setting in force (2 = FULL); nil on PostgreSQL.
    public func sqliteSynchronous() async throws -> Int? {
        guard engine == .sqlite else { return nil }
        struct Row: Decodable { let synchronous: Int }
        return try await db.raw("PRAGMA synchronous").first(decoding: Row.self)?.synchronous
    }

    private func migrate() async throws {
        try await Migrator.migrate(db) { db, body in try await self.transaction(on: db, body) }
    }

    private func loadHeader() async throws {
        struct Row: Decodable { let header: String }
        guard let row = try await db.select().column("header").from("vault").where("id", .equal, SQLBind(1))
            .first(decoding: Row.self) else { return }
        header = try HavenJSON.decoder(instants: .stored).decode(VaultHeader.self, from: Data(row.header.utf8))
    }

    /// Runs `body` in one transaction on one connection (within the held one while the store
    /// holds the log: that one commits or rolls back for both).
    func transaction<T: Sendable>(on db: any SQLDatabase, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let heldLog { return try await body(heldLog) }
        let begin = engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await db.withSession { session in
            try await session.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(session)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// How many times an operation is tried when other processes append to the audit log first.
    static let attemptsWhenTheLogMoves = 20

    /// Runs `body` with the gate held, so that no other store operation interleaves.
    func exclusive<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await gate.enter()
        defer { gate.leave() }
        return try await explained {
            // Another process appended to the audit log: its transaction rolled this one back
            // whole. Catch up and do it again; several servers writing hard may each win a few
            // times in a row, so a few attempts, then once more holding the log.
            for attempt in 1..<Self.attemptsBeforeHoldingTheLog {
                do {
                    return try await body()
                } catch is AuditLogMoved {
                    try await catchUpWithAuditLog()
                    // A pause of random length, growing with the attempts, so that two servers
                    // that keep colliding stop doing it in step.
                    try await Task.sleep(for: .microseconds(Int.random(in: 0...(500 * attempt))))
                }
            }
            // A process that appends steadily would win every race between this one's catching
            // up and its writing: hold the log's head while doing both.
            return try await holdingTheLog(body)
        }
    }

    /// How many times an operation is tried before it holds the log (``holdingTheLog(_:)``).
    static let attemptsBeforeHoldingTheLog = 4

    /// Runs `body` inside one transaction that holds the audit log's head from the start: the
    /// SQLite database's write lock (`BEGIN IMMEDIATE`), or a lock on PostgreSQL's head table,
    /// taken on a connection of its own. No other process can append meanwhile, so the store
    /// catches up once and `body`'s appends find the log where it left it; `body`'s transactions
    /// join this one. Other processes' appends wait for it, as they wait for any append.
    func holdingTheLog<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let session: any SQLDatabase
        let close: @Sendable () async -> Void
        if engine == .postgres, let pool = db as? PostgresPoolDatabase {
            (session, close) = try await pool.openConnection()
        } else {
            (session, close) = (db, {})
        }
        do {
            try await session.raw(SQLQueryString(engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
            // Not `SELECT … FOR UPDATE`: an append replaces the head row, and a lock taken on
            // the row being replaced ends with it. EXCLUSIVE mode lets reads through and makes
            // every other append (whose `FOR UPDATE` asks for ROW SHARE) wait.
            if engine == .postgres { try await session.raw("LOCK TABLE audit_head IN EXCLUSIVE MODE").run() }
            heldLog = session
            let result: T
            do {
                try await catchUpWithAuditLog()
                result = try await body()
            } catch is AuditLogMoved {
                throw StoreError.busy
            }
            heldLog = nil
            try await session.raw("COMMIT").run()
            await close()
            return result
        } catch {
            heldLog = nil
            try? await session.raw("ROLLBACK").run()
            await close()
            throw error
        }
    }

    /// Runs one statement without waiting for the gate (a session's row, looked up on every
    /// request), its errors explained as ``exclusive(_:)`` explains them. On SQLite's one
    /// connection it may run inside the transaction of the operation holding the gate, and is
    /// aborted if that one rolls back; keep it to single reads whose answer may be refused.
    func unserialised<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await explained(body)
    }

    /// Turns what `body` throws into a ``StoreError`` that names no value.
    private func explained<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as HavenCryptoError {
            throw StoreError.corrupt(error.description)
        } catch is DecodingError {
            throw StoreError.corrupt("stored data did not decode")
        } catch {
            // Driver errors can quote statements and values; only their type (and SQLite's
            // result code, which names no value) is passed on.
            var metadata: Logger.Metadata = ["error-type": "\(type(of: error))"]
            if let sqlite = error as? SQLiteError { metadata["sqlite-result"] = "\(sqlite.reason)" }
            if let reason = Unavailability.reason(error) {
                logger.warning("database unavailable", metadata: metadata.merging(["reason": "\(reason)"]) { $1 })
                throw StoreError.unavailable(reason)
            }
            logger.error("database operation failed", metadata: metadata)
            throw StoreError.database("the database operation failed (\(type(of: error)))")
        }
    }
}

/// Owns the PostgreSQL pool for the store's lifetime and shuts it down once: when the store is
/// closed, or, failing that, when the store goes away unclosed (a command or test that threw
/// before closing it). AsyncKit asserts that a pool is shut down before it is released, so a
/// store dropped unclosed would otherwise stop a debug process. The pool is thread-safe (it
/// guards its state with its event loops) but is not annotated `Sendable`.
private final class PoolOwner: @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    private let lock = NSLock()
    private var shutDown = false

    init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>) {
        self.pool = pool
    }

    /// Whether this call is the one that shuts the pool down.
    private func claimShutdown() -> Bool {
        lock.withLock {
            defer { shutDown = true }
            return !shutDown
        }
    }

    /// Closes every connection; a second call does nothing.
    func shutdown() async throws {
        guard claimShutdown() else { return }
        try await pool.shutdownAsync()
    }

    deinit {
        // Without waiting: the pool keeps itself alive until its connections are closed.
        if claimShutdown() { pool.shutdownGracefully { _ in } }
    }
}
