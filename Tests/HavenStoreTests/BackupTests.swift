import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import HavenTestSupport
import Testing

/// The restore drill: records written while a backup is made, the backup restored elsewhere,
/// every record and the audit log compared; a backup changed, cut short or opened with another
/// key restores nothing.
@Suite
struct BackupTests {
    let me = ActingIdentity.localOperator

    /// On PostgreSQL the backup is the database's snapshot copied into an SQLite vault, which
    /// restores and verifies as any other.
    @Test(arguments: Engine.available)
    func aBackupMadeWhileWritingRestoresEveryRecordAndTheAuditLog(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        var people: [any Record] = []
        for i in 0..<3_000 { people.append(Person(names: [PersonName("가상 백업 \(i)", script: .hangul, system: .unknown)], notes: String(repeating: "기록 ", count: 200))) }
        _ = try await store.importRecords(people, by: me)
        let file = fixture.directory.appendingPathComponent("vault.havenbackup")
        let path: String? = if case .sqlite(let path) = fixture.location { path } else { nil }
        // Writers keep writing while the backup is made.
        async let writing: Void = {
            for i in 0..<40 { _ = try await store.create(Event(title: "백업 중 기록 \(i)"), by: me) }
        }()
        let summary = try await store.backup(to: file, master: fixture.master, vaultPath: path, by: me)
        try await writing
        #expect(summary.auditEntries > 3_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size > BackupSealer.chunkSize, "several chunks")
        let raw = try Data(contentsOf: file)
        #expect(raw.range(of: Data("가상 백업".utf8)) == nil && raw.range(of: Data("CREATE TABLE".utf8)) == nil, "nothing in the clear")

        // Restored elsewhere: the vault as it was when the backup was taken, its log verified.
        let restored = fixture.directory.appendingPathComponent("restored")
        let restoredSummary: BackupSummary
        do { restoredSummary = try await SQLStore.restoreBackup(file, into: restored, master: fixture.master) } catch {
            try await store.close()
            Issue.record("the restore failed: \(error)")
            return
        }
        #expect(restoredSummary == summary)
        let copy = try await SQLStore.open(.sqlite(path: restored.appendingPathComponent("haven.sqlite").path))
        try await copy.unlock(master: fixture.master, by: me)
        let original = try await store.exportRecords(plaintext: true, by: me)
        let back = try await copy.exportRecords(plaintext: true, by: me)
        let backIDs = Set(back.map(\.id))
        #expect(people.allSatisfy { backIDs.contains($0.id) }, "every record written before the backup is in it")
        #expect(back.count <= original.count && back.count >= people.count)
        for record in back { #expect(original.contains { $0.id == record.id }) }
        let log = try await copy.auditLog()
        #expect(Array(try await store.auditLog().prefix(summary.auditEntries)).map(\.entry) == Array(log.prefix(summary.auditEntries)).map(\.entry),
                "the restored log is the original's, entry for entry")
        #expect(try await copy.verifyAudit(master: fixture.master).isIntact)
        #expect(try await store.auditLog().contains { $0.entry.action == "backup.made" })
        try await copy.close()
        #expect(try await SQLStore.verifyBackup(file, master: fixture.master) == summary)
        try await store.close()
    }

    /// `haven backup` unlocks without reading the records (at a million records that was a
    /// minute and gigabytes for a command that never reads one), beside a server that writes on.
    @Test(arguments: Engine.available)
    func aBackupFromAStoreThatReadNoRecordHoldsThemAll(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        var people: [any Record] = []
        for i in 0..<500 { people.append(Person(names: [PersonName("가상 색인 없이 \(i)", script: .hangul, system: .unknown)])) }
        _ = try await server.importRecords(people, by: me)
        let command = try await SQLStore.open(fixture.location)
        try await command.unlock(master: fixture.master, by: me, indexing: false)
        #expect(await command.indexedRecordCount == 0, "no record was read")
        let file = fixture.directory.appendingPathComponent("unindexed.havenbackup")
        let path: String? = if case .sqlite(let path) = fixture.location { path } else { nil }
        async let writing: Void = {
            for i in 0..<20 { _ = try await server.create(Event(title: "가상 백업 중 \(i)"), by: me) }
        }()
        let summary = try await command.backup(to: file, master: fixture.master, vaultPath: path, by: me)
        try await writing
        try await command.close()
        let restored = fixture.directory.appendingPathComponent("restored-unindexed")
        #expect(try await SQLStore.restoreBackup(file, into: restored, master: fixture.master) == summary)
        let copy = try await SQLStore.open(.sqlite(path: restored.appendingPathComponent("haven.sqlite").path))
        try await copy.unlock(master: fixture.master, by: me)
        let backIDs = Set(try await copy.exportRecords(plaintext: true, by: me).map(\.id))
        #expect(people.allSatisfy { backIDs.contains($0.id) })
        #expect(try await copy.auditLog().contains { $0.entry.action == "unlock" && $0.entry.detail == "records=not-read" })
        #expect(try await copy.verifyAudit(master: fixture.master).isIntact)
        try await copy.close()
        #expect(try await server.verifyAudit(master: fixture.master).isIntact)
        try await server.close()
    }

