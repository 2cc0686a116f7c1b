import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import Testing
import HavenTestSupport

/// The engines the shared store suite runs against: SQLite always, PostgreSQL when
/// `HAVEN_TEST_POSTGRES_URL` names a server (`.ci/run` starts one).
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [Engine] {
        ProcessInfo.processInfo.environment["HAVEN_TEST_POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }
}

/// A fresh store on a temporary SQLite file or an emptied PostgreSQL database.
struct StoreFixture {
    let engine: Engine
    let directory: URL
    let location: StoreLocation
    let master = MasterKey.random()

    init(_ engine: Engine) async throws {
        self.engine = engine
        directory = try TemporaryDirectory.make("haven-test")
        switch engine {
        case .sqlite:
            location = .sqlite(path: directory.appendingPathComponent("haven.sqlite").path)
        case .postgres:
            // Each test gets a database of its own, so tests run in parallel without meeting.
            let base = ProcessInfo.processInfo.environment["HAVEN_TEST_POSTGRES_URL"]!
            let name = "haven_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try await SQLStore.open(.postgres(url: base), migrating: false)
            do {
                try await admin.db.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: name)")).run()
            } catch {
                try? await admin.close()
                throw error
            }
            try await admin.close()
            var components = try #require(URLComponents(string: base))
            components.path = "/" + name
            location = .postgres(url: try #require(components.string))
        }
    }

    /// Opens the store and creates an unlocked vault in it.
    func initialised() async throws -> SQLStore {
        let store = try await SQLStore.open(location)
        try await store.initialise(master: master, scrypt: nil, by: .localOperator)
        return store
    }

    /// Reopens the store (as after a restart) and unlocks it.
    func reopened() async throws -> SQLStore {
        let store = try await SQLStore.open(location)
        do {
            try await store.unlock(master: master, by: .localOperator)
        } catch {
            // Closed, so that a vault refusing to unlock fails the test rather than stopping it.
            try? await store.close()
            throw error
        }
        return store
    }

    /// Every byte the SQLite engine keeps on disk: the database, its WAL and shared memory.
    func diskBytes() throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            all.append(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        return all
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

extension Data {
    func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
