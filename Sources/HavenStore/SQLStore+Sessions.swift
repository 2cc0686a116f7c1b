public import Foundation
public import HavenCore
import SQLKit

/// A signed-in session as stored: the hash of its token, never the token.
public struct StoredSession: Sendable, Equatable {
    /// SHA-256 of the token, hex.
    public var tokenHash: String
    /// Whose session it is.
    public var accountID: UUID
    /// What it may do.
    public var scope: SessionScope
    /// When the person signed in.
    public var createdAt: Date
    /// The last request.
    public var lastSeenAt: Date
    /// The client address it signed in from, for the access log.
    public var address: String

    /// Creates a session value.
    public init(tokenHash: String, accountID: UUID, scope: SessionScope, createdAt: Date, lastSeenAt: Date, address: String) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.scope = scope
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.address = address
    }
}

extension SQLStore {
    /// Stores a new session and writes the sign-in to the audit log.
    public func createSession(_ session: StoredSession, by actor: ActingIdentity) async throws {
        try await exclusive {
            let (entries, next) = try signedEntries(
                [AuditEvent(action: .loginSuccess, kind: "account", recordID: session.accountID.wire, detail: "scope=\(session.scope.rawValue) from=\(session.address)")],
                actor: actor)
            try await transaction(on: db) { db in
                try await db.insert(into: "sessions")
                    .columns("token_hash", "account_id", "scope", "created_at", "last_seen_at", "address")
                    .values(SQLBind(session.tokenHash), SQLBind(session.accountID.wire), SQLBind(session.scope.rawValue),
                            SQLBind(Timestamp.string(session.createdAt)), SQLBind(Timestamp.string(session.lastSeenAt)),
                            SQLBind(session.address))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = next
        }
    }

    /// The session with this token hash, or nil.
    public func session(tokenHash: String) async throws -> StoredSession? {
        struct Row: Decodable {
            let token_hash: String, account_id: String, scope: String, created_at: String, last_seen_at: String, address: String
        }
        let row = try await unserialised {
            try await db.select().columns("token_hash", "account_id", "scope", "created_at", "last_seen_at", "address")
                .from("sessions").where("token_hash", .equal, SQLBind(tokenHash)).first(decoding: Row.self)
        }
        return try row.map { r in
            guard let id = UUID(uuidString: r.account_id), let scope = SessionScope(rawValue: r.scope),
                  let created = Timestamp.date(r.created_at), let seen = Timestamp.date(r.last_seen_at)
            else { throw StoreError.corrupt("a session row is unreadable") }
            return StoredSession(tokenHash: r.token_hash, accountID: id, scope: scope, createdAt: created, lastSeenAt: seen, address: r.address)
        }
    }

    /// The session with this token hash and the account it belongs to (nil when the account is
    /// gone), read in one turn of the store: every request signed in with a session asks for
    /// both, and passes the store's gate once for them.
    /// What was read is kept for a moment (``CredentialCache``): the next request on the same
    /// session reads neither.
    public func sessionWithAccount(tokenHash: String) async throws -> (session: StoredSession, account: StoredAccount?)? {
        if keys != nil, let kept = credentials.session(tokenHash) { return kept }
        return try await exclusive { () -> (session: StoredSession, account: StoredAccount?)? in
            let generation = credentials.generation, readAt = ContinuousClock.now
            guard let session = try await session(tokenHash: tokenHash) else { return nil }
            let found = (session: session, account: try await accountRow(where: "id", equals: session.accountID.wire).map(openAccount))
            credentials.keep(session: found, readIn: generation, at: readAt)
            return found
        }
    }

    /// Records a request on a session (the idle timeout counts from here).
    public func touchSession(tokenHash: String, at date: Date) async throws {
        try await db.update("sessions").set("last_seen_at", to: SQLBind(Timestamp.string(date)))
            .where("token_hash", .equal, SQLBind(tokenHash)).run()
        credentials.touched(tokenHash, at: date)
    }

    /// Ends one session (sign-out or expiry) with an audit entry.
    public func endSession(tokenHash: String, accountID: UUID, reason: SessionEnd, by actor: ActingIdentity) async throws {
        try await exclusive {
            let (entries, next) = try signedEntries(
                [AuditEvent(action: .sessionEnd, kind: "account", recordID: accountID.wire, detail: "reason=\(reason.rawValue)")], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "sessions").where("token_hash", .equal, SQLBind(tokenHash)).run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            credentials.forget()
        }
    }

    /// Ends every session of an account at once (password change, disable, reset), with one
    /// audit entry; returns how many ended.
    @discardableResult
    public func endSessions(accountID: UUID, reason: SessionEnd, by actor: ActingIdentity) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await exclusive {
            let count = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
                .where("account_id", .equal, SQLBind(accountID.wire)).first(decoding: Row.self)?.n ?? 0
            let (entries, next) = try signedEntries(
                [AuditEvent(action: .sessionEndAll, kind: "account", recordID: accountID.wire, detail: "reason=\(reason.rawValue) sessions=\(count)")], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "sessions").where("account_id", .equal, SQLBind(accountID.wire)).run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            credentials.forget()
            return count
        }
    }
}

extension SQLStore {
    /// Writes a failed sign-in for a user name that has no account. The name is not written:
    /// it may be a mistyped password.
    public func recordSignInFailureForUnknownAccount(address: String) async throws {
        try await exclusive {
            try await audit(.loginFailure, kind: "account", detail: "account=unknown from=\(address)", by: .system)
        }
    }

    /// Records a sign-in refused unchecked because the account, the name or the address is
    /// being throttled: every attempt is on the record, not only those that were checked.
    /// `accountID` is nil for a name that belongs to no account.
    public func recordThrottledSignIn(accountID: UUID?, address: String) async throws {
        try await exclusive {
            try await audit(.loginThrottled, kind: "account", recordID: accountID?.wire ?? "",
                            detail: "account=\(accountID == nil ? "unknown" : "known") from=\(address)", by: .system)
        }
    }
}
