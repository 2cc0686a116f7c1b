import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import HavenTestSupport
import Testing

@Suite(.tags(.postgres))
struct AuditLogTests {
    let me = ActingIdentity.localOperator

    /// A store with a small log: init, creates, an update, a read.
    func smallLog(_ engine: Engine) async throws -> (StoreFixture, SQLStore) {
        let fixture = try await StoreFixture(engine)
        let store = try await fixture.initialised()
        var event = Event(title: "감사 기록 시험")
        _ = try await store.create(event, by: me)
        _ = try await store.create(Person(names: [PersonName("Test", script: .latin, system: .unknown)]), by: me)
        event.description = "updated"
        _ = try await store.update(event, expectedVersion: 1, by: me)
        _ = try await store.get(Event.self, id: event.id, by: me)
        return (fixture, store)
    }

    @Test(arguments: Engine.available)
    func anIntactLogVerifies(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let report = try await store.verifyAudit()
        #expect(report.isIntact)
        #expect(report.entries == 6)
        let actions = try await store.auditLog().map(\.entry.action)
        #expect(actions == ["vault.init", "audit.sealed", "create", "create", "update", "read"])
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func concurrentReadsFindTheirOwnEntryInTheLogWhenTheyAnswerAndShareCommits(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let persons = (0..<20).map { Person(names: [PersonName("동시 읽기 \($0)", script: .hangul, system: .unknown)]) }
        _ = try await store.importRecords(persons, by: me)
        let before = try await store.auditLog().count
        let commitsBefore = await store.auditGroupCommits
        let reads = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<reads {
                let person = persons[n % persons.count]
                group.addTask {
                    let reader = ActingIdentity(id: "account:" + UUID().wire, displayName: "account")
                    _ = try await store.get(Person.self, id: person.id, by: reader)
                    // Durable before the answer: the entry is in the log the moment `get` returns.
                    let mine = try await store.auditLog().filter { $0.entry.actor == reader.id }
                    #expect(mine.map(\.entry.action) == ["read"])
                    #expect(mine.first?.entry.recordID == person.id.wire)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.auditLog().count == before + reads)
        let commits = await store.auditGroupCommits - commitsBefore
        #expect(commits >= 1 && commits < reads, "\(commits) commits for \(reads) concurrent reads")
        #expect(try await store.verifyAudit().isIntact)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func changingAnySingleEntryIsDetectedAtThatEntry(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let count = try await store.auditLog().count
        for seq in 0..<count {
            let original = try await store.auditLog()[seq].entry.actor
            try await store.db.update("audit_log").set("actor", to: "mallory").where("seq", .equal, seq).run()
            let report = try await store.verifyAudit()
            #expect(report.problem?.seq == seq, "changed entry \(seq)")
            try await store.db.update("audit_log").set("actor", to: original).where("seq", .equal, seq).run()
        }
        #expect(try await store.verifyAudit().isIntact)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func deletingAnySingleEntryIsDetected(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let log = try await store.auditLog()
        for stored in log {
            let e = stored.entry
            try await store.db.delete(from: "audit_log").where("seq", .equal, e.seq).run()
            let report = try await store.verifyAudit()
            #expect(report.problem?.seq == e.seq, "deleted entry \(e.seq)")
            try await store.db.insert(into: "audit_log")
                .columns("seq", "at", "actor", "action", "kind", "record_id", "version", "content_hash", "detail", "root", "signature")
                .values(SQLBind(e.seq), SQLBind(e.at), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.kind), SQLBind(e.recordID),
                        SQLBind(e.version), SQLBind(e.contentHash), SQLBind(e.detail), SQLBind(stored.rootHex), SQLBind(stored.signatureHex))
                .run()
        }
        #expect(try await store.verifyAudit().isIntact)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func swappingAnyTwoNeighbouringEntriesIsDetected(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let count = try await store.auditLog().count
        for seq in 0..<(count - 1) {
            // Swap the contents (everything but the position) of entries seq and seq+1.
            try await swap(seq, seq + 1, in: store)
            #expect(try await store.verifyAudit().problem?.seq == seq, "swapped \(seq) and \(seq + 1)")
            try await swap(seq, seq + 1, in: store)
        }
        #expect(try await store.verifyAudit().isIntact)
        try await store.close()
    }

    private func swap(_ a: Int, _ b: Int, in store: SQLStore) async throws {
        let log = try await store.auditLog()
        for (target, source) in [(a, log[b]), (b, log[a])] {
            try await store.db.update("audit_log")
                .set("at", to: source.entry.at).set("actor", to: source.entry.actor).set("action", to: source.entry.action)
                .set("kind", to: source.entry.kind).set("record_id", to: source.entry.recordID).set("version", to: source.entry.version)
                .set("content_hash", to: source.entry.contentHash).set("detail", to: source.entry.detail)
                .set("root", to: source.rootHex).set("signature", to: source.signatureHex)
                .where("seq", .equal, target).run()
        }
    }

    @Test(arguments: Engine.available)
    func aCheckpointIsProvenConsistentWithTheGrownLogButNotWithARewrittenOne(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let checkpoint = try await store.checkpoint()
        #expect(checkpoint.isSignatureValid)
        for i in 0..<7 { _ = try await store.create(Event(title: "later \(i)"), by: me) }
        let grown = AuditVerifier.verify(try await store.auditLog(), extends: checkpoint)
        #expect(grown.ok, "\(grown.reason)")
        // Rewrite an entry from before the checkpoint: the proof must fail.
        try await store.db.update("audit_log").set("detail", to: "rewritten").where("seq", .equal, 2).run()
        #expect(!AuditVerifier.verify(try await store.auditLog(), extends: checkpoint).ok)
        // A forged checkpoint signature is refused.
        var forged = checkpoint
        forged.head = TreeHead(size: checkpoint.head.size, root: Data(repeating: 1, count: 32))
        #expect(!forged.isSignatureValid)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aStoreWhoseLogWasCutRefusesToUnlock(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        let last = try await store.auditLog().count - 1
        try await store.db.delete(from: "audit_log").where("seq", .equal, last).run()
        try await store.close()
        let reopened = try await SQLStore.open(fixture.location)
        await #expect(throws: StoreError.self) { try await reopened.unlock(master: fixture.master, by: me) }
        try await reopened.close()
    }

    /// The review's cut: the last entries deleted and the last remaining entry's signed head
    /// copied into the head row. Every remaining signature verifies; only the seal, which needs
    /// the master key, tells.
    @Test(arguments: Engine.available)
    func aLogCutShortWithItsHeadCopiedFromTheLastEntryLeftIsCaughtAtUnlockAndByVerifyWithTheKey(engine: Engine) async throws {
        let (fixture, store) = try await smallLog(engine)
        defer { fixture.cleanUp() }
        for i in 0..<40 { _ = try await store.create(Event(title: "later \(i)"), by: me) }
        let log = try await store.auditLog()
        let keep = log.count - 40
        try await store.db.delete(from: "audit_log").where("seq", .greaterThanOrEqual, keep).run()
        let last = log[keep - 1]
        try await store.db.update("audit_head").set("size", to: keep).set("root", to: last.rootHex).set("signature", to: last.signatureHex).run()
        #expect(try await store.verifyAudit().isIntact, "without the key, a cut with a copied head is consistent: that is why the seal exists")
        let keyed = try await store.verifyAudit(master: fixture.master)
        #expect(keyed.problem?.reason.contains("not the one Haven last sealed") == true)
        // Dropping the seal altogether is caught too, once the vault has started sealing.
        try await store.db.update("audit_head").set("seal", to: SQLLiteral.null).run()
        #expect(try await store.verifyAudit(master: fixture.master).problem?.reason.contains("lost its seal") == true)
        try await store.close()
        let reopened = try await SQLStore.open(fixture.location)
        await #expect(throws: StoreError.self) { try await reopened.unlock(master: fixture.master, by: me) }
        #expect(await !reopened.isUnlocked)
        try await reopened.close()
    }

    /// A log without a sealed head and without the entry that starts sealing (as a vault made
    /// before seals) starts sealing at its next unlock, with an entry that says so.
    @Test(arguments: Engine.available)
    func aLogThatNeverSealedStartsSealingAtItsNextUnlock(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        _ = try await store.create(Event(title: "옛 기록"), by: me)
        try await store.close()
        let legacy = try await SQLStore.open(fixture.location)
        try await legacy.db.delete(from: "audit_log").run()
        try await legacy.db.delete(from: "audit_head").run()
        try await legacy.close()
        let reopened = try await SQLStore.open(fixture.location)
        try await reopened.unlock(master: fixture.master, by: me)
        #expect(try await reopened.auditLog().map(\.entry.action) == ["audit.sealed", "unlock"])
        #expect(try await reopened.verifyAudit(master: fixture.master).isIntact)
        try await reopened.close()
    }
}