    /// A backup restores into PostgreSQL too (a vault moved between engines, or a PostgreSQL
    /// vault brought back where it ran), and never over a vault already there.
    @Test(arguments: Engine.available.filter { $0 == .postgres })
    func aBackupRestoresIntoAnEmptyPostgreSQLDatabaseAndNeverOverAVault(engine: Engine) async throws {
        let source = try await StoreFixture(.sqlite)
        defer { source.cleanUp() }
        let store = try await source.initialised()
        // More rows than one page of the copy (``SQLStore/rowsAtATime``), in records and in the log.
        _ = try await store.importRecords((0..<250).map { Person(names: [PersonName("가상 이전 \($0)", script: .hangul, system: .unknown)]) }, by: me)
        for i in 0..<120 { _ = try await store.create(Event(title: "가상 이전 사건 \(i)"), by: me) }
        guard case .sqlite(let path) = source.location else { return }
        let file = source.directory.appendingPathComponent("vault.havenbackup")
        let summary = try await store.backup(to: file, master: source.master, vaultPath: path, by: me)
        let target = try await StoreFixture(engine)
        defer { target.cleanUp() }
        guard case .postgres(let url) = target.location else { return }
        #expect(try await SQLStore.restoreBackup(file, intoPostgres: url, master: source.master) == summary)
        let restored = try await SQLStore.open(target.location)
        try await restored.unlock(master: source.master, by: me)
        let original = Set(try await store.exportRecords(plaintext: true, by: me).map(\.id))
        let back = Set(try await restored.exportRecords(plaintext: true, by: me).map(\.id))
        #expect(back == original && back.count == 370)
        #expect(try await restored.verifyAudit(master: source.master).isIntact)
        // Written to after the restore, as a server would, and still verifying.
        _ = try await restored.create(Event(title: "가상 복원 뒤 기록"), by: me)
        #expect(try await restored.verifyAudit(master: source.master).isIntact)
        try await restored.close()
        await #expect(throws: BackupError.self, "never over a vault") {
            try await SQLStore.restoreBackup(file, intoPostgres: url, master: source.master)
        }
        try await store.close()
    }

    @Test func aChangedTruncatedOrForeignBackupRestoresNothing() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        _ = try await store.create(Person(names: [PersonName("가상 한", script: .hangul, system: .unknown)]), by: me)
        guard case .sqlite(let path) = fixture.location else { return }
        let file = fixture.directory.appendingPathComponent("vault.havenbackup")
        _ = try await store.backup(to: file, master: fixture.master, vaultPath: path, by: me)
        try await store.close()
        let good = try Data(contentsOf: file)
        func attempt(_ bytes: Data, master: MasterKey, _ why: String) async throws {
            let bad = fixture.directory.appendingPathComponent("bad-\(UUID().wire).havenbackup")
            try bytes.write(to: bad)
            let target = fixture.directory.appendingPathComponent("restore-\(UUID().wire)")
            await #expect(throws: BackupError.self, "\(why)") { try await SQLStore.restoreBackup(bad, into: target, master: master) }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).isEmpty, "\(why): nothing left behind")
            await #expect(throws: BackupError.self) { try await SQLStore.verifyBackup(bad, master: master) }
        }
        var flipped = good
        flipped[flipped.count - 100] ^= 1
        try await attempt(flipped, master: fixture.master, "a byte changed")
        try await attempt(good.prefix(good.count - 20), master: fixture.master, "cut short")
        try await attempt(good, master: MasterKey.random(), "another vault's key")
        try await attempt(Data("not a backup".utf8), master: fixture.master, "not a backup")
        // A restore never overwrites: the target must be empty.
        let occupied = fixture.directory.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: occupied.appendingPathComponent("haven.sqlite"))
        await #expect(throws: BackupError.self) { try await SQLStore.restoreBackup(file, into: occupied, master: fixture.master) }
        #expect(try Data(contentsOf: occupied.appendingPathComponent("haven.sqlite")) == Data("x".utf8))
    }
}
