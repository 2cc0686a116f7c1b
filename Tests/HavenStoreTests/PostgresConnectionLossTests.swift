import Foundation
import HavenCore
import PostgresKit
@testable import HavenStore
import SQLKit
import Testing

/// A PostgreSQL connection lost in the middle of a transaction. PostgresNIO sent the next
/// statement (the ROLLBACK, or the transaction's next step) into the closed channel and never
/// answered it, so the store operation waiting for it held the store's turn for good: killing
/// PostgreSQL under load stopped the server until it was restarted.
struct PostgresConnectionLossTests {
    @Test(arguments: Engine.available.filter { $0 == .postgres })
    func aStatementAfterTheConnectionWasLostFailsAsUnavailableAndThePoolRecovers(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let db = store.db
        let outcome = await answer(within: .seconds(60)) {
            try await db.withSession { session in
                // The server ends this very connection (as it does for every connection when it
                // is killed or shut down).
                _ = try? await session.raw("SELECT pg_terminate_backend(pg_backend_pid())").run()
                // Long enough for the channel to close and its handlers to go, which is when a
                // statement written to it was lost (this waits; it times nothing).
                try await Task.sleep(for: .milliseconds(300))
                try await session.raw("SELECT 1").run()
            }
        }
        guard let outcome else {
            Issue.record("the statement sent after the connection was lost never answered")
            return
        }
        guard case .failure(let error) = outcome else {
            Issue.record("a statement on a closed connection succeeded")
            return
        }
        #expect(Unavailability.reason(error) != nil, "a lost connection is the database unavailable (503), not a bug (500)")
        // The pool opens a new connection, and the store works on.
        _ = try await store.create(Event(title: "가상 연결 뒤 기록"), by: .localOperator)
        #expect(try await store.auditLog().count > 0)
        try await store.close()
    }

    /// A store dropped without being closed (a command or test that threw first) shuts its pool
    /// down instead of tripping AsyncKit's assertion, which stopped the whole test process.
    @Test(arguments: Engine.available.filter { $0 == .postgres })
    func aStoreDroppedUnclosedShutsItsPoolDownAndTheProcessGoesOn(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        do {
            let dropped = try await fixture.initialised()
            _ = try await dropped.create(Event(title: "가상 닫지 않은 저장소"), by: .localOperator)
        }
        let store = try await fixture.reopened()
        #expect(try await store.auditLog().count > 1, "the vault the dropped store wrote is there")
        try await store.close()
        try await store.close()
    }

    /// A request that waited too long for one of the pool's connections is the database busy
    /// (503), not a bug (500).
    @Test func aConnectionThatNeverCameFreeIsUnavailabilityNotABug() {
        #expect(Unavailability.reason(ConnectionPoolTimeoutError.connectionRequestTimeout) != nil)
        #expect(Unavailability.reason(CancellationError()) == nil)
    }
}

/// What `operation` gave, or nil when it had not answered within `limit`: a hang shows as a
/// failure rather than as a test run that never ends (the operation is left behind).
private func answer<T: Sendable>(within limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error>? {
    let first = FirstAnswer<T>()
    return await withCheckedContinuation { continuation in
        first.waiting(continuation)
        Task {
            do { first.give(.success(try await operation())) } catch { first.give(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            first.give(nil)
        }
    }
}

/// Resumes a continuation with the first answer given, once.
private final class FirstAnswer<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<T, any Error>?, Never>?

    func waiting(_ continuation: CheckedContinuation<Result<T, any Error>?, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func give(_ answer: Result<T, any Error>?) {
        let waiting = lock.withLock { () -> CheckedContinuation<Result<T, any Error>?, Never>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: answer)
    }
}
