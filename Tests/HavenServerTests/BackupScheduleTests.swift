import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import HavenTestSupport
import Synchronization
import Testing

/// `haven serve --backup-dir … --backup-keep N`: each scheduled backup is a sealed backup that
/// verifies, named by its time, and only the newest N are kept.
@Suite
struct BackupScheduleTests {
    @Test func scheduledBackupsKeepTheNewestAndEachVerifies() async throws {
        let directory = try TemporaryDirectory.make("haven-backups")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, master, path) = try await Self.vault(in: directory)
        let times = Mutex([Date(timeIntervalSince1970: 1_800_000_000)])
        let clock: @Sendable () -> Date = {
            times.withLock { list in
                let next = list.last!.addingTimeInterval(3_600)
                list.append(next)
                return next
            }
        }
        let schedule = BackupSchedule(store: store, master: master, vaultPath: path, directory: directory.appendingPathComponent("backups"),
                                      keep: 2, clock: clock)
        var made: [URL] = []
        for i in 0..<3 {
            _ = try await store.create(Person(names: [PersonName("가상 \(i)", script: .hangul, system: .unknown)]), by: .localOperator)
            made.append(try await schedule.backUp().file)
        }
        let kept = try schedule.kept()
        #expect(kept.map(\.lastPathComponent) == made.suffix(2).map(\.lastPathComponent), "the two newest are kept, in order")
        #expect(!FileManager.default.fileExists(atPath: made[0].path))
        #expect(kept.allSatisfy { !$0.lastPathComponent.contains(":") }, "names any file system takes")
        for file in kept { #expect(try await SQLStore.verifyBackup(file, master: master).auditEntries > 0) }
        #expect(try await store.auditLog().filter { $0.entry.action == "backup.made" }.count == 3)
        try await store.close()
    }

    /// The first scheduled backup after a start is due one interval after the newest kept, not
    /// one interval after the start: a server restarted every few hours with `--backup-every 24`
    /// made none.
    @Test func theNextBackupIsDueOneIntervalAfterTheNewestKeptNotAfterTheStart() async throws {
        let directory = try TemporaryDirectory.make("haven-backups")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (store, master, path) = try await Self.vault(in: directory)
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000.25))
        let schedule = BackupSchedule(store: store, master: master, vaultPath: path, directory: directory.appendingPathComponent("backups"),
                                      keep: 3, clock: { now.withLock { $0 } })
        let day = Duration.seconds(86_400)
        #expect(schedule.newest() == nil && schedule.untilDue(every: day) == .zero, "none kept: due at once")
        try await schedule.backUp()
        #expect(schedule.newest() == Date(timeIntervalSince1970: 1_800_000_000.25), "the time read back from the name")
        #expect(schedule.untilDue(every: day) == day)
        now.withLock { $0 = $0.addingTimeInterval(6 * 3_600) }
        #expect(schedule.untilDue(every: day) == .seconds(18 * 3_600), "a restart six hours later waits the rest of the day")
        now.withLock { $0 = $0.addingTimeInterval(30 * 3_600) }
        #expect(schedule.untilDue(every: day) == .zero, "overdue: at once")
        now.withLock { $0 = Date(timeIntervalSince1970: 1_700_000_000) }
        #expect(schedule.untilDue(every: day) == day, "a clock set back waits one interval at most")
        try await store.close()
    }

    /// A new SQLite vault in `directory`, unlocked.
    private static func vault(in directory: URL) async throws -> (SQLStore, MasterKey, String) {
        let path = directory.appendingPathComponent("haven.sqlite").path
        let master = MasterKey.random()
        let store = try await SQLStore.open(.sqlite(path: path))
        try await store.initialise(master: master, scrypt: nil, by: .localOperator)
        return (store, master, path)
    }
}
