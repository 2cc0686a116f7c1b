import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import HavenTestSupport
import Testing

/// Sessions and API tokens are kept for a moment after they are read (``CredentialCache``), so
/// that a request does not read its credential from the database again; what these pin is that
/// the moment never lets an ended session, a revoked token or a disabled account through: this
/// process's own changes are seen at once, another process's once the store catches up with the
/// audit log, and either within the cache's lifetime.
@Suite(.tags(.postgres))
struct CredentialCacheTests {
    struct Signed {
        let account: StoredAccount
        let sessionHash: String
        let tokenHash: String
    }

    func signedIn(_ store: SQLStore) async throws -> Signed {
        let credentials = AccountCredentials(passwordHash: try PasswordHasher.hash("a long enough password", parameters: .forTesting()).encoded,
                                             mustChangePassword: false)
        let account = try await store.createAccount(Account(username: "cache.reader", role: .analyst, compartments: ["alpha"]),
                                                    credentials: credentials, by: .localOperator)
        let now = Date()
        let sessionHash = SHA256Hex.of(Data("a session token".utf8)), tokenHash = SHA256Hex.of(Data("an api token".utf8))
        try await store.createSession(StoredSession(tokenHash: sessionHash, accountID: account.account.id, scope: .full, createdAt: now,
                                                    lastSeenAt: now, address: "127.0.0.1"), by: .localOperator)
        try await store.createAPIToken(StoredAPIToken(accountID: account.account.id, label: "cache", role: .analyst, compartments: ["alpha"],
                                                      createdAt: now, expiresAt: now.addingTimeInterval(86_400)),
                                       tokenHash: tokenHash, by: .localOperator)
        // Read once each, so that both are kept.
        #expect(try await store.sessionWithAccount(tokenHash: sessionHash) != nil)
        #expect(try await store.apiTokenWithOwner(tokenHash: tokenHash) != nil)
        return Signed(account: account, sessionHash: sessionHash, tokenHash: tokenHash)
    }

    @Test(arguments: Engine.available)
    func thisProcesssOwnEndsRevocationsAndAccountChangesAreSeenAtOnce(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        await store.keepCredentials(for: .seconds(3_600))
        let signed = try await signedIn(store)

        var disabled = signed.account
        disabled.account.disabled = true
        _ = try await store.saveAccount(disabled, action: .accountDisable, by: .localOperator)
        #expect(try await store.sessionWithAccount(tokenHash: signed.sessionHash)?.account?.account.disabled == true)
        #expect(try await store.apiTokenWithOwner(tokenHash: signed.tokenHash)?.owner?.account.disabled == true)

        let token = try #require(try await store.apiTokens(accountID: signed.account.account.id).first)
        try await store.revokeAPIToken(id: token.id, accountID: signed.account.account.id, by: .localOperator)
        #expect(try await store.apiTokenWithOwner(tokenHash: signed.tokenHash)?.token.revokedAt != nil)

        try await store.endSession(tokenHash: signed.sessionHash, accountID: signed.account.account.id, reason: .revoked, by: .localOperator)
        #expect(try await store.sessionWithAccount(tokenHash: signed.sessionHash) == nil)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func anotherProcesssChangesAreSeenOnceTheStoreCatchesUpWithTheLog(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        await server.keepCredentials(for: .seconds(3_600))
        let signed = try await signedIn(server)
        let command = try await fixture.reopened()
        try await command.endSessions(accountID: signed.account.account.id, reason: .revoked, by: .localOperator)
        let token = try #require(try await command.apiTokens(accountID: signed.account.account.id).first)
        try await command.revokeAPIToken(id: token.id, accountID: signed.account.account.id, by: .localOperator)

        // Until it looks, the server answers from what it kept: this is the moment the lifetime bounds.
        #expect(try await server.sessionWithAccount(tokenHash: signed.sessionHash) != nil)
        // An audited read looks (its entry's commit finds the log moved), and so does following.
        _ = try await server.create(Event(title: "가상 기록"), by: .localOperator)
        #expect(try await server.sessionWithAccount(tokenHash: signed.sessionHash) == nil)
        #expect(try await server.apiTokenWithOwner(tokenHash: signed.tokenHash)?.token.revokedAt != nil)
        try await command.close()
        try await server.close()
    }

    @Test(arguments: Engine.available)
    func aKeptCredentialIsNeverUsedPastTheCachesLifetime(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let server = try await fixture.initialised()
        await server.keepCredentials(for: .milliseconds(200))
        let signed = try await signedIn(server)
        let command = try await fixture.reopened()
        var disabled = try #require(try await command.account(id: signed.account.account.id))
        disabled.account.disabled = true
        _ = try await command.saveAccount(disabled, action: .accountDisable, by: .localOperator)
        try await Task.sleep(for: .milliseconds(300))
        // The server has not looked at the log since, and still sees the change.
        #expect(try await server.apiTokenWithOwner(tokenHash: signed.tokenHash)?.owner?.account.disabled == true)
        #expect(try await server.sessionWithAccount(tokenHash: signed.sessionHash)?.account?.account.disabled == true)
        try await command.close()
        try await server.close()
    }

    @Test(arguments: Engine.available)
    func aLockedStoreAnswersNothingFromWhatItKept(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        await store.keepCredentials(for: .seconds(3_600))
        let signed = try await signedIn(store)
        await store.lock()
        await #expect(throws: StoreError.self) { _ = try await store.sessionWithAccount(tokenHash: signed.sessionHash) }
        try await store.close()
    }
}
