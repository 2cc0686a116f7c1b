import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// The pool's database with one difference: a statement is never sent on a connection that has
/// closed.
///
/// PostgresNIO 1.33 hands a statement to its channel without a promise for the write, so on a
/// channel that has already closed (PostgreSQL killed between two statements of a transaction,
/// the ROLLBACK after a lost statement) the write fails unseen and the statement never answers:
/// the store operation waiting for it held the store's turn for good, and the server stopped
/// answering until restarted. Checking `isClosed` on the connection's event loop, in the same
/// turn of the loop as the write, leaves no gap: the channel closes only on that loop.
///
/// Unchecked: AsyncKit's pool is not marked Sendable, but hands out connections from any thread
/// (each event loop's pool is touched only on its loop), as PostgresKit's own database over it does.
struct PostgresPoolDatabase: SQLDatabase, @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    /// The pool as SQLKit sees it, for what does not depend on a connection (the dialect).
    let base: any SQLDatabase

    init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>, logger: Logger) {
        self.pool = pool
        self.base = pool.database(logger: logger).sql(queryLogLevel: nil)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        // The pool checks the connection it hands out, but the statement may be written in a
        // later turn of the loop than the check.
        pool.withConnection(logger: logger) { connection in GuardedSession(connection: connection).execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await pool.withConnection(logger: logger) { connection in
            connection.eventLoop.makeFutureWithTask { try await closure(GuardedSession(connection: connection)) }
        }.get()
    }

    /// A connection of its own, outside the pool, and how to close it: for a transaction the store
    /// holds open across several of its own steps (see ``SQLStore/holdingTheLog(_:)``).
    func openConnection() async throws -> (db: any SQLDatabase, close: @Sendable () async -> Void) {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let connection = try await pool.source.makeConnection(logger: logger, on: loop).get()
        return (GuardedSession(connection: connection), { try? await connection.close().get() })
    }

    /// Runs `closure` on a connection of its own, opened for it and closed after it, outside the
    /// pool: for work that holds a connection for minutes (a backup's snapshot). The pool keeps
    /// one connection per event loop, and a request waiting for one held that long would time out.
    func withOwnConnection<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let (connection, close) = try await openConnection()
        do {
            let result = try await closure(connection)
            await close()
            return result
        } catch {
            await close()
            throw error
        }
    }
}

/// One leased connection, each statement sent only while it is open (see ``PostgresPoolDatabase``).
private struct GuardedSession: SQLDatabase {
    let connection: PostgresConnection
    var base: any SQLDatabase { connection.sql(queryLogLevel: nil) }

    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let connection = connection
        return connection.eventLoop.flatSubmit {
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(PostgresConnectionLost()) }
            return connection.sql(queryLogLevel: nil).execute(sql: query, onRow)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R: Sendable>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

/// A session's connection to PostgreSQL closed before its next statement was sent.
struct PostgresConnectionLost: Error {}
