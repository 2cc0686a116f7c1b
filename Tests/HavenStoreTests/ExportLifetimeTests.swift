import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import Testing
import HavenTestSupport

/// An export's approval lasts a day by the store's clock, which a test moves by hand: the
/// window read the wall clock and could not be tested.
struct ExportLifetimeTests {
    final class Clock: @unchecked Sendable {
        // `@unchecked`: every access holds the lock.
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_780_000_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
    }

    @Test func anApprovalOlderThanADayNoLongerDownloads() async throws {
        let directory = try TemporaryDirectory.make("haven-export")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = Clock()
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("haven.sqlite").path), clock: { clock.now })
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .localOperator)
        _ = try await store.create(Person(names: [PersonName("가상", script: .hangul, system: .southKorean)]), by: .localOperator)
        let analyst = ActingIdentity.account(UUID(), compartments: [Compartment.default])
        let fresh = try await store.requestExport(ExportFilter(), approvalThreshold: 20, by: analyst)
        let stale = try await store.requestExport(ExportFilter(), approvalThreshold: 20, by: analyst)
        #expect(fresh.createdAt == clock.now)
        clock.advance(23 * 3600)
        #expect(try await store.runExport(fresh.id, by: analyst).records.count == 1)
        clock.advance(2 * 3600)
        await #expect(throws: StoreError.self) { _ = try await store.runExport(stale.id, by: analyst) }
        try await store.close()
    }
}
