import HavenCore

/// Reads' audit entries waiting for the next group commit (see ``SQLStore/logged(_:by:)``).
/// Owned by the store actor and touched only from its isolation, like ``SerialGate``.
final class AuditQueue {
    struct Waiting {
        let events: [AuditEvent]
        let actor: ActingIdentity
        /// Resumed with true once the entries are durable, false when the log had moved (see ``SQLStore/logged(_:by:)``).
        let done: CheckedContinuation<Bool, any Error>
    }

    var waiting: [Waiting] = []
    /// Whether a commit of the waiting entries is already on its way to the gate.
    var commitScheduled = false
    /// How many group commits have written, for tests that check reads share them.
    var commits = 0
}

extension SQLStore {
    /// How many group commits of reads' entries this store has written.
    var auditGroupCommits: Int { auditQueue.commits }

    /// Runs a read with the gate held, then appends the audit entries it names and returns its
    /// result only once they are durable: a record is never shown before the log says who saw it.
    ///
    /// The entries are appended after the gate is left, by a group commit: every read that
    /// finishes while one commit is writing joins the next, one transaction and one sync for all
    /// of them, rather than one sync per read (a disk syncs a few hundred times a second at best,
    /// so that was the ceiling on reads a second). When another process had written meanwhile,
    /// the read may have answered from before that write: it looks again, with the index caught
    /// up, and only what it then finds is logged and shown. A read that finds nothing looks
    /// again if the index was behind, before it says so.
    func auditedRead<T: Sendable>(by actor: ActingIdentity, _ body: () async throws -> (result: T, events: [AuditEvent])) async throws -> T {
        for _ in 0..<Self.attemptsWhenTheLogMoves {
            let (result, events) = try await exclusive {
                // A read that shows nothing logs nothing, so no group commit finds out that
                // another process wrote meanwhile: "nothing" is said only once caught up, or a
                // record just written on another server would answer 404 here.
                do {
                    let answer = try await body()
                    guard answer.events.isEmpty, try await catchUpWithAuditLog() else { return answer }
                } catch let error as StoreError {
                    guard case .notFound = error, try await catchUpWithAuditLog() else { throw error }
                }
                return try await body()
            }
            if try await logged(events, by: actor) { return result }
        }
        throw StoreError.busy
    }

    /// Appends `events` with the next group commit and answers true once they are durable, or
    /// false, appending nothing, when another process had appended to the log since this store
    /// last looked (it has caught up since; the caller reads again). Throws what the commit threw
    /// (the store unavailable), so that the caller shows nothing. Never call it with the gate
    /// held: the commit needs the gate.
    func logged(_ events: [AuditEvent], by actor: ActingIdentity) async throws -> Bool {
        guard !events.isEmpty else { return true }
        return try await withCheckedThrowingContinuation { (done: CheckedContinuation<Bool, any Error>) in
            auditQueue.waiting.append(AuditQueue.Waiting(events: events, actor: actor, done: done))
            if !auditQueue.commitScheduled {
                auditQueue.commitScheduled = true
                Task { await self.commitWaitingEntries() }
            }
        }
    }

    /// Appends every waiting entry in one transaction, in the order they arrived.
    private func commitWaitingEntries() async {
        var batch: [AuditQueue.Waiting] = []
        let appended: Bool
        do {
            appended = try await exclusive {
                // Taken with the gate held, so that entries arriving during this commit wait for
                // the next one.
                batch = auditQueue.waiting
                auditQueue.waiting = []
                auditQueue.commitScheduled = false
                let (entries, next) = try signedEntries(batch.flatMap { waiting in waiting.events.map { ($0, waiting.actor) } })
                do {
                    try await transaction(on: db) { db in try await Self.append(entries, on: db) }
                } catch is AuditLogMoved {
                    try await catchUpWithAuditLog()
                    return false
                }
                frontier = next
                auditQueue.commits += 1
                return true
            }
        } catch {
            for waiting in batch { waiting.done.resume(throwing: error) }
            return
        }
        for waiting in batch { waiting.done.resume(returning: appended) }
    }
}
