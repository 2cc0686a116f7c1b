public import Foundation
public import HavenCore
import SQLKit

/// An API token as the store keeps it: never the token itself, only its hash.
public struct StoredAPIToken: Sendable, Equatable, Codable, Identifiable {
    /// The token's id, shown in lists and the audit log.
    public var id: UUID
    /// The account it acts for.
    public var accountID: UUID
    /// What the owner called it ("nightly import"); not a secret, not a protected value.
    public var label: String
    /// The role it acts with: the owner's or a lesser one.
    public var role: Role
    /// The compartments it reaches: the owner's or fewer.
    public var compartments: Set<String>
    /// When it was made.
    public var createdAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// When it was revoked, if it was.
    public var revokedAt: Date?

    /// Creates a token record.
    public init(id: UUID = UUID(), accountID: UUID, label: String, role: Role, compartments: Set<String>,
                createdAt: Date, expiresAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.accountID = accountID
        self.label = label
        self.role = role
        self.compartments = compartments
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

extension SQLStore {
    /// Stores a new token under the hash of its secret, with an audit entry.
    public func createAPIToken(_ token: StoredAPIToken, tokenHash: String, by actor: ActingIdentity) async throws {
        try await exclusive {
            _ = try requireUnlocked()
            let detail = "token=\(token.id.wire) role=\(token.role.code) compartments=\(token.compartments.sorted().joined(separator: ",")) expires=\(Timestamp.string(token.expiresAt))"
            let (entries, next) = try signedEntries([AuditEvent(action: .tokenCreate, kind: "account", recordID: token.accountID.wire, detail: detail)], actor: actor)
            try await transaction(on: db) { db in
                try await db.insert(into: "api_tokens")
                    .columns("token_hash", "id", "account_id", "label", "role", "compartments", "created_at", "expires_at", "revoked_at")
                    .values(SQLBind(tokenHash), SQLBind(token.id.wire), SQLBind(token.accountID.wire), SQLBind(token.label),
                            SQLBind(token.role.code), SQLBind(try Self.compartmentsJSON(token.compartments)),
                            SQLBind(Timestamp.string(token.createdAt)), SQLBind(Timestamp.string(token.expiresAt)), SQLBind(String?.none))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = next
        }
    }

    /// The token with this hash, whatever its state; the caller checks expiry and revocation.
    public func apiToken(tokenHash: String) async throws -> StoredAPIToken? {
        try await exclusive {
            try await db.select().columns(TokenRow.columns).from("api_tokens").where("token_hash", .equal, SQLBind(tokenHash))
                .first(decoding: TokenRow.self).map { try $0.token() }
        }
    }

    /// The token with this hash and the account that owns it (nil when there is none), read in
    /// one turn of the store: a request that presents a token passes the store's gate once to
    /// learn who sends it, not once for the token and again for its owner; and what was read is
    /// kept for a moment (``CredentialCache``), so that the next request with it reads neither.
    public func apiTokenWithOwner(tokenHash: String) async throws -> (token: StoredAPIToken, owner: StoredAccount?)? {
        if keys != nil, let kept = credentials.token(tokenHash) { return kept }
        return try await exclusive { () -> (token: StoredAPIToken, owner: StoredAccount?)? in
            let generation = credentials.generation, readAt = ContinuousClock.now
            guard let token = try await db.select().columns(TokenRow.columns).from("api_tokens").where("token_hash", .equal, SQLBind(tokenHash))
                .first(decoding: TokenRow.self).map({ try $0.token() }) else { return nil }
            let found = (token: token, owner: try await accountRow(where: "id", equals: token.accountID.wire).map(openAccount))
            credentials.keep(token: found, hash: tokenHash, readIn: generation, at: readAt)
            return found
        }
    }

    /// An account's tokens, newest first.
    public func apiTokens(accountID: UUID) async throws -> [StoredAPIToken] {
        try await exclusive {
            try await db.select().columns(TokenRow.columns).from("api_tokens").where("account_id", .equal, SQLBind(accountID.wire))
                .orderBy("created_at", .descending).all(decoding: TokenRow.self).map { try $0.token() }
        }
    }

    /// Revokes one of an account's tokens at once. A token of another account is not found.
    public func revokeAPIToken(id: UUID, accountID: UUID, by actor: ActingIdentity) async throws {
        try await exclusive {
            _ = try requireUnlocked()
            struct Row: Decodable { let id: String }
            guard try await db.select().column("id").from("api_tokens").where("id", .equal, SQLBind(id.wire))
                .where("account_id", .equal, SQLBind(accountID.wire)).where("revoked_at", .is, SQLLiteral.null)
                .first(decoding: Row.self) != nil else { throw StoreError.noSuchAPIToken }
            let (entries, next) = try signedEntries([AuditEvent(action: .tokenRevoke, kind: "account", recordID: accountID.wire, detail: "token=\(id.wire)")], actor: actor)
            let now = clock()
            try await transaction(on: db) { db in
                try await db.update("api_tokens").set("revoked_at", to: SQLBind(Timestamp.string(now)))
                    .where("id", .equal, SQLBind(id.wire)).run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            credentials.forget()
        }
    }

    private static func compartmentsJSON(_ compartments: Set<String>) throws -> String {
        String(decoding: try HavenJSON.encoder(instants: .stored).encode(compartments.sorted()), as: UTF8.self)
    }

    struct TokenRow: Decodable {
        static let columns = ["id", "account_id", "label", "role", "compartments", "created_at", "expires_at", "revoked_at"]
        let id: String, account_id: String, label: String, role: String, compartments: String, created_at: String, expires_at: String
        let revoked_at: String?

        func token() throws -> StoredAPIToken {
            guard let id = UUID(uuidString: id), let accountID = UUID(uuidString: account_id), let role = Role(rawValue: role),
                  let compartments = try? HavenJSON.decoder(instants: .stored).decode([String].self, from: Data(compartments.utf8)),
                  let createdAt = Timestamp.date(created_at), let expiresAt = Timestamp.date(expires_at) else {
                throw StoreError.corrupt("an API token row is unreadable")
            }
            return StoredAPIToken(id: id, accountID: accountID, label: label, role: role, compartments: Set(compartments),
                                  createdAt: createdAt, expiresAt: expiresAt, revokedAt: revoked_at.flatMap(Timestamp.date))
        }
    }
}
