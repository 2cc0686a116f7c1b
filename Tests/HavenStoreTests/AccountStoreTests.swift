import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import HavenTestSupport
import Testing

/// Accounts in the store: sealed names, lookup by any spelling of the name, safe updates.
@Suite(.tags(.postgres))
struct AccountStoreTests {
    static let nameCanary = "감시카나리아계정"

    func credentials() throws -> AccountCredentials {
        AccountCredentials(passwordHash: try PasswordHasher.hash("a long enough password", parameters: .forTesting()).encoded,
                           mustChangePassword: true)
    }

    @Test(arguments: Engine.available)
    func accountsAreFoundByAnySpellingOfTheirNameAndSavedSafely(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let account = Account(username: "Kim.Minjung", displayName: "김민정", role: .documenter, compartments: ["seoul-office"])
        let created = try await store.createAccount(account, credentials: try credentials(), by: .localOperator)
        #expect(created.version == 1)

        let found = try #require(try await store.account(username: "  kim.minjung "))
        #expect(found.account.id == account.id)
        #expect(found.account.displayName == "김민정")
        #expect(found.account.compartments == ["seoul-office"])
        #expect(found.credentials.mustChangePassword)
        #expect(try await store.account(username: "kim.minjun") == nil)

        // The same name in another case is taken.
        await #expect(throws: StoreError.self) {
            _ = try await store.createAccount(Account(username: "KIM.MINJUNG", role: .reviewer, compartments: []),
                                              credentials: try credentials(), by: .localOperator)
        }

        var changed = found
        changed.account.disabled = true
        changed.account.compartments.insert("busan-office")
        let saved = try await store.saveAccount(changed, action: .accountDisable, by: .localOperator)
        #expect(saved.version == 2)
        // A save based on the old version is refused.
        await #expect(throws: StoreError.versionConflict(expected: 1, actual: 2)) {
            _ = try await store.saveAccount(found, action: .accountGrant, by: .localOperator)
        }
        try await store.close()

        let reopened = try await fixture.reopened()
        let again = try #require(try await reopened.account(id: account.id))
        #expect(again.account.disabled)
        #expect(again.account.compartments == ["seoul-office", "busan-office"])
        #expect(try await reopened.accounts().map(\.account.username) == ["kim.minjung"])
        #expect(try await reopened.accountCount() == 1)
        let actions = try await reopened.auditLog().map(\.entry.action)
        #expect(actions.contains("account.create"))
        #expect(actions.contains("account.disable"))
        try await reopened.close()
    }

    @Test func accountNamesAndHashesNeverReachTheDiskOrTheLog() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let creds = try credentials()
        _ = try await store.createAccount(Account(username: Self.nameCanary, displayName: Self.nameCanary + " 표시",
                                                  role: .analyst, compartments: ["default"]),
                                          credentials: creds, by: .localOperator)
        let log = try await store.auditLog()
        try await store.close()
        let bytes = try fixture.diskBytes()
        #expect(!bytes.contains(Self.nameCanary))
        #expect(!bytes.contains(String(creds.passwordHash.suffix(20))))
        for entry in log {
            #expect(!entry.entry.detail.contains(Self.nameCanary))
            #expect(!entry.entry.detail.contains("$scrypt$"))
        }
    }

    @Test func recordsCannotUseTheReservedAccountsCompartment() {
        #expect(!Compartment.problems("_accounts").isEmpty)
        #expect(Compartment.problems("seoul-office").isEmpty)
    }
    @Test(arguments: Engine.available)
    func raisingAnAccountsRightsInTheDatabaseWithoutTheKeyMakesItFailToOpen(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let account = Account(username: "reviewer.one", role: .reviewer, compartments: ["seoul-office"])
        _ = try await store.createAccount(account, credentials: try credentials(), by: .localOperator)
        let id = account.id.uuidString.lowercased()
        for (column, value) in [("role", "analyst"), ("compartments", #"["busan-office","seoul-office"]"#)] {
            let original = try #require(try await store.account(id: account.id))
            try await store.db.update("accounts").set(SQLIdentifier(column), to: SQLBind(value)).where("id", .equal, SQLBind(id)).run()
            await #expect(throws: StoreError.self, "a changed \(column) column was accepted") {
                _ = try await store.account(username: "reviewer.one")
            }
            let restored = column == "role" ? original.account.role.code : #"["seoul-office"]"#
            try await store.db.update("accounts").set(SQLIdentifier(column), to: SQLBind(restored)).where("id", .equal, SQLBind(id)).run()
            #expect(try await store.account(username: "reviewer.one")?.account.role == .reviewer)
        }
        try await store.close()
    }

}
