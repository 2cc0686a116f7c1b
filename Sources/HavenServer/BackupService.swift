public import Foundation
public import HavenCrypto
public import HavenStore
public import Logging
public import ServiceLifecycle

/// Backups made by `haven serve` on a schedule (`--backup-dir`, `--backup-every`,
/// `--backup-keep`): a sealed backup every interval into one directory, the oldest beyond the
/// number kept removed. Each backup is in the audit log; a failed one is logged (never with a
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
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
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

    /// Makes one backup now and removes the oldest beyond the number kept; the new file and
    /// the files removed.
    @discardableResult
    public func backUp() async throws -> (file: URL, removed: [URL]) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // Sortable by name, to the millisecond, so that names order as times do.
        let stamp = clock().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)).replacingOccurrences(of: ":", with: "")
        let file = directory.appendingPathComponent("haven-\(stamp).havenbackup")
        _ = try await store.backup(to: file, master: master, vaultPath: vaultPath, by: .system)
        let removed = Array(try kept().dropLast(keep))
        for old in removed { try FileManager.default.removeItem(at: old) }
        return (file, removed)
    }
}
