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

    @Test(arguments: Engine.available)
    func aStoreFollowsTheRecordsAnotherWritesIntoItsSearchesAndReports(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        let kept = try await server.create(Event(title: "가상 서버 기록"), by: .localOperator).record
        let command = try await fixture.reopened()
        // Another process creates (in a compartment whose data key it makes), changes and deletes.
        let made = try await command.create(Event(compartment: "beta", title: "가상 명령 기록"), by: .localOperator).record
        var changed = kept
        changed.title = "가상 서버 기록, 명령이 고침"
        _ = try await command.update(changed, expectedVersion: 1, by: .localOperator)
        let doomed = try await command.create(Event(title: "가상 지울 기록"), by: .localOperator).record
        try await command.delete(Event.self, id: doomed.id, by: .localOperator)
        func titles() async throws -> Set<String> {
            Set(try await server.everything(RecordQuery(kinds: [.event]), by: .localOperator).compactMap { ($0.record as? Event)?.title })
        }
        // Looking (without a read of its own) brings the log's position and the index up to date.
        try await server.followOtherWriters()
        #expect(await server.frontier.size == (try await server.auditLog().count))
        #expect(try await server.unloggedRecord(made.id, by: .localOperator) != nil)
        #expect(try await server.unloggedRecord(doomed.id, by: .localOperator) == nil)
        // Every read is audited, and an audit append that finds the log moved catches up first,
        // so a read never answers from before another process's write.
        _ = try await command.create(Event(title: "가상 읽기 전 기록"), by: .localOperator)
        #expect(try await titles() == ["가상 서버 기록, 명령이 고침", "가상 명령 기록", "가상 읽기 전 기록"])
        #expect(try await server.search(RecordQuery(text: "명령 기록", kinds: [.event]), by: .localOperator).items.map(\.record.id) == [made.id],
                "the text index follows too")
        // A write of its own catches it up as well: the command writes again, the server writes.
        let later = try await command.create(Event(title: "가상 나중 기록"), by: .localOperator).record
        _ = try await server.create(Event(title: "가상 서버 새 기록"), by: .localOperator)
        #expect(try await titles().contains(later.title))
        // Writing over another's change is refused as a conflict, never lost.
        await #expect(throws: StoreError.self) { _ = try await server.update(kept, expectedVersion: 1, by: .localOperator) }
        #expect(try await server.verifyAudit(master: fixture.master).isIntact)
        try await command.close()
        try await server.close()
    }

    @Test(arguments: Engine.available)
    func aRecordAnotherJustWroteIsNeverAnsweredAsNotFound(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        _ = try await server.create(Event(title: "가상 서버 기록"), by: .localOperator)
        let command = try await fixture.reopened()
        // Written by the other process, then at once read, searched and listed here, without the
        // server having followed: a read that finds nothing logs nothing, so no group commit
        // would have told it that it was behind.
        let made = try await command.create(Event(title: "가상 방금 쓴 기록"), by: .localOperator).record
        #expect(try await server.get(Event.self, id: made.id, by: .localOperator).record.title == made.title)
        let other = try await command.create(Event(title: "가상 두번째 기록"), by: .localOperator).record
        #expect(try await server.search(RecordQuery(text: "두번째", kinds: [.event]), by: .localOperator).items.map(\.record.id) == [other.id])
        // And a record the other process deleted is gone here at once.
        try await command.delete(Event.self, id: made.id, by: .localOperator)
        await #expect(throws: StoreError.self) { _ = try await server.get(Event.self, id: made.id, by: .localOperator) }
        #expect(try await server.verifyAudit(master: fixture.master).isIntact)
        try await command.close()
        try await server.close()
    }

    @Test(arguments: Engine.available)
    func aStoreDoesNotFollowALogWhoseHeadLostItsSeal(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        _ = try await server.create(Event(title: "가상 서버 기록"), by: .localOperator)
        let command = try await fixture.reopened()
        _ = try await command.create(Event(title: "가상 명령 기록"), by: .localOperator)
        // Someone with the database but not the key replaces the head: its seal is gone.
        try await command.db.raw("UPDATE audit_head SET seal = NULL").run()
        await #expect(throws: StoreError.self) { try await server.followOtherWriters() }
        await #expect(throws: StoreError.self) { _ = try await server.create(Event(title: "가상 다음 기록"), by: .localOperator) }
        try await command.close()
        try await server.close()
    }

    /// A command that unlocks or verifies beside a server that is appending read the log and then
    /// the head, found the head further on than the log it had read, and reported the log as
    /// tampered with (`haven backup` beside a busy server failed so); and a command's write beside
    /// a server writing without pause lost every race to it and answered "busy".
    @Test(arguments: Engine.available)
    func unlockingAndVerifyingBesideAnAppendingServerFindNothingWrong(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        for i in 0..<200 { _ = try await server.create(Event(title: "가상 기록 \(i)"), by: .localOperator) }
        let writing = Task {
            var written = 0
            while !Task.isCancelled {
                _ = try await server.create(Event(title: "가상 동시 기록 \(written)"), by: .localOperator)
                written += 1
            }
            return written
        }
        var checks = 0
        for _ in 0..<5 {
            let command = try await fixture.reopened()
            do {
                let report = try await command.verifyAudit(master: fixture.master)
                #expect(report.isIntact, "\(String(describing: report.problem))")
                // And the command's own write gets its turn, however steadily the server writes.
                _ = try await command.create(Event(title: "가상 명령 기록"), by: .localOperator)
            } catch {
                try? await command.close()
                throw error
            }
            try await command.close()
            checks += 1
        }
        writing.cancel()
        _ = try? await writing.value
        #expect(checks == 5)
        #expect(try await server.verifyAudit(master: fixture.master).isIntact)
        try await server.close()
    }

    @Test(arguments: Engine.available)
    func anEntryBeyondTheHeadThatNoHeadCoversIsStillFound(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        _ = try await store.create(Event(title: "가상 기록"), by: .localOperator)
        let size = try await store.auditLog().count
        // A row added behind Haven's back, without moving the head.
        try await store.db.raw("""
            INSERT INTO audit_log (seq, at, actor, action, kind, record_id, version, content_hash, detail, root, signature)
            VALUES (\(bind: size), '2026-01-01T00:00:00Z', 'system', 'read', '', '', 0, '', '', '00', '00')
            """).run()
        #expect(try await store.verifyAudit(master: fixture.master).isIntact == false)
        try await store.close()
        await #expect(throws: StoreError.self) { _ = try await fixture.reopened() }
    }
}
