import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// `/health` says whether the store answers: the review saw 200 `{"status":"ok"}` while every
/// real request failed.
struct HealthTests {
    @Test func healthIsOKOnlyWhileTheStoreAnswers() async throws {
        try await TestServer.with { server in
            let ok = try await server.client.execute(uri: "/health", method: .get)
            #expect(ok.status == .ok && String(buffer: ok.body).contains("\"ok\""))
            await server.store.lock()
            let locked = try await server.client.execute(uri: "/health", method: .get)
            #expect(locked.status == .serviceUnavailable && String(buffer: locked.body).contains("unavailable"))
        }
    }
}

/// A database that cannot be reached or cannot write (PostgreSQL down, a full disk) is a 503 that
/// says so and when to try again, not a 500 "storage error": nothing was written, and the same
/// request succeeds once the database is back. The real failures are driven by
/// Scripts/crash/crash_test.py (PostgreSQL killed under writes, a vault on a full tmpfs).
struct UnavailableDatabaseTests {
    @Test func anUnavailableDatabaseIsA503WithRetryAfter() {
        let problem = ProblemMiddleware<BasicRequestContext>.problem(for: StoreError.unavailable("the disk is full"))
        #expect(problem.status == 503 && problem.retryAfter == 5)
        #expect(problem.detail?.contains("the disk is full") == true && problem.detail?.contains("nothing was written") == true)
        #expect(problem.titleKo == "데이터베이스를 쓸 수 없습니다")
        let other = ProblemMiddleware<BasicRequestContext>.problem(for: StoreError.database("the database operation failed (X)"))
        #expect(other.status == 500, "a failure that is not unavailability stays a storage error")
    }
}
