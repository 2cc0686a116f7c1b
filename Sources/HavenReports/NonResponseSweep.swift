public import Foundation
public import HavenCore
public import HavenStore
public import Logging

/// Marks interventions whose deadline has passed without a recorded answer as *no response*,
/// dated the day it is found, as a new version written by Haven itself (so the audit log holds
/// who — `system` — and when). `haven serve` runs it at start, every hour and just after each
/// UTC midnight; an intervention saved already past its deadline is marked as it is saved.
public enum NonResponseSweep {
    /// Marks every overdue, unanswered intervention; returns the ids marked. An intervention
    /// someone edits at the same moment is left for the next run.
    @discardableResult
    public static func run(repository: any Repository, today: Date, actor: ActingIdentity = .system) async throws -> [UUID] {
        let day = try FuzzyDate(parsing: Day.string(today))
        var marked: [UUID] = []
        for status in [InterventionStatus.sent, .overdue] {
            var offset = 0
            var due: [(Intervention, Int)] = []
            while true {
                let page = try await repository.search(RecordQuery(kinds: [.intervention], status: status.code, offset: offset, limit: 500), by: actor)
                due += page.items.compactMap { stored in (stored.record as? Intervention).map { ($0, stored.version) } }
                offset += page.items.count
                if page.items.isEmpty || offset >= page.total { break }
            }
            for (intervention, version) in due {
                guard let next = intervention.markedUnanswered(on: day) else { continue }
                do {
                    _ = try await repository.update(next, expectedVersion: version, by: actor)
                    marked.append(intervention.id)
                } catch StoreError.versionConflict {
                    continue
                }
            }
        }
        return marked
    }

    /// Runs the sweep now and then every `interval` until the task is cancelled; failures are
    /// logged by type only and the next run tries again.
    public static func repeating(repository: any Repository, every interval: Duration = .seconds(3600), clock: @escaping @Sendable () -> Date,
                                 logger: Logger) async {
        while !Task.isCancelled {
            do {
                let marked = try await run(repository: repository, today: clock())
                if !marked.isEmpty { logger.info("marked \(marked.count) unanswered intervention(s) as no response") }
            } catch {
                logger.error("the no-response sweep failed: \(type(of: error))")
            }
            try? await Task.sleep(for: pause(every: interval, now: clock()))
        }
    }

    /// How long to wait before the next run: the interval, or less when the UTC day turns
    /// sooner, since deadlines pass at midnight and every page should agree from then on.
    public static func pause(every interval: Duration, now: Date) -> Duration {
        let secondsIntoDay = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        let untilMidnight = Duration.milliseconds(Int64(((86_400 - secondsIntoDay) * 1_000).rounded(.up)) + 1_000)
        return min(interval, untilMidnight)
    }
}
