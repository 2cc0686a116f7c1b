import Foundation
import HavenCore
import HavenStore

/// Why a token was not issued.
public enum APITokenError: Error, Sendable, Equatable {
    /// The asked role or compartments exceed the owner's, or the label or lifetime is out of range.
    case invalid(FieldProblem)
}

extension Authenticator {
    /// What every API token starts with, so that secret scanners and people recognise one.
    static let apiTokenPrefix = "haven_"
    /// The longest a token may live.
    public static let maximumTokenLifetimeDays = 365

    /// Issues a token for scripts acting as `account`, with its role and compartments or less.
    /// The secret is returned once; the store keeps its hash.
    public func issueAPIToken(for account: Account, label: String, role: Role?, compartments: Set<String>?,
                              lifetimeDays: Int) async throws -> (secret: String, token: StoredAPIToken) {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(label.count), !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APITokenError.invalid(FieldProblem(field: "label", message: "must be 1–100 characters without control characters"))
        }
        let role = role ?? account.role
        guard role.isAtMost(account.role) else {
            throw APITokenError.invalid(FieldProblem(field: "role", message: "a token cannot do more than its owner's role (\(account.role.code))"))
        }
        let compartments = compartments ?? account.compartments
        guard compartments.isSubset(of: account.compartments) else {
            throw APITokenError.invalid(FieldProblem(field: "compartments", message: "a token can only reach compartments granted to its owner"))
        }
        guard (1...Self.maximumTokenLifetimeDays).contains(lifetimeDays) else {
            throw APITokenError.invalid(FieldProblem(field: "expiresInDays", message: "must be from 1 to \(Self.maximumTokenLifetimeDays)"))
        }
        let now = clock()
        let secret = Self.apiTokenPrefix + Self.newToken()
        let token = StoredAPIToken(accountID: account.id, label: label, role: role, compartments: compartments, createdAt: now,
                                   expiresAt: now.addingTimeInterval(TimeInterval(lifetimeDays) * 86_400))
        try await accounts.createAPIToken(token, tokenHash: Self.hash(secret), by: .account(account.id))
        return (secret, token)
    }

    /// The account and token a presented secret belongs to, if the token is live and its owner enabled.
    public func authenticate(apiToken secret: String) async throws -> (account: Account, token: StoredAPIToken)? {
        guard secret.hasPrefix(Self.apiTokenPrefix), let (token, owner) = try await accounts.apiTokenWithOwner(tokenHash: Self.hash(secret)),
              token.revokedAt == nil, token.expiresAt > clock(), let owner, !owner.account.disabled else { return nil }
        return (owner.account, token)
    }
}
