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
