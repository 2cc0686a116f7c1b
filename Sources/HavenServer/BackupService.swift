public import Foundation
public import HavenCrypto
public import HavenStore
public import Logging
public import ServiceLifecycle

/// Backups made by `haven serve` on a schedule (`--backup-dir`, `--backup-every`,
/// `--backup-keep`): a sealed backup every interval into one directory, the oldest beyond the
/// number kept removed; the first is due one interval after the newest already in the directory
/// (at once when there is none). Each backup is in the audit log; a failed one is logged (never with a
/// protected value) and tried again at the next interval. Stops on a graceful shutdown, letting
/// a backup in progress finish.
public struct BackupService: Service {
    let schedule: BackupSchedule
    let interval: Duration
    let logger: Logger

    public init(schedule: BackupSchedule, every interval: Duration, logger: Logger) {
        self.schedule = schedule
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let (schedule, interval, logger) = (schedule, interval, logger)
        await cancelWhenGracefulShutdown {
            // Due one interval after the newest backup kept, not after the start: a server
            // restarted more often than the interval would otherwise never make one.
            var wait = schedule.untilDue(every: interval)
            while !Task.isCancelled {
                do { try await Task.sleep(for: wait) } catch { return }
                wait = interval
                do {
                    let made = try await schedule.backUp()
                    logger.info("backup written", metadata: ["file": "\(made.file.lastPathComponent)", "removed": "\(made.removed.count)"])
                } catch {
                    logger.error("backup failed; trying again at the next interval", metadata: ["reason": "\(error)"])
                }
            }
        }
    }
}

/// Where and how scheduled backups are kept: the directory, how many, and what they are made of.
public struct BackupSchedule: Sendable {
    let store: SQLStore
    let master: MasterKey
    let vaultPath: String?
    let directory: URL
    let keep: Int
    let clock: @Sendable () -> Date

    /// Backups of the vault at `vaultPath` (nil for a PostgreSQL vault) into `directory`, the
    /// newest `keep` kept.
    public init(store: SQLStore, master: MasterKey, vaultPath: String?, directory: URL, keep: Int, clock: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.master = master
        self.vaultPath = vaultPath
        self.directory = directory
        self.keep = max(keep, 1)
        self.clock = clock
    }

    /// The scheduled backups in the directory, oldest first: files named `haven-<UTC time>.havenbackup`.
    public func kept() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("haven-") && $0.hasSuffix(".havenbackup") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// How a backup's time is written in its name: sortable, to the millisecond, so that names
    /// order as times do, and without colons, which some file systems refuse.
    static let stamp = Date.ISO8601FormatStyle(timeSeparator: .omitted, includingFractionalSeconds: true)

    /// When the newest backup kept here was made, read from its name; nil when there is none.
    public func newest() -> Date? {
        guard let name = try? kept().last?.lastPathComponent else { return nil }
        return try? Self.stamp.parse(String(name.dropFirst("haven-".count).dropLast(".havenbackup".count)))
    }

    /// How long until the next backup is due: one interval after the newest kept, at once when
    /// none is kept or the newest is older than that, and never more than one interval.
    public func untilDue(every interval: Duration) -> Duration {
        guard let newest = newest() else { return .zero }
        let due = newest.timeIntervalSince(clock()) + Double(interval.components.seconds)
        return .seconds(min(max(due, 0), Double(interval.components.seconds)))
    }

    /// Makes one backup now and removes the oldest beyond the number kept; the new file and
    /// the files removed.
    @discardableResult
    public func backUp() async throws -> (file: URL, removed: [URL]) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stamp = clock().formatted(Self.stamp)
        let file = directory.appendingPathComponent("haven-\(stamp).havenbackup")
        _ = try await store.backup(to: file, master: master, vaultPath: vaultPath, by: .system)
        let removed = Array(try kept().dropLast(keep))
        for old in removed { try FileManager.default.removeItem(at: old) }
        return (file, removed)
    }
}
