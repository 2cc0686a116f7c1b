import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// Two stores open on one vault, as `haven serve` and a `haven` command beside it (or two
/// servers on one PostgreSQL): each one's appends to the audit log find where the other left
/// it. The server kept the log's position in memory, so its next entry collided with the one
/// the command had appended, and every audited request failed until a restart.
struct TwoProcessTests {
    @Test(arguments: Engine.available)
    func aStoreCatchesUpWithEntriesAnotherAppendedAndTheLogVerifies(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        _ = try await server.create(Event(title: "서버가 쓴 기록"), by: .localOperator)
        let command = try await fixture.reopened()
        for i in 0..<3 { _ = try await command.create(Event(title: "명령이 쓴 기록 \(i)"), by: .localOperator) }
        // The server writes and reads on, as if nothing had happened.
        let written = try await server.create(Event(title: "서버가 다시 쓴 기록"), by: .localOperator).record
        _ = try await server.get(Event.self, id: written.id, by: .localOperator)
        _ = try await command.create(Event(title: "명령이 다시 쓴 기록"), by: .localOperator)
        _ = try await server.create(Event(title: "또 서버"), by: .localOperator)
        let log = try await server.auditLog()
        #expect(log.map(\.entry.seq) == Array(0..<log.count), "one position each, none lost or repeated")
        #expect(log.filter { $0.entry.action == "create" }.count == 7)
        #expect(try await server.verifyAudit(master: fixture.master).isIntact)
        try await command.close()
        try await server.close()
        // And the vault still unlocks.
        let again = try await fixture.reopened()
        try await again.close()
    }
}
