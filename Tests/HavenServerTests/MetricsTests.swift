import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HavenCrypto
import HavenTestSupport
import HummingbirdTesting
import Testing

/// `/metrics`: requests counted by route pattern (never a concrete path), the index and the
/// audit log's size, for an administrator only.
@Suite
struct MetricsTests {
    @Test func anAdministratorReadsCountsByRoutePatternAndNoOneElseDoes() async throws {
        try await TestServer.with { server in
            let documenter = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let person = try await server.store.create(Person(compartment: "alpha", names: [PersonName("가상 메트릭", script: .hangul, system: .unknown)]),
                                                       by: .localOperator)
            for _ in 0..<3 { _ = try await documenter.execute(uri: "/api/persons/\(person.record.id.wire)", method: .get) }
            #expect(try await documenter.execute(uri: "/metrics", method: .get).status == .forbidden)
            let anonymous = try await server.client.execute(uri: "/metrics", method: .get)
            #expect(anonymous.status != .ok && !String(buffer: anonymous.body).contains("haven_http_requests_total"), "no figures without signing in")
            let administrator = try await server.signIn(role: .administrator, compartments: [])
            let response = try await administrator.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains(#"haven_http_requests_total{method="GET",route="/api/persons/{id}",status="200"} 3"#))
            #expect(text.contains("haven_http_request_duration_seconds_bucket"))
            #expect(text.contains("haven_indexed_records 1") && text.contains("haven_audit_log_entries "))
            #expect(!text.contains(person.record.id.wire) && !text.contains("메트릭"), "no concrete path, no record content")
        }
    }

    @Test func theLastUnlocksDurationIsAGaugeOnceTheVaultIsUnlocked() async throws {
        let directory = try TemporaryDirectory.make("haven-metrics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = StoreLocation.sqlite(path: directory.appendingPathComponent("haven.sqlite").path)
        let master = MasterKey.random()
        let first = try await SQLStore.open(location)
        try await first.initialise(master: master, scrypt: nil, by: .localOperator)
        _ = try await first.create(Person(names: [PersonName("가상", script: .hangul, system: .unknown)]), by: .localOperator)
        try await first.close()
        let store = try await SQLStore.open(location)
        #expect(!(await HavenMetrics().text(store: store)).contains("haven_unlock_duration_seconds"), "nothing before an unlock")
        try await store.unlock(master: master, by: .localOperator)
        let text = await HavenMetrics().text(store: store)
        #expect(text.contains("haven_unlock_duration_seconds ") && text.contains("haven_indexed_records 1"))
        try await store.close()
    }

    @Test func theNewestBackupsAgeIsAGaugeKnownFromTheAuditLogAfterARestart() async throws {
        let directory = try TemporaryDirectory.make("haven-metrics")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("haven.sqlite").path
        let location = StoreLocation.sqlite(path: path)
        let master = MasterKey.random()
        let first = try await SQLStore.open(location)
        try await first.initialise(master: master, scrypt: nil, by: .localOperator)
        #expect(!(await HavenMetrics().text(store: first)).contains("haven_backup_age_seconds"), "no backup, no age")
        _ = try await first.backup(to: directory.appendingPathComponent("one.havenbackup"), master: master, vaultPath: path, by: .localOperator)
        #expect(await HavenMetrics().text(store: first).contains("haven_backup_age_seconds "))
        try await first.close()
        // Another process (the server after a restart) learns it from the audit log.
        let store = try await SQLStore.open(location)
        try await store.unlock(master: master, by: .localOperator)
        let age = try #require(await HavenMetrics().text(store: store).split(separator: "\n")
            .first { $0.hasPrefix("haven_backup_age_seconds ") }.flatMap { Double($0.split(separator: " ")[1]) })
        #expect(age >= 0 && age < 3_600, "the backup just made, not the epoch")
        try await store.close()
    }
}
