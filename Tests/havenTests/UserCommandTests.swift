import ArgumentParser
import Foundation
@testable import haven
import HavenCore
import HavenCrypto
import HavenStore
import Testing

/// `haven init`'s first administrator and the `haven user` commands, run from argument arrays.
@Suite(.serialized)
struct UserCommandTests {
    let cli = CommandLineTests()

    @Test func initCreatesTheFirstAdministratorWithAOneTimePassword() async throws {
        let scratch = try CommandLineTests.Scratch()
        try await cli.haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key"), "--admin", "Kim.Admin"])
        let accounts = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.accounts() }
        #expect(accounts.count == 1)
        let admin = try #require(accounts.first)
        #expect(admin.account.username == "kim.admin")
        #expect(admin.account.role == .administrator)
        #expect(admin.account.compartments.isEmpty)
        #expect(admin.credentials.mustChangePassword)
        #expect(!admin.credentials.hasSecondFactor)
        #expect(PasswordHash(encoded: admin.credentials.passwordHash)?.parameters.logN == 17)
    }

    @Test func userCommandsAddGrantRevokeDisableAndResetTheSecondFactor() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("a"), "--key-file", scratch.path("a.key")]
        try await cli.haven(["init"] + vault)
        try await cli.haven(["user", "add"] + vault + ["--username", "민정", "--role", "documenter", "--compartment", "seoul"])
        try await cli.haven(["user", "grant"] + vault + ["민정", "--compartment", "busan", "--role", "analyst"])
        try await cli.haven(["user", "revoke"] + vault + ["민정", "--compartment", "seoul"])
        try await cli.haven(["user", "list"] + vault)

        var minjung = try #require(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.account(username: "민정") })
        #expect(minjung.account.role == .analyst)
        #expect(minjung.account.compartments == ["busan"])
        #expect(!minjung.account.disabled)

        // Pretend she enrolled a factor, then reset it and disable her.
        minjung.credentials.totpSecret = TOTP.randomSecret()
        minjung.credentials.recoveryCodeHashes = ["00"]
        _ = try await cli.withStore(scratch, vault: "a", key: "a.key") {
            try await $0.saveAccount(minjung, action: .mfaEnrol, by: .localOperator)
        }
        // A session she holds ends when her factor is reset, and another when she is disabled.
        let session = { (hash: String) in
            StoredSession(tokenHash: hash, accountID: minjung.account.id, scope: .full, createdAt: Date(), lastSeenAt: Date(), address: "test")
        }
        _ = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.createSession(session("one"), by: .localOperator) }
        try await cli.haven(["user", "reset-mfa"] + vault + ["민정"])
        #expect(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.session(tokenHash: "one") } == nil)
        _ = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.createSession(session("two"), by: .localOperator) }
        try await cli.haven(["user", "disable"] + vault + ["민정"])
        #expect(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.session(tokenHash: "two") } == nil)
        let after = try #require(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.account(username: "민정") })
        #expect(!after.credentials.hasSecondFactor)
        #expect(after.credentials.recoveryCodeHashes.isEmpty)
        #expect(after.account.disabled)

        try await cli.haven(["audit", "log"] + vault + ["--actor", "민정", "--since", "2020-01-01"])
        let actions = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().map(\.entry.action) }
        let query = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().last { $0.entry.action == "audit.query" } }
        #expect(query?.entry.detail.contains("actor=account:\(minjung.account.id.uuidString.lowercased())") == true)
        for action in ["account.create", "account.grant", "account.revoke", "account.reset-mfa", "account.disable"] {
            #expect(actions.contains(action), "\(action) is not in the audit log")
        }
    }

    @Test func userCommandsRefuseUnknownRolesNamesAndAccounts() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("a"), "--key-file", scratch.path("a.key")]
        try await cli.haven(["init"] + vault)
        await #expect(throws: (any Error).self) {
            try await cli.haven(["user", "add"] + vault + ["--username", "park", "--role", "superuser"])
        }
        do {
            try await cli.haven(["user", "add"] + vault + ["--username", "a b", "--role", "reviewer"])
            Issue.record("a user name with a space was accepted")
        } catch let error as CLIError {
            #expect(error.description.contains("2–64"))
            #expect(error.description.contains("사용자 이름"))
        }
        do {
            try await cli.haven(["user", "disable"] + vault + ["nobody"])
            Issue.record("disabling a missing account succeeded")
        } catch let error as CLIError {
            #expect(error.description.contains("no account named nobody"))
        }
        await #expect(throws: (any Error).self) { try await cli.haven(["user", "grant"] + vault + ["admin"]) }
        let count = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.accountCount() }
        #expect(count == 1)
    }

    @Test func aOneTimePasswordVerifiesAndMeetsThePolicy() async throws {
        let scratch = try CommandLineTests.Scratch()
        try await cli.haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        let password = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
            try await UserAdd.create(in: store, username: "reviewer.lee", displayName: nil, role: .reviewer, compartments: ["default"])
        }
        #expect(PasswordPolicy().problem(with: password) == nil)
        let stored = try #require(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.account(username: "reviewer.lee") })
        let hash = try #require(PasswordHash(encoded: stored.credentials.passwordHash))
        #expect(PasswordHasher.verify(password, against: hash))
        #expect(!PasswordHasher.verify(password + "x", against: hash))
    }
}
