import Foundation

/// Sessions and API tokens as this store last read them, with their owners' accounts. Every
/// request presents one, and reading it from the database each time (two statements through the
/// store's gate) cost more than the record the request was for. Owned by the store actor and
/// touched only from its isolation, like ``AuditQueue``.
///
/// A credential must not outlive its end by more than a moment. This process's own changes to
/// sessions, API tokens and accounts empty the cache at once (``forget()``);
/// another process's (a `haven` command beside the server, another server on the same
/// PostgreSQL) empty it as soon as this store catches up with the audit log, which every audited
/// request does, and an entry is never used after ``lifetime`` in any case. Unknown credentials
/// are not kept, so that a flood of invented tokens cannot fill it.
final class CredentialCache {
    struct Entry<Value> {
        var value: Value
        let readAt: ContinuousClock.Instant
    }

    typealias SessionValue = (session: StoredSession, account: StoredAccount?)
    typealias TokenValue = (token: StoredAPIToken, owner: StoredAccount?)

    private var sessions: [String: Entry<SessionValue>] = [:]
    private var tokens: [String: Entry<TokenValue>] = [:]
    /// Moves on every ``forget()``: a lookup that began before it does not store what it read.
    private(set) var generation = 0
    /// How long an entry may be used at most, whatever this store has seen meanwhile.
    var lifetime: Duration = .seconds(1)
    /// How many credentials are kept at most before the cache starts again empty.
    static let capacity = 10_000

    func session(_ tokenHash: String) -> SessionValue? {
        guard let entry = sessions[tokenHash], ContinuousClock.now - entry.readAt < lifetime else { return nil }
        return entry.value
    }

    func token(_ tokenHash: String) -> TokenValue? {
        guard let entry = tokens[tokenHash], ContinuousClock.now - entry.readAt < lifetime else { return nil }
        return entry.value
    }

    /// Keeps what a lookup read, unless the cache was emptied since it began (`generation`).
    func keep(session value: SessionValue, readIn generation: Int, at readAt: ContinuousClock.Instant) {
        guard generation == self.generation else { return }
        if sessions.count >= Self.capacity { sessions = [:] }
        sessions[value.session.tokenHash] = Entry(value: value, readAt: readAt)
    }

    func keep(token value: TokenValue, hash: String, readIn generation: Int, at readAt: ContinuousClock.Instant) {
        guard generation == self.generation else { return }
        if tokens.count >= Self.capacity { tokens = [:] }
        tokens[hash] = Entry(value: value, readAt: readAt)
    }

    /// A session's last request moved (it was touched): the kept copy follows.
    func touched(_ tokenHash: String, at date: Date) {
        sessions[tokenHash]?.value.session.lastSeenAt = date
    }

    func forget() {
        sessions = [:]
        tokens = [:]
        generation += 1
    }
}

extension SQLStore {
    /// Sets how long a credential read is kept (tests shorten and lengthen it).
    func keepCredentials(for lifetime: Duration) {
        credentials.lifetime = lifetime
    }
}
